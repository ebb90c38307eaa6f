// solution
