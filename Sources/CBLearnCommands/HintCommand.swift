import ArgumentParser

/// `cblearn hint [STEP]`: show the next hint of a step: a nudge, the idea, then nearly the code.
struct HintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hint",
    abstract: "Show the next hint of a step: a nudge, the idea, then nearly the code.")

  @Argument(help: "The step: its number (3) or slug (basic-breaker); the current step by default.")
  var step: String?

  @OptionGroup var options: LearnerOptions

  func run() throws {
    try options.run("hint" + (step.map { " \($0)" } ?? ""))
  }
}
