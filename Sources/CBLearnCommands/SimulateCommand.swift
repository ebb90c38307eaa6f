import ArgumentParser
import Checking
import Conformance
import Curriculum
import Foundation
import Simulation
import SimulationResults
import Subjects
import TerminalUI

/// `cblearn simulate`: the Black Friday cascade, with and without a breaker, on a virtual clock.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Watch one slow service take a shop down, and a breaker keep it up (the cascade simulator).",
    discussion: """
      A seeded discrete-event simulation of users, web servers, an API gateway and three services with
      their databases (docs/simulation.md). The same seed gives the same figures.
      Examples:
        cblearn simulate
        cblearn simulate --breaker reference
        cblearn simulate --compare none,reference
        cblearn simulate --scenario chaos --breaker exercises/10-chaos/solution/breaker.py
        cblearn simulate --scenario chaos --breaker steps/10-chaos/python/breaker.py --plan steps/10-chaos/breakers.yaml
        cblearn simulate --exec "python3 my_adapter.py" --compare reference,exec
      Colour only on a terminal, and never when NO_COLOR is set.
      """)

  @Option(help: ArgumentHelp("none, reference, or a .py/.swift breaker file.", valueName: "breaker"))
  var breaker = "none"

  @Option(
    help: ArgumentHelp(
      "A breaker behind any program that speaks the wire protocol (docs/protocol.md); `exec` names it in --compare.",
      valueName: "command"))
  var exec: String?

  @Option(
    help: ArgumentHelp("A built-in scenario (black-friday, chaos) or a scenario YAML file.", valueName: "scenario"))
  var scenario = "black-friday"

  @Option(
    help: ArgumentHelp(
      "A breaker plan (breakers.yaml) in place of the scenario's `breakers:` section.", valueName: "path"),
    completion: .file(extensions: ["yaml", "yml"]))
  var plan: String?

  @Option(help: ArgumentHelp("Simulated time, such as 90s or 10m (default: the scenario's).", valueName: "duration"))
  var duration: String?

  @Option(help: "Seed of every random choice (default: the scenario's).")
  var seed: UInt64?

  @Option(help: "Output format: text or json.")
  var format: RunOptions.Format = .text

  @Option(
    help: ArgumentHelp("Run two breaker choices and show them side by side, such as none,reference.", valueName: "a,b"))
  var compare: String?

  @Option(help: "Seconds to wait for each reply from a learner's breaker.")
  var timeout: Double = 2

  @Option(help: .hidden)
  var baselineEvents: Int?

  @Flag(help: "Also run the capstone checks of step 10 on the (last) run; exit 1 if one fails.")
  var checks = false

  func validate() throws {
    try FlagLimits.check(timeout, "timeout", 0.01...600, whole: false)
    if let baselineEvents { try FlagLimits.check(Double(baselineEvents), "baseline-events", 1...100_000_000) }
    if let duration, SimDuration.seconds(duration).map({ (1...3600).contains($0) }) != true {
      throw ValidationError(
        "--duration must be a time from 1s to 1h, written as 90s, 10m or a number of seconds, not \(duration)")
    }
  }

  func run() throws {
    if let events = baselineEvents {
      print(SimulationBenchmark.baseline(events: events))
      return
    }
    do {
      var scenario = try loadScenario()
      if let plan { scenario.breakers = try BreakerPlanFile.load(path: plan, scenario: scenario) }
      let seconds = try duration.map { text throws(SimulationError) -> Double in
        guard let value = SimDuration.seconds(text), (1...3600).contains(value) else {
          throw .invalidOption(
            option: "--duration", value: text, fix: "write it as 90s, 10m or a number of seconds, from 1s to 1h")
        }
        return value
      }
      let names =
        compare.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        ?? [exec == nil ? breaker : "exec"]
      guard (1...2).contains(names.count), !names.contains(where: \.isEmpty) else {
        throw SimulationError.invalidOption(
          option: "--compare", value: compare ?? "", fix: "name two choices, such as none,reference")
      }
      var results: [SimulationResult] = []
      for name in names {
        let choice = try breakerChoice(name)
        let simulator = Simulator(scenario: scenario, breaker: choice, seed: seed, duration: seconds)
        results.append(try simulator.run(progress: progressReporter(for: choice.label)))
      }
      let info = TerminalInfo.detect()
      switch format {
      case .json:
        if results.count == 1 { try Output.printJSON(results[0]) } else { try Output.printJSON(results) }
      case .text:
        let renderer = SimulationReportRenderer(info)
        print(results.count == 1 ? renderer.render(results[0]) : renderer.render(comparing: results), terminator: "")
      }
      if checks, let last = results.last {
        let verdicts = CapstoneChecks.evaluate(last)
        // One line per verdict for tools reading a pipe; wrapped with a hanging indent on a terminal.
        for check in verdicts {
          let mark = check.status == .pass ? "PASS" : "FAIL"
          let line = "\(mark) \(check.id): \(check.message)"
          if format == .json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
          } else if info.isTerminal {
            for (index, part) in Wrapper.wrap(line, width: info.width - 5).enumerated() {
              print(index == 0 ? part : "     " + part)
            }
          } else {
            print(line)
          }
        }
        if verdicts.contains(where: { $0.status != .pass }) { throw ExitCode(1) }
      }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      Output.error(error)
      throw ExitCode(2)
    }
  }

  /// A progress bar on standard error while a run lasts (terminal only), redrawn at most every 100 ms.
  func progressReporter(for label: String) -> (Int, Int) -> Void {
    let info = TerminalInfo.detect(fileDescriptor: 2)
    let line = ProgressLine(info: info, write: ProgressLine.standardError)
    var last = Date.distantPast
    return { done, total in
      guard info.isTerminal else { return }
      if done + 1 >= total {
        line.finish()
        return
      }
      let now = Date()
      guard now.timeIntervalSince(last) >= 0.1 else { return }
      last = now
      let bar = ProgressBar(total: total, info: info, maxBarWidth: 24).render(completed: done)
      line.update("simulating \(label) \(bar) s")
    }
  }

  /// A built-in scenario by name, or a file.
  func loadScenario() throws(SimulationError) -> Scenario {
    if let builtIn = Scenario.builtIn(scenario) { return builtIn }
    guard FileManager.default.fileExists(atPath: scenario) else { throw .unknownScenario(scenario) }
    return try ScenarioParser.load(path: scenario)
  }

  /// `none`, `reference`, `exec` (the `--exec` command), or a learner's breaker file launched through the
  /// protocol adapters.
  func breakerChoice(_ name: String) throws -> BreakerChoice {
    switch name {
    case "none": return .none
    case "reference": return .reference
    case "exec" where exec != nil:
      return try subjectChoice(source: .exec(exec ?? ""), label: "exec")
    default:
      guard FileManager.default.fileExists(atPath: name) else {
        throw SimulationError.invalidOption(
          option: "--breaker", value: name,
          fix: "use none, reference, the path of a .py or .swift breaker, or --exec for any other program")
      }
      return try subjectChoice(
        source: try SubjectSource.detect(path: name, exec: nil), label: URL(fileURLWithPath: name).lastPathComponent)
    }
  }

  /// A breaker under test, launched through the protocol (compiled first for Swift).
  func subjectChoice(source: SubjectSource, label: String) throws -> BreakerChoice {
    let content = try ContentRoot.locate()
    var limits = SubjectLimits()
    limits.replyTimeout = timeout
    let launcher = SubjectLauncher(adaptersDirectory: content.url.appendingPathComponent("adapters"), limits: limits)
    let progress = ProgressLine(info: TerminalInfo.detect(fileDescriptor: 2), write: ProgressLine.standardError)
    let factory = try launcher.factory(for: source, compiling: { progress.update("compiling with swiftc…") })
    progress.finish()
    return .subject(factory, label: label)
  }
}
