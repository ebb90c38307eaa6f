import CBLearnCommands

CBLearn.main()
