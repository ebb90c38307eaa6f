import Checking
import Conformance
import Curriculum
import Foundation
import Simulation
import Subjects
import Testing

/// Step 10's new work is the breaker plan: the step-9 solution, unchanged, fails the capstone with the
/// starter plan and passes it with the reference plan, on both tracks. One seed each: the tests are about
/// the plan, not the breaker.
@Suite("Capstone breaker plans")
struct CapstonePlanTests {
  static let pool = "chaos.gateway-pool-never-exhausted"
  static let flaky = "chaos.flaky-inventory-stays-in-use"
  static let fast = "chaos.pricing-fails-fast"

  static func solution9(_ track: Track) throws -> URL {
    try #require(try TestSupport.checker.exercise(LearningPathHelper.step(9)).solutionURL(track))
  }

  /// A temporary workspace-like step folder: `steps/10-chaos/TRACK/FILE`, with `plan` as its breakers.yaml.
  static func stepFolder(_ track: Track, plan: String?) throws -> (root: URL, file: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-plan-\(UUID().uuidString)")
    let source = try solution9(track)
    let folder = root.appendingPathComponent("steps/10-chaos/\(track.rawValue)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(source.lastPathComponent)
    try FileManager.default.copyItem(at: source, to: file)
    if let plan {
      try Data(plan.utf8).write(to: root.appendingPathComponent("steps/10-chaos/\(BreakerPlanFile.fileName)"))
    }
    return (root, file)
  }

  @Test("step 9's solution with no plan runs the starter plan, says so, and fails the pool and flaky verdicts")
  func starterPlanFails() throws {
    let result = try TestSupport.check(10, try Self.solution9(.swift))
    let failed = Set(result.report.checks.filter { $0.status == .fail }.map(\.id))
    #expect(failed.isSuperset(of: [Self.pool, Self.flaky]), "\(TestSupport.failures(result))")
    #expect(!failed.contains(Self.fast), "the outage needs no plan: \(TestSupport.failures(result))")
    let note = try #require(result.note)
    #expect(note.contains("no breakers.yaml next to Breaker.swift") && note.contains("starter plan"), "\(note)")
  }

  @Test("step 9's solution passes with the reference plan in the step folder", arguments: Track.allCases)
  func referencePlanPasses(track: Track) throws {
    let plan = try String(
      contentsOf: TestSupport.root.appendingPathComponent("exercises/10-chaos/solution/breakers.yaml"),
      encoding: .utf8)
    let (root, file) = try Self.stepFolder(track, plan: plan)
    defer { try? FileManager.default.removeItem(at: root) }
    let result = try TestSupport.check(10, file)
    #expect(result.passed, "\(track): \(TestSupport.failures(result))")
    #expect(result.note == nil)
  }

  @Test("a plan that names an unknown service or has a bad value stops the check with its file and line")
  func badPlanNamesTheLine() throws {
    let cases = [
      ("default: {failure_threshold: 5}\npayments:\n  failure_threshold: 3\n", ":2", "payments"),
      ("default: {failure_threshold: 5}\npricing:\n  max_concurrent_calls: lots\n", ":3", "max_concurrent_calls"),
      ("default: {failure_threshold: 5}\ninventory:\n  windw: {kind: count}\n", ":3", "windw"),
      ("default: {failure_threshold: 5\n", ":2", "YAML syntax"),
    ]
    for (text, line, word) in cases {
      let (root, file) = try Self.stepFolder(.python, plan: text)
      defer { try? FileManager.default.removeItem(at: root) }
      do {
        let result = try TestSupport.check(10, file)
        Issue.record("expected a plan error, got \(TestSupport.failures(result))")
      } catch {
        let failure = RunFailure(error, step: 10)
        #expect(failure.kind == "invalid_plan", "\(error)")
        #expect(failure.message.contains("breakers.yaml\(line)"), "\(failure.message)")
        #expect(failure.message.contains(word), "\(failure.message)")
      }
    }
  }
}
