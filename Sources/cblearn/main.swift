import CBLearnCommands

CBLearn.entryPoint()
