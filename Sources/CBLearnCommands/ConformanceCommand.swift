import ArgumentParser
import Checking
import Conformance
import Curriculum
import Foundation
import Subjects

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
      """)

  @Argument(help: "A .swift or .py breaker (instead of --exec).", completion: .file(extensions: ["swift", "py"]))
  var path: String?

  @Option(help: "A YAML profile file declaring your breaker's knobs and configuration.", completion: .file())
  var profile: String?

  @Flag(help: "List the checks that apply under the profile, without running them.")
  var list = false

  @OptionGroup var options: RunOptions

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
        for check in Catalogue.checks(upTo: Catalogue.lastStep, profile: profile, config: config) {
          print("\(check.id)\tstep \(check.step)\t\(check.level.rawValue)\t\(check.expectation)")
        }
        return
      }
      let source = try SubjectSource.detect(path: path, exec: options.exec)
      var checker = StepChecker(content: content, limits: options.limits)
      checker.variants = options.variants
      let progress = ProgressLine(enabled: options.format == .text && Output.current.stderrIsTerminal)
      let report = try checker.conformance(
        source: source, profile: profile, config: config, seed: options.seed,
        compiling: { progress.say("compiling with swiftc…") },
        progress: { done, total, check in progress.say("checking \(done)/\(total) \(check.id)") })
      progress.clear()
      let result = StepResult(report: report, score: report.count(.pass), maxScore: report.checks.count, points: [:], track: source.track)
      switch options.format {
      case .json: try Output.printJSON(result)
      case .text: print(ReportText.render(result, replay: "cblearn conformance … --seed \(options.seed)"))
      }
      if !report.passed { throw ExitCode(1) }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }
}
