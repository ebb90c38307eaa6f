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
  /// The budget of the exploration that follows the scripted checks (`explore.model-agrees`).
  public var exploration = ExploreCheck.standard
  /// How many of the seeds after the first run at once (`check` uses both cores; a grader's workers
  /// already do, so grading keeps 1).
  public var seedJobs = 1
  /// The capstone's breaker plan (`--plan`); `nil`: the `breakers.yaml` found next to the breaker file.
  public var planFile: URL?

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

  /// The run plan of a step: its checks, profile, configuration and seed. The scoring plan also lists
  /// `explore.model-agrees` when the step is explored; the run plan holds the scripted checks only.
  public func plan(for exercise: Exercise, seed: UInt64) throws -> (RunPlan, ExercisePlan) {
    var scoring = try ExercisePlan(manifest: exercise.manifest)
    let manifest = exercise.manifest
    let scripted = scoring.checks
    if exploration.applies(profile: manifest.profile, config: manifest.config) {
      scoring.checks.append(exploration.check(step: exercise.step))
      scoring.points[ExploreCheck.id] = manifest.points[ExploreCheck.id] ?? 1
    }
    var plan = RunPlan(
      checks: scripted, profile: exercise.manifest.profile, config: exercise.manifest.config, seed: seed,
      variants: variants, step: exercise.step)
    plan.missingFeature = .fail
    return (plan, scoring)
  }

  /// Checks `source` against `step`; `compiling` is called before a compile that is not cached.
  ///
  /// Checks in `skipping` are left out of the run (the report has no result for them): a later seed need
  /// not run again what an earlier one already failed.
  public func check(
    step: PathStep, source: SubjectSource, seed: UInt64, compiling: (() -> Void)? = nil,
    progress: ((Int, Int, CheckResult) -> Void)? = nil, skipping: Set<String> = []
  ) throws -> StepResult {
    let exercise = try exercise(step)
    if exercise.manifest.kind == .simulation {
      return try capstone(exercise, source: source, seed: seed, compiling: compiling, progress: progress)
    }
    var (plan, scoring) = try plan(for: exercise, seed: seed)
    let explores = scoring.checks.count > plan.checks.count && !skipping.contains(ExploreCheck.id)
    plan.checks.removeAll { skipping.contains($0.id) }
    let factory = try launcher.factory(for: source, compiling: compiling)
    var report: SuiteReport
    do {
      report = try SuiteRunner(factory: factory, plan: plan).run(progress: progress)
    } catch {
      throw CheckingError.couldNotStart(error.description)
    }
    if explores {
      let started = Date()
      let total = plan.checks.count + 1
      let explored = exploration.result(
        profile: plan.profile, config: plan.config, seed: seed, step: exercise.step,
        compareMetrics: plan.profile.reportsEvents, factory: factory)
      report.checks.append(explored)
      report.durationMs += Date().timeIntervalSince(started) * 1000
      progress?(total, total, explored)
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
