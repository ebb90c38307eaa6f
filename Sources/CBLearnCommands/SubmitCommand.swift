import ArgumentParser
import Curriculum
import Progress
import REPL

/// `cblearn submit [STEP]`: check your file and record the step as done when every must check passes.
struct SubmitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "submit",
    abstract: "Check your file and record the step as done when every must check passes.",
    discussion: "Exit status: 0 when the step is done, 1 otherwise.")

  @Argument(help: "The step: its number (3) or slug (basic-breaker); the current step by default.")
  var step: String?

  @OptionGroup var options: LearnerOptions

  func run() throws {
    let session = try options.run("submit" + (step.map { " \($0)" } ?? ""))
    let number = try step.map { try LearningPath.standard.resolve($0).number } ?? session.currentStep.number
    if session.workspace.progress.status(number) != .done { throw ExitCode(1) }
  }
}
