import Checking
import Conformance
import Curriculum
import Foundation
import Progress
import TerminalUI

/// The learner's session: the workspace, the current step, and every REPL command.
public final class LearnerSession {
  public let workspace: Workspace
  public let console: Console
  let checker: any CheckService
  /// Replaces running `cblearn simulate` for the `simulate` command (tests, embedders).
  public var simulator: ((Console) throws -> Void)?
  /// Replaces the terminal and the file system as the source of `watch`'s events (tests).
  public var watchSource: ((URL) -> any WatchSource)?
  /// The last report shown by `check` or `submit`, for `why`.
  var lastResult: StepResult?
  /// Quiz answers given so far in this session, by question id (kept when the quiz is left with Ctrl-C).
  var quizAnswers: [String: QuizVerdict] = [:]

  public init(workspace: Workspace, console: Console, checker: any CheckService) {
    self.workspace = workspace
    self.console = console
    self.checker = checker
  }

  var progress: LearnerProgress { workspace.progress }
  var path: LearningPath { workspace.path }

  /// The step the learner is on.
  public var currentStep: PathStep { path.step(progress.currentStep) ?? path.steps[0] }

  /// `cblearn 3/10 ▸ `, with `✓` when the step is done and `locked` when it is locked.
  public var prompt: String {
    let step = progress.currentStep
    let state: String
    switch progress.status(step) {
    case .done: state = console.glyph(" ✓", " done")
    case .locked: state = " locked"
    default: state = ""
    }
    return "cblearn \(step)/\(path.count)\(state) \(console.glyph("▸", ">")) "
  }

  /// Runs one command line, printing any error; returns `false` when the learner quits.
  @discardableResult
  public func execute(_ line: String) -> Bool {
    do {
      return try run(line)
    } catch {
      console.error(ControlEscaper.escape("\(error)"))
      return true
    }
  }

  /// Runs one command line; throws what went wrong (for the plain subcommands and their exit codes).
  @discardableResult
  public func run(_ line: String) throws -> Bool {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let first = words.first?.lowercased() else { return true }
    let name = REPLCommand.aliases[first] ?? first
    let arguments = Array(words.dropFirst())
    switch name {
    case "quit": return false
    case "help": help()
    case "path": showPath()
    case "lesson": try lesson(arguments.first)
    case "diagram": try diagram(arguments.first)
    case "exercise": try exercise(arguments.first)
    case "edit": try edit(arguments.first)
    case "check": try check(arguments.first)
    case "why": try why(arguments.first)
    case "clear": clear()
    case "watch": try watch(arguments.first)
    case "hint": try hint(arguments.first)
    case "submit": try submit(arguments.first)
    case "next": try move(by: 1, fromMine: arguments.contains("--from-mine"))
    case "prev": try move(by: -1)
    case "goto":
      guard let target = arguments.first else { throw REPLError.usage("goto STEP (a number 1-10 or a slug)") }
      try goto(target)
    case "reset": try reset(arguments.first { $0 != "--yes" }, confirmed: arguments.contains("--yes"))
    case "quiz": try quiz()
    case "simulate": try simulate(arguments)
    case "track": try track(arguments.first)
    case "unlock-all": try unlockAll()
    default: throw REPLError.unknownCommand(first, suggestion: EditDistance.closest(to: first, in: REPLCommand.names))
    }
    return true
  }

  func help() {
    let width = REPLCommand.all.map { ($0.name + " " + $0.arguments).count }.max() ?? 0
    console.line("Commands:")
    for command in REPLCommand.all {
      let usage = (command.name + " " + command.arguments).padding(toLength: width, withPad: " ", startingAt: 0)
      console.line("  \(usage)  \(command.summary)")
    }
    console.line("STEP is a number (3) or a slug (basic-breaker). Tab completes commands, steps and paths.")
  }

  func showPath() {
    console.lines(PathView(path: path, progress: progress).render(on: console))
  }

  /// The step named by an argument, or the current one.
  func step(_ argument: String?) throws -> PathStep {
    guard let argument else { return currentStep }
    return try path.resolve(argument)
  }

  /// Saves a progress change, reporting a failure to write.
  func record(_ change: (inout LearnerProgress) -> Void) {
    do { try workspace.update(change) } catch { console.error("\(error)") }
  }
}
