import Conformance
import Curriculum
import Foundation
import Simulation
import SimulationResults
import Subjects

extension StepChecker {
  /// The capstone (step 10): the learner's breaker guards every service of the `chaos` scenario, each with
  /// the configuration of the learner's plan (`breakers.yaml`), and the simulation checks judge whether the
  /// site stayed up through its three phases. Same result shape as breaker checks. `seed` is the
  /// simulation's: the checks' default, 1, is the scenario's own, so the first seed of `check 10` is the run
  /// `simulate --scenario chaos --plan PLAN` shows.
  func capstone(
    _ exercise: Exercise, source: SubjectSource, seed: UInt64, compiling: (() -> Void)?,
    progress: ((Int, Int, CheckResult) -> Void)?
  ) throws -> StepResult {
    let started = Date()
    var scenario = Scenario.chaos
    let note: String?
    (scenario.breakers, note) = try capstonePlan(exercise, source: source, scenario: scenario)
    let factory = try launcher.factory(for: source, compiling: compiling)
    let result: SimulationResult
    do {
      result = try Simulator(
        scenario: scenario, breaker: .subject(factory, label: factory.displayName), seed: seed
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
    let plan = CapstonePlan(manifest: exercise.manifest)
    var step = StepResult(
      report: report, score: plan.score(checks), maxScore: plan.maxScore, points: plan.points, track: source.track)
    step.note = note
    return step
  }

  /// The learner's breaker plan: `planFile` (`--plan`), else `breakers.yaml` next to the breaker file (or
  /// one folder up from a track folder), else the exercise's starter plan with a note that says so.
  func capstonePlan(
    _ exercise: Exercise, source: SubjectSource, scenario: Scenario
  ) throws -> (Scenario.BreakerPlan, note: String?) {
    let file: URL?
    switch source {
    case .swift(let url), .python(let url): file = url
    case .exec: file = nil
    }
    if let chosen = planFile ?? file.flatMap(BreakerPlanFile.locate(beside:)) {
      return (try BreakerPlanFile.load(path: chosen.path, scenario: scenario), nil)
    }
    let starter = exercise.directory.appendingPathComponent(BreakerPlanFile.fileName)
    let plan = try BreakerPlanFile.load(path: starter.path, scenario: scenario)
    let place =
      file.map { "next to \($0.lastPathComponent) (nor one folder up from a swift/ or python/ folder)" }
      ?? "given (--plan PATH)"
    return (
      plan,
      "no \(BreakerPlanFile.fileName) \(place): this run used the starter plan, the same settings for every "
        + "service; write your plan there, or pass --plan PATH"
    )
  }
}
