import ArgumentParser

/// `cblearn reset STEP`: restores a step's starter file, keeping a backup of the learner's.
struct ResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract: "Restore the starter file of a step; your file is kept in .cblearn/backups.")

  @Argument(help: "The step: its number (3) or slug (basic-breaker).")
  var step: String

  @Flag(help: "Do not ask for confirmation.")
  var yes = false

  @OptionGroup var options: LearnerOptions

  func run() throws {
    try options.run("reset \(step)" + (yes ? " --yes" : ""))
  }
}
