# solution
