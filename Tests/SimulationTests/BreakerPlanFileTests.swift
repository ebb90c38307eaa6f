import Checking
import Conformance
import Foundation
import SimulationResults
import Testing

@testable import Simulation

/// The capstone's plan files: the reference plan is the scenario's own, the starter is the naive one, each
/// setting of the reference plan is needed, and errors name the file and line.
@Suite("Breaker plan files")
struct BreakerPlanFileTests {
  static let exercise = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("exercises/10-chaos")

  static func text(_ name: String) throws -> String {
    try String(contentsOf: exercise.appendingPathComponent(name), encoding: .utf8)
  }

  @Test("the solution plan is the chaos scenario's built-in plan; the starter has a default only")
  func solutionAndStarter() throws {
    let solution = try BreakerPlanFile.parse(try Self.text("solution/breakers.yaml"), file: "s", scenario: .chaos)
    #expect(solution == Scenario.chaos.breakers)
    let starter = try BreakerPlanFile.parse(try Self.text("breakers.yaml"), file: "b", scenario: .chaos)
    #expect(starter.perService.isEmpty)
    #expect(starter.defaults == BreakerPlanParser.standard)
  }

  /// The reference plan without one of its settings, with the verdict that setting earns.
  static let leftOut: [(drop: String, fails: String)] = [
    ("slow_call", "chaos.slow-pricing-fails-fast"), ("max_concurrent_calls", "chaos.gateway-pool-never-exhausted"),
  ]

  @Test(
    "the reference breaker without one setting of the reference plan fails that setting's verdict", arguments: leftOut)
  func eachSettingIsNeeded(drop: String, fails: String) throws {
    let text = try Self.text("solution/breakers.yaml").split(separator: "\n").filter { !$0.contains(drop) }
      .joined(separator: "\n")
    var scenario = Scenario.chaos
    scenario.breakers = try BreakerPlanFile.parse(text, file: "p", scenario: scenario)
    let result = try Simulator(scenario: scenario, breaker: .reference).run()
    let failed = CapstoneChecks.evaluate(result).filter { $0.status == .fail }.map(\.id)
    #expect(failed == [fails])
  }

  @Test("errors name the plan file, the line and what to write")
  func errors() {
    let cases: [(String, String)] = [
      ("default: {failure_threshold: 5}\nshipping: {failure_threshold: 3}\n", "plan.yaml:2: `shipping`"),
      ("default:\n  recovery_timeout: soon\n", "plan.yaml:2: `default.recovery_timeout`"),
      ("", "plan.yaml:1"),
    ]
    for (text, prefix) in cases {
      do {
        _ = try BreakerPlanFile.parse(text, file: "plan.yaml", scenario: .chaos)
        Issue.record("expected an error for \(text)")
      } catch {
        #expect("\(error)".hasPrefix("the breaker plan \(prefix)"), "\(error)")
        #expect("\(error)".hasSuffix("then run the check again"), "\(error)")
      }
    }
  }

  @Test("a plan is found next to the breaker, or one folder up from a track folder only")
  func locate() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-locate-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for folder in ["step/python", "other/mine"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    for plan in ["step/breakers.yaml", "other/breakers.yaml"] {
      try Data().write(to: root.appendingPathComponent(plan))
    }
    let up = BreakerPlanFile.locate(beside: root.appendingPathComponent("step/python/breaker.py"))
    #expect(up?.path == root.appendingPathComponent("step/breakers.yaml").path)
    #expect(BreakerPlanFile.locate(beside: root.appendingPathComponent("other/mine/breaker.py")) == nil)
    try Data().write(to: root.appendingPathComponent("step/python/breakers.yaml"))
    let beside = BreakerPlanFile.locate(beside: root.appendingPathComponent("step/python/breaker.py"))
    #expect(beside?.path == root.appendingPathComponent("step/python/breakers.yaml").path)
  }
}
