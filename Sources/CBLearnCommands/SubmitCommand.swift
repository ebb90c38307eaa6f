import ArgumentParser

/// `cblearn submit [STEP]`: check your file and record the step as done when every must check passes.
struct SubmitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "submit",
    abstract: "Check your file and record the step as done when every must check passes.")

  @Argument(help: "The step: its number (3) or slug (basic-breaker); the current step by default.")
  var step: String?

  @OptionGroup var options: LearnerOptions

  func run() throws {
    try options.run("submit" + (step.map { " \($0)" } ?? ""))
  }
}
