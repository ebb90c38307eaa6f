import ArgumentParser
import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import TerminalUI

/// `cblearn check STEP PATH`: runs a step's checks (or explore mode) on a solution.
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
        cblearn check 5 breaker.py --explore --runs 500      # random sequences against the reference model
        cblearn check 5 breaker.py --replay divergence.txt   # run a script explore mode printed
        cblearn check 10 Breaker.swift --plan my-plan.yaml    # the capstone with this breaker plan
      Step 10 runs the `chaos` scenario with your breaker plan: breakers.yaml next to FILE (or one folder up
      from a swift/ or python/ folder), or --plan PATH; without one it runs the starter plan and says so.
      """)

  @Argument(help: "The step: its number (3) or slug (basic-breaker).")
  var step: String

  @Argument(help: "The solution file: .swift or .py.", completion: .file(extensions: ["swift", "py"]))
  var path: String?

  @OptionGroup var options: RunOptions

  @Option(
    help: ArgumentHelp(
      "Step 10: the breaker plan (default: breakers.yaml next to the file, or one folder up).", valueName: "path"),
    completion: .file(extensions: ["yaml", "yml"]))
  var plan: String?

  @Flag(help: "Show every failing check in full: expected and observed, the timeline and the trace.")
  var verbose = false

  @OptionGroup var explore: ExploreOptions

  @Option(help: "Seeds to check under, from --seed on; each check keeps its worst result (as grading does).")
  var seeds: Int = StepChecker.defaultSeedCount

  @Option(
    help: ArgumentHelp(
      "Random sequences of the exploration after the scripted checks (explore.model-agrees), shared by the "
        + "seeds; 0 leaves it out."))
  var exploreRuns = ExploreCheck.standard.runs

  func validate() throws {
    if path == nil && options.exec == nil { throw ValidationError("give the solution file, or --exec \"COMMAND\"") }
    if path != nil && options.exec != nil { throw ValidationError("give either a solution file or --exec, not both") }
    guard (1...10).contains(seeds) else { throw ValidationError("--seeds must be between 1 and 10") }
    guard (0...100_000).contains(exploreRuns) else {
      throw ValidationError("--explore-runs must be between 0 and 100000")
    }
  }

  func run() throws {
    do {
      let content = try ContentRoot.locate()
      let pathStep = try LearningPath.standard.resolve(step)
      let source = try SubjectSource.detect(path: path, exec: options.exec)
      var checker = StepChecker(content: content, limits: options.limits)
      checker.variants = options.variants
      checker.exploration.runs = exploreRuns
      checker.seedJobs = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
      checker.planFile = try plan.map(Self.planURL)
      if plan != nil, try checker.exercise(pathStep).manifest.kind != .simulation {
        throw ValidationError("--plan is for step 10, the capstone: it configures the breakers of the simulation")
      }
      let progress = options.progressLine()
      let compiling = { progress.update("compiling \(path ?? "") with swiftc…") }
      if let report = try explore.run(
        checker: checker, source: source, progress: progress,
        scripted: {
          try checker.explore(
            step: pathStep, source: source, seed: options.seed, runs: explore.runs, length: explore.length,
            compiling: compiling)
        })
      {
        try options.emit(report)
        return
      }
      let result = try checker.check(
        step: pathStep, source: source, seeds: StepChecker.seeds(from: options.seed, count: seeds),
        compiling: compiling,
        progress: { done, total, check in progress.update("checking \(done)/\(total) \(check.id)") })
      progress.finish()
      switch options.format {
      case .json: try Output.printJSON(result)
      case .text:
        let renderer = ReportRenderer(info: options.terminal, source: options.sourceText(path), verbose: verbose)
        for line in renderer.render(result.report) {
          print(line)
        }
        if let note = result.note { print("note: \(ControlEscaper.escape(note))") }
        print("score: \(result.score)/\(result.maxScore) points")
      }
      if !result.passed { throw ExitCode(1) }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Output.error(error)
      if options.format == .json {
        let step = try? LearningPath.standard.resolve(step).number
        try? Output.printJSON(RunFailure.Envelope(error: RunFailure(error, step: step)))
      }
      throw ExitCode(2)
    }
  }

  /// The `--plan` file, which must exist.
  static func planURL(_ path: String) throws -> URL {
    guard FileManager.default.fileExists(atPath: path) else {
      throw CheckingError.unreadable("the breaker plan \(path) (--plan)")
    }
    return URL(fileURLWithPath: path)
  }
}
