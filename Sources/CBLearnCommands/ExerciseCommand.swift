import ArgumentParser

/// `cblearn exercise [STEP]`: show the task of a step and the file to edit.
struct ExerciseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exercise",
    abstract: "Show the task of a step and the file to edit.")

  @Argument(help: "The step: its number (3) or slug (basic-breaker); the current step by default.")
  var step: String?

  @OptionGroup var options: LearnerOptions

  func run() throws {
    try options.run("exercise" + (step.map { " \($0)" } ?? ""))
  }
}
