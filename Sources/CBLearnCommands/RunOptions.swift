import ArgumentParser
import Checking
import Conformance
import Foundation
import Subjects
import TerminalUI

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
    try FlagLimits.check(timeout, "timeout", 0.01...600, whole: false)
    try FlagLimits.check(Double(variants), "variants", 0...20)
  }

  /// The terminal standard output goes to.
  var terminal: TerminalInfo { TerminalInfo.detect(fileDescriptor: 1) }

  /// A progress line on standard error, only for text output on a terminal.
  func progressLine() -> ProgressLine {
    let info = TerminalInfo.detect(fileDescriptor: 2)
    return ProgressLine(
      info: format == .text ? info : TerminalInfo(isTerminal: false), write: ProgressLine.standardError)
  }

  /// What was checked, as typed: a path, or `--exec "CMD"`.
  func sourceText(_ path: String?) -> String {
    path ?? "--exec \"\(exec ?? "")\""
  }

  /// Prints an explore report and exits 1 when it found a divergence.
  func emit(_ report: ExploreReport) throws {
    switch format {
    case .json: try Output.printJSON(report)
    case .text: ExploreRenderer(info: terminal).render(report).forEach { print($0) }
    }
    if !report.passed { throw ExitCode(1) }
  }

  /// `text` or `json`.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }
}

/// Explore mode's options: random sequences against the reference model, or a replay.
struct ExploreOptions: ParsableArguments {
  @Flag(help: "Model-based testing: random operation sequences against the reference model, shrunk on divergence.")
  var explore = false

  @Option(help: "Explore mode: how many random sequences.")
  var runs = 200

  @Option(help: "Explore mode: operations per sequence.")
  var length = 50

  @Option(help: "Run a replay script printed by explore mode.", completion: .file())
  var replay: String?

  func validate() throws {
    try FlagLimits.check(Double(runs), "runs", 1...100_000)
    try FlagLimits.check(Double(length), "length", 1...10_000)
    if explore && replay != nil { throw ValidationError("use either --explore or --replay") }
  }

  /// Runs explore or replay when asked; `nil` means the scripted checks should run instead.
  func run(
    checker: StepChecker, source: SubjectSource, progress: ProgressLine, scripted: () throws -> ExploreReport
  ) throws -> ExploreReport? {
    if let replay {
      progress.update("replaying \(replay)…")
      defer { progress.finish() }
      return try checker.replay(scriptAt: URL(fileURLWithPath: replay), source: source)
    }
    guard explore else { return nil }
    progress.update("exploring \(runs) random sequences of \(length) operations…")
    defer { progress.finish() }
    return try scripted()
  }
}
