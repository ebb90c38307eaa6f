import Conformance
import Curriculum
import Foundation
import Simulation
import Subjects

extension StepChecker {
  /// The capstone (step 10): the learner's breaker guards every service of the `chaos` scenario, and the
  /// simulation checks judge whether the site stayed up through its three phases. Same result shape as
  /// breaker checks. `seed` is the simulation's: the checks' default, 1, is the scenario's own, so the
  /// first seed of `check 10` is the run `simulate --scenario chaos` shows.
  func capstone(
    _ exercise: Exercise, source: SubjectSource, seed: UInt64, compiling: (() -> Void)?,
    progress: ((Int, Int, CheckResult) -> Void)?
  ) throws -> StepResult {
    let started = Date()
    let factory = try launcher.factory(for: source, compiling: compiling)
    let result: SimulationResult
    do {
      result = try Simulator(
        scenario: .chaos, breaker: .subject(factory, label: factory.displayName), seed: seed
      ).run()
    } catch {
      throw CheckingError.couldNotStart("the simulation with your breaker could not run: \(error)")
    }
    var checks = CapstoneChecks.evaluate(result)
    for index in checks.indices {
      checks[index].step = exercise.step
      progress?(index + 1, checks.count, checks[index])
    }
    let report = SuiteReport(
      subject: factory.displayName, step: exercise.step, seed: seed, suiteVersion: SuiteRunner.suiteVersion,
      checks: checks, durationMs: Date().timeIntervalSince(started) * 1000)
    let points = Dictionary(uniqueKeysWithValues: checks.map { ($0.id, exercise.manifest.points[$0.id] ?? 1) })
    let score = checks.filter { $0.status == .pass }.reduce(0) { $0 + (points[$1.id] ?? 1) }
    return StepResult(
      report: report, score: score, maxScore: points.values.reduce(0, +), points: points, track: source.track)
  }
}
