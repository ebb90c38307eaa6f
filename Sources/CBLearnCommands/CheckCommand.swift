import ArgumentParser
import Checking
import Conformance
import Curriculum
import Foundation
import Subjects

/// `cblearn check STEP PATH`: runs a step's checks on a solution.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Run a step's conformance checks on your breaker (a .swift or .py file, or --exec CMD).",
    discussion: """
      Exit status: 0 when every `must` check passes, 1 when one fails, 2 when the checks could not run
      (usage, compile error, missing file, a subject that cannot start).
      Examples:
        cblearn check 3 steps/03-basic-breaker/python/breaker.py
        cblearn check basic-breaker Breaker.swift --format json
        cblearn check 3 --exec "node my-adapter.js"
      """)

  @Argument(help: "The step: its number (3) or slug (basic-breaker).")
  var step: String

  @Argument(help: "The solution file: .swift or .py.", completion: .file(extensions: ["swift", "py"]))
  var path: String?

  @OptionGroup var options: RunOptions

  func validate() throws {
    if path == nil && options.exec == nil { throw ValidationError("give the solution file, or --exec \"COMMAND\"") }
    if path != nil && options.exec != nil { throw ValidationError("give either a solution file or --exec, not both") }
  }

  func run() throws {
    let terminal = Output.current
    do {
      let content = try ContentRoot.locate()
      let pathStep = try LearningPath.standard.resolve(step)
      let source = try SubjectSource.detect(path: path, exec: options.exec)
      var checker = StepChecker(content: content, limits: options.limits)
      checker.variants = options.variants
      let progress = ProgressLine(enabled: options.format == .text && terminal.stderrIsTerminal)
      let result = try checker.check(
        step: pathStep, source: source, seed: options.seed,
        compiling: { progress.say("compiling \(path ?? "") with swiftc…") },
        progress: { done, total, check in progress.say("checking \(done)/\(total) \(check.id)") })
      progress.clear()
      switch options.format {
      case .json: try Output.printJSON(result)
      case .text: print(ReportText.render(result, replay: "cblearn check \(step) \(path ?? "--exec \"\(options.exec ?? "")\"") --seed \(options.seed)"))
      }
      if !result.passed { throw ExitCode(1) }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }
}

/// The options every command that runs checks shares.
struct RunOptions: ParsableArguments {
  @Option(help: "Run any program that speaks the cblearn protocol (docs/protocol.md) instead of a file.")
  var exec: String?

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(help: "Seed for the configuration variants and start times; the same seed gives the same results.")
  var seed: UInt64 = 1

  @Option(help: "Seconds to wait for each reply from the breaker.")
  var timeout: Double = 2

  @Option(help: "Configuration variants per check besides the exercise's own (more probes more thresholds).")
  var variants: Int = 2

  /// The limits for subjects, from the options.
  var limits: SubjectLimits {
    var limits = SubjectLimits()
    limits.replyTimeout = timeout
    return limits
  }

  func validate() throws {
    guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be between 0 and 600 seconds") }
    guard (0...20).contains(variants) else { throw ValidationError("--variants must be between 0 and 20") }
  }

  /// `text` or `json`.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }
}
