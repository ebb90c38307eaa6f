import Conformance
import Foundation

/// The bounded, seeded exploration every `check`, `submit` and `grade` runs after the scripted checks,
/// reported as the must check `explore.model-agrees` (`docs/explore.md`).
public struct ExploreCheck: Sendable, Equatable {
  /// The check's stable id.
  public static let id = Explorer.checkID

  /// Random sequences per run of the check; 0 turns the check off.
  public var runs: Int
  /// Operations per sequence.
  public var length: Int

  /// The default budget, `Explorer.checkBudget` (see docs/benchmarks.md).
  public static let standard = ExploreCheck(runs: Explorer.checkBudget.runs, length: Explorer.checkBudget.length)

  public init(runs: Int, length: Int) {
    self.runs = runs
    self.length = length
  }

  /// Whether the check runs for a step's profile and configuration: a budget, and a profile the model can
  /// follow (`Explorer.limitation`).
  public func applies(profile: Profile, config: BreakerConfig) -> Bool {
    runs > 0 && length > 0 && Explorer.limitation(profile: profile, config: config) == nil
  }

  /// The check as the plan and the grade book list it; its scenario runs outside the suite (`result`).
  public func check(step: Int) -> Check {
    Check(
      id: ExploreCheck.id, title: "Agrees with the reference model", category: "explore", step: step,
      expectation:
        "on \(runs) seeded random sequences of \(length) operations, every reply matches the reference model of the profile",
      motivation:
        "The scripted checks probe the scenarios known to go wrong; random sequences (overlapping calls, "
        + "fractional times, further half-open periods, other configurations) find the ones nobody wrote down.",
      knobs: ["stale_results", "state_read", "hung_trial"],
      body: { _ in
        throw CheckFailure(
          expected: "explore mode", observed: "a scripted run", context: "explore.model-agrees runs outside the suite")
      })
  }

  /// Explores subjects from `factory` and reports the outcome as the check's result.
  public func result(
    profile: Profile, config: BreakerConfig, seed: UInt64, step: Int, compareMetrics: Bool,
    factory: any SubjectFactory
  ) -> CheckResult {
    let started = Date()
    let planned = check(step: step)
    var result = CheckResult(
      id: planned.id, title: planned.title, category: planned.category, step: step, level: .must, status: .pass,
      message: planned.expectation, motivation: planned.motivation)
    var explorer = Explorer(profile: profile, config: config, seed: seed, runs: runs, length: length)
    explorer.compareMetrics = compareMetrics
    explorer.overlapping = step >= Explorer.overlapsFrom
    // Shrinking is bounded too: a check must not take longer than the budget suggests.
    explorer.shrinkBudget = 600
    do {
      let report = try explorer.run(factory: factory)
      if let divergence = report.divergence {
        result.status = .fail
        result.message =
          "random sequence \(divergence.run + 1) of \(runs) (shrunk from \(divergence.originalLength) to "
          + "the script below) diverged at \(divergence.message)"
        result.expected = divergence.expected
        result.observed = divergence.observed
        result.script = divergence.script
        result.trace = divergence.subjectTrace
        result.modelTrace = divergence.modelTrace
        if let header = try? ExploreScript(parsing: divergence.script) {
          result.config = header.config.summary
          result.clockStart = header.clock
        }
      }
    } catch {
      result.status = error.isFinding ? .fail : .error
      result.message = "explore mode could not run the breaker: \(error)"
    }
    result.durationMs = Date().timeIntervalSince(started) * 1000
    return result
  }
}
