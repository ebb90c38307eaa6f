import ArgumentParser
import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import TerminalUI

/// `cblearn conformance`: the whole suite against any breaker, under the profile its author declares.
struct ConformanceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conformance",
    abstract: "Run the whole conformance suite against any breaker (--exec CMD, or a .py/.swift file).",
    discussion: """
      Declare your breaker's design choices and configuration in a profile file (docs/profiles.md):
        profile: {open_boundary: exclusive, half_open_admission: limited}
        config: {failure_threshold: 5, recovery_timeout: 30, half_open_max_calls: 1}
      Checks that need an operation your adapter answers `unsupported` to are skipped.
      Exit status: 0 when every applicable `must` check passes, 1 when one fails, 2 when the suite could not run.
      --contract checks the wire protocol instead of the breaker (docs/protocol.md, The adapter contract):
        cblearn conformance --exec "node my-adapter.js breaker.js" --contract
      """)

  @Argument(help: "A .swift or .py breaker (instead of --exec).", completion: .file(extensions: ["swift", "py"]))
  var path: String?

  @Option(help: "A YAML profile file declaring your breaker's knobs and configuration.", completion: .file())
  var profile: String?

  @Flag(help: "List the checks that apply under the profile, without running them.")
  var list = false

  @Flag(
    help: """
      Check the adapter's side of the wire protocol (handshake, reply shapes, errors, the clock, batch and race \
      when advertised) instead of the breaker.
      """)
  var contract = false

  @OptionGroup var options: RunOptions

  @OptionGroup var explore: ExploreOptions

  func validate() throws {
    if !list && path == nil && options.exec == nil {
      throw ValidationError("give --exec \"COMMAND\" (any language) or a .py/.swift file")
    }
  }

  func run() throws {
    do {
      let content = try ContentRoot.locate()
      let (profile, config) =
        try self.profile.map { try ProfileFile.load(from: URL(fileURLWithPath: $0)) } ?? (Profile(), BreakerConfig())
      if list {
        let checks = Catalogue.checks(upTo: Catalogue.lastStep, profile: profile, config: config)
        let rows = checks.map { [$0.id, String($0.step), $0.level.rawValue, $0.expectation] }
        let columns = [
          Table.Column("id", flexible: false), Table.Column("step", flexible: false),
          Table.Column("level", flexible: false), Table.Column("expectation"),
        ]
        let info = options.terminal
        Table(columns: columns, rows: rows).render(width: info.width, info: info).forEach { print($0) }
        return
      }
      let source = try SubjectSource.detect(path: path, exec: options.exec)
      if contract { return try runContract(source: source, content: content) }
      var checker = StepChecker(content: content, limits: options.limits)
      checker.variants = options.variants
      let progress = options.progressLine()
      let compiling = { progress.update("compiling with swiftc…") }
      if let report = try explore.run(
        checker: checker, source: source, progress: progress,
        scripted: {
          try checker.explore(
            source: source, profile: profile, config: config, seed: options.seed, runs: explore.runs,
            length: explore.length, compiling: compiling)
        })
      {
        try options.emit(report)
        return
      }
      let report = try checker.conformance(
        source: source, profile: profile, config: config, seed: options.seed, compiling: compiling,
        progress: { done, total, check in progress.update("checking \(done)/\(total) \(check.id)") })
      progress.finish()
      switch options.format {
      case .json: try Output.printJSON(report)
      case .text:
        let renderer = ReportRenderer(info: options.terminal, source: options.sourceText(path))
        renderer.render(report).forEach { print($0) }
      }
      if !report.passed { throw ExitCode(1) }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }

  /// `--contract`: the adapter contract's clauses, one line each; exit status 1 when one fails.
  private func runContract(source: SubjectSource, content: ContentRoot) throws {
    let launcher = SubjectLauncher(
      adaptersDirectory: content.url.appendingPathComponent("adapters"), limits: options.limits)
    let progress = options.progressLine()
    let factory = try launcher.factory(for: source) { progress.update("compiling with swiftc…") }
    progress.update("checking the adapter contract")
    let results = try AdapterContract.run(factory)
    progress.finish()
    switch options.format {
    case .json: try Output.printJSON(results)
    case .text:
      for result in results {
        print(
          "\(result.status.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) \(result.id): "
            + ControlEscaper.escape(result.message))
      }
      let failed = results.filter { $0.status == .fail }.count
      print(failed == 0 ? "the adapter keeps the contract" : "\(failed) clause(s) of the contract broken")
    }
    if results.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
  }
}
