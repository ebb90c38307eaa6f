import Checking
import Conformance
import Curriculum
import Foundation
import Simulation
import Testing

/// The capstone needs the whole path: each earlier step's reference solution, run through `check 10` with the
/// reference plan (exercises/10-chaos/solution/breakers.yaml), fails the verdict of the rule that step has not
/// taught yet. (What the plan needs is in `CapstonePlanTests`.)
///
/// The Swift solutions run, because their configuration type carries every key: a Python solution of an
/// earlier step stops at the first key it does not take (see `earlierPythonSolutionIsTold`). Each run is
/// one simulation of the `chaos` scenario (about 80,000 calls, 2 to 4 s here), in parallel.
@Suite("Capstone against the path")
struct CapstonePathTests {
  static let pool = "chaos.gateway-pool-never-exhausted"
  static let flaky = "chaos.flaky-inventory-stays-in-use"
  static let fast = "chaos.pricing-fails-fast"

  /// The verdicts each step's solution must fail (it may fail more). Steps 3 and 4 let every caller through
  /// in HALF_OPEN, so each trial re-floods pricing; steps 3 to 7 trip on consecutive failures, so a flaky
  /// inventory is cut off; steps 3 to 8 have no bulkhead, so the gateway runs out at the start of the outage.
  static let expected: [(step: Int, fails: Set<String>)] = [
    (3, [pool, flaky, fast]), (4, [pool, flaky, fast]), (5, [pool, flaky]), (6, [pool, flaky]), (7, [pool, flaky]),
    (8, [pool]),
  ]

  /// The reference breaker plan of the capstone.
  static var plan: URL { TestSupport.root.appendingPathComponent("exercises/10-chaos/solution/breakers.yaml") }

  static func solution(_ step: Int, _ track: Track = .swift) throws -> URL {
    let exercise = try TestSupport.checker.exercise(LearningPathHelper.step(step))
    return try #require(exercise.solutionURL(track))
  }

  @Test("each earlier step's solution fails the capstone's verdict for what it lacks", arguments: expected)
  func earlierSolutionFails(step: Int, fails: Set<String>) throws {
    let result = try TestSupport.check(10, try Self.solution(step), plan: Self.plan)
    #expect(result.report.checks.map(\.id) == CapstoneChecks.ids)
    let failed = Set(result.report.checks.filter { $0.status == .fail }.map(\.id))
    #expect(failed.isSuperset(of: fails), "step \(step): \(TestSupport.failures(result))")
    // What the step did teach holds: from step 5 pricing fails fast, from step 8 inventory stays in use.
    if step >= 5 { #expect(!failed.contains(Self.fast), "step \(step): \(TestSupport.failures(result))") }
    if step >= 8 { #expect(!failed.contains(Self.flaky), "step \(step): \(TestSupport.failures(result))") }
    #expect(!result.passed)
  }

  @Test("step 9's solution, which has every rule of the path, passes the capstone")
  func wholePathPasses() throws {
    let result = try TestSupport.check(10, try Self.solution(9), plan: Self.plan)
    #expect(result.passed, "\(TestSupport.failures(result))")
  }

  @Test("a Python solution of an earlier step is told which configuration key it lacks")
  func earlierPythonSolutionIsTold() throws {
    do {
      let result = try TestSupport.check(10, try Self.solution(8, .python), plan: Self.plan)
      Issue.record("expected an error, got \(TestSupport.failures(result))")
    } catch {
      #expect("\(error)".contains("max_concurrent_calls"), "\(error)")
    }
  }

  @Test("the step-10 Swift starter compiles, runs and fails the capstone")
  func swiftStarterFails() throws {
    let exercise = try TestSupport.checker.exercise(LearningPathHelper.step(10))
    let result = try TestSupport.check(10, try #require(exercise.starterURL(.swift)))
    #expect(!result.passed)
    #expect(TestSupport.status(result, Self.pool) == .fail, "\(TestSupport.failures(result))")
  }
}
