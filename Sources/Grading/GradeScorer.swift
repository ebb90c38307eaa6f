import Checking
import Conformance
import Curriculum
import Foundation

/// Turns a step's result (or the reason there is none) into a grade, applying the rubric.
public struct GradeScorer: Sendable {
  /// A check the step will run, as far as a grade needs to know it before it runs.
  public struct Planned: Sendable {
    public var id: String
    public var title: String
    public var category: String
    public var step: Int
    public var level: CheckLevel
    public var motivation: String

    public init(id: String, title: String, category: String, step: Int, level: CheckLevel, motivation: String) {
      self.id = id
      self.title = title
      self.category = category
      self.step = step
      self.level = level
      self.motivation = motivation
    }
  }

  public var step: PathStep
  /// The checks of the step, in order.
  public var checks: [Planned]
  /// The manifest's points per check.
  public var manifestPoints: [String: Int]
  public var overrides: Rubric.Overrides
  public var seed: UInt64

  /// A scorer for a step; throws when the rubric names a check that is not one of the step's.
  public init(step: PathStep, checks: [Planned], points: [String: Int], rubric: Rubric, seed: UInt64) throws {
    self.step = step
    self.checks = checks
    manifestPoints = points
    self.seed = seed
    try rubric.validate(step: step.number, checks: checks.map(\.id))
    overrides = rubric.overrides(for: step.number)
    if case .points(let mark) = overrides.passMark, mark > maxScore {
      throw GradingError.rubric(
        file: rubric.file, line: overrides.passMarkLine,
        problem:
          "`pass_mark: \(mark)` is above step \(step.number)'s maximum of \(maxScore) points, so nobody could pass",
        fix: "give at most \(maxScore) points, or a percentage (60%)")
    }
  }

  /// A scorer for a step of breaker checks, from its exercise plan.
  public init(step: PathStep, plan: ExercisePlan, rubric: Rubric, seed: UInt64) throws {
    let checks = plan.checks.map {
      Planned(
        id: $0.id, title: $0.title, category: $0.category, step: $0.step, level: $0.level, motivation: $0.motivation)
    }
    let points = Dictionary(uniqueKeysWithValues: plan.checks.map { ($0.id, plan.points(for: $0.id)) })
    try self.init(step: step, checks: checks, points: points, rubric: rubric, seed: seed)
  }

  /// A scorer for the capstone, from the plan `cblearn check 10` scores with.
  public init(step: PathStep, capstone: CapstonePlan, rubric: Rubric, seed: UInt64) throws {
    let checks = capstone.ids.map {
      Planned(id: $0, title: $0, category: "chaos", step: step.number, level: .must, motivation: "")
    }
    try self.init(step: step, checks: checks, points: capstone.points, rubric: rubric, seed: seed)
  }

  /// Points per check of the step: the rubric's, else the manifest's (1 by default); an `info` check (after the
  /// rubric) is reported but worth nothing, so every format's per-check points add up to the score.
  public var points: [String: Int] {
    var points: [String: Int] = [:]
    for check in checks {
      let level = overrides.levels[check.id] ?? check.level
      points[check.id] = level == .info ? 0 : overrides.points[check.id] ?? manifestPoints[check.id] ?? 1
    }
    return points
  }

  /// The points a submission can reach.
  public var maxScore: Int { points.values.reduce(0, +) }

  /// The grade of checks that ran.
  public func graded(_ submission: Submission, result: StepResult, key: String, note: String?) -> StepGrade {
    var checks = result.report.checks
    for index in checks.indices {
      if let level = overrides.levels[checks[index].id] { checks[index].level = level }
    }
    var grade = base(submission, status: .graded, checks: checks, key: key)
    grade.track = result.track
    grade.score = checks.filter { $0.status == .pass }.reduce(0) { $0 + (grade.points[$1.id] ?? 0) }
    if let mark = overrides.passMark {
      grade.passed = Double(grade.score) >= mark.threshold(maxScore: grade.maxScore) - 1e-9
    } else {
      grade.passed = checks.allSatisfy { $0.level != .must || $0.status == .pass }
    }
    grade.message = note
    grade.durationMs = result.report.durationMs
    return grade
  }

  /// The grade of a submission that is missing (checks `skip`) or could not be judged (checks `error`).
  public func unjudged(
    _ submission: Submission, status: SubmissionStatus, message: String, key: String, track: String?
  )
    -> StepGrade
  {
    let checks = self.checks.map { check in
      Self.result(
        check, level: overrides.levels[check.id] ?? check.level, status: status == .missing ? .skip : .error,
        message: status == .missing ? "missing: \(message)" : message)
    }
    var grade = base(submission, status: status, checks: checks, key: key)
    grade.track = track
    grade.message = message
    return grade
  }

  /// A check's result that did not run (`CheckResult` is built by the engine; decoding makes one here).
  static func result(_ check: Planned, level: CheckLevel, status: CheckStatus, message: String) -> CheckResult {
    let fields: [String: Any] = [
      "id": check.id, "title": check.title, "category": check.category, "step": check.step, "level": level.rawValue,
      "status": status.rawValue, "message": message, "motivation": check.motivation, "trace": [Any](),
      "duration_ms": 0,
    ]
    do {
      return try JSONDecoder().decode(CheckResult.self, from: JSONSerialization.data(withJSONObject: fields))
    } catch {
      preconditionFailure("CheckResult's coding keys changed: \(error)")
    }
  }

  private func base(_ submission: Submission, status: SubmissionStatus, checks: [CheckResult], key: String) -> StepGrade
  {
    StepGrade(
      student: submission.student, step: step.number, slug: step.slug, status: status, passed: false, score: 0,
      maxScore: maxScore, track: nil, file: submission.relativePath, message: nil, checks: checks, points: points,
      seed: seed, suiteVersion: SuiteRunner.suiteVersion, durationMs: 0, key: key)
  }
}
