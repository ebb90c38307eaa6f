import Conformance
import Curriculum
import Foundation
import Subjects

/// Runs the checks of a step on a learner's solution: the one code path behind `cblearn check`, the REPL's
/// `check` and `submit`, and `cblearn grade`, so a solution is judged the same way everywhere.
public struct StepChecker: Sendable {
  public let content: ContentRoot
  public var limits: SubjectLimits
  public var cacheDirectory: URL?
  /// Configuration variants per check beyond the exercise's own configuration.
  public var variants: Int = 2

  public init(content: ContentRoot, limits: SubjectLimits = SubjectLimits(), cacheDirectory: URL? = nil) {
    self.content = content
    self.limits = limits
    self.cacheDirectory = cacheDirectory
  }

  /// The launcher for this content's adapters.
  public var launcher: SubjectLauncher {
    SubjectLauncher(
      adaptersDirectory: content.url.appendingPathComponent("adapters"), limits: limits,
      cacheDirectory: cacheDirectory)
  }

  /// The exercise of a step that runs a learner's breaker (breaker checks, or the capstone simulation).
  public func exercise(_ step: PathStep) throws -> Exercise {
    let exercise = try content.exercise(step)
    guard exercise.manifest.kind != .quiz else {
      throw CheckingError.notABreakerStep(step: step.number, kind: exercise.manifest.kind.rawValue)
    }
    return exercise
  }

  /// The run plan of a step: its checks, profile, configuration and seed.
  public func plan(for exercise: Exercise, seed: UInt64) throws -> (RunPlan, ExercisePlan) {
    let scoring = try ExercisePlan(manifest: exercise.manifest)
    var plan = RunPlan(
      checks: scoring.checks, profile: exercise.manifest.profile, config: exercise.manifest.config, seed: seed,
      variants: variants, step: exercise.step)
    plan.missingFeature = .fail
    return (plan, scoring)
  }

  /// Checks `source` against `step`; `compiling` is called before a compile that is not cached.
  public func check(
    step: PathStep, source: SubjectSource, seed: UInt64, compiling: (() -> Void)? = nil,
    progress: ((Int, Int, CheckResult) -> Void)? = nil
  ) throws -> StepResult {
    let exercise = try exercise(step)
    if exercise.manifest.kind == .simulation {
      return try capstone(exercise, source: source, seed: seed, compiling: compiling, progress: progress)
    }
    let (plan, scoring) = try plan(for: exercise, seed: seed)
    let factory = try launcher.factory(for: source, compiling: compiling)
    var report: SuiteReport
    do {
      report = try SuiteRunner(factory: factory, plan: plan).run(progress: progress)
    } catch {
      throw CheckingError.couldNotStart(error.description)
    }
    switch source {
    case .swift(let file): ClockDiagnosis.annotate(&report, file: file, swift: true)
    case .python(let file): ClockDiagnosis.annotate(&report, file: file, swift: false)
    case .exec: break
    }
    return StepResult(
      report: report, score: scoring.score(report), maxScore: scoring.maxScore,
      points: Dictionary(uniqueKeysWithValues: scoring.checks.map { ($0.id, scoring.points(for: $0.id)) }),
      track: source.track)
  }
}

extension StepChecker {
  /// Runs the whole catalogue on `source` under a user's profile; checks needing a missing feature are skipped.
  public func conformance(
    source: SubjectSource, profile: Profile, config: BreakerConfig, seed: UInt64, compiling: (() -> Void)? = nil,
    progress: ((Int, Int, CheckResult) -> Void)? = nil
  ) throws -> SuiteReport {
    let checks = Catalogue.checks(upTo: Catalogue.lastStep, profile: profile, config: config)
    let plan = RunPlan(checks: checks, profile: profile, config: config, seed: seed, variants: variants, step: nil)
    let factory = try launcher.factory(for: source, compiling: compiling)
    do {
      return try SuiteRunner(factory: factory, plan: plan).run(progress: progress)
    } catch {
      throw CheckingError.couldNotStart(error.description)
    }
  }
}
