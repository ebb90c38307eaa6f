import Conformance

/// The checks of a step with their points: every applicable check of the step and the ones before it.
public struct ExercisePlan: Sendable {
  public var step: Int
  public var checks: [Check]
  /// Points per check id (1 unless the manifest says otherwise).
  public var points: [String: Int]

  /// The plan of an exercise; `points` naming a check that does not apply is an error.
  public init(manifest: ExerciseManifest) throws {
    step = manifest.step
    checks = Catalogue.checks(upTo: manifest.step, profile: manifest.profile, config: manifest.config)
    let ids = Set(checks.map(\.id))
    var points: [String: Int] = [:]
    for check in checks { points[check.id] = manifest.points[check.id] ?? 1 }
    for id in manifest.points.keys.sorted() where !ids.contains(id) {
      let known = Catalogue.check(id: id) != nil
      let problem =
        known
        ? "`points` names `\(id)`, which does not apply to step \(manifest.step) under its profile and config"
        : "`points` names `\(id)`, which is not a check"
      let suggestion = EditDistance.closest(to: id, in: checks.map(\.id)).map { "did you mean `\($0)`? " } ?? ""
      throw CurriculumError.malformed(
        file: manifest.file, line: manifest.pointLines[id], problem: problem,
        fix: "\(suggestion)name only checks of this step (`cblearn conformance --list` shows them)")
    }
    self.points = points
  }

  /// The score a learner can reach.
  public var maxScore: Int { checks.reduce(0) { $0 + (points[$1.id] ?? 1) } }

  /// The points of a check (1 by default).
  public func points(for id: String) -> Int { points[id] ?? 1 }

  /// The points earned in a report: the points of each planned check that passed.
  public func score(_ report: SuiteReport) -> Int {
    report.checks.filter { $0.status == .pass && points[$0.id] != nil }.reduce(0) { $0 + points(for: $1.id) }
  }
}
