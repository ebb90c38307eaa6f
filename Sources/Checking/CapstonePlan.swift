import Conformance
import Curriculum

/// The capstone's scoring plan: its checks in order and the points each is worth, read once from the step's
/// manifest. `cblearn check 10` scores a run with it and `cblearn grade` builds its scorer from it, so the
/// capstone is scored in one place.
public struct CapstonePlan: Sendable {
  /// The step the plan scores.
  public var step: Int
  /// The ids of the checks, in the order they are reported (`CapstoneChecks.ids`).
  public var ids: [String]
  /// Points per check id (1 unless the manifest says otherwise).
  public var points: [String: Int]

  /// The plan of the capstone exercise described by `manifest`.
  public init(manifest: ExerciseManifest) {
    step = manifest.step
    ids = CapstoneChecks.ids
    points = Dictionary(uniqueKeysWithValues: ids.map { ($0, manifest.points[$0] ?? 1) })
  }

  /// The score a learner can reach.
  public var maxScore: Int { points.values.reduce(0, +) }

  /// The points earned by `checks`: the points of each planned check that passed.
  public func score(_ checks: [CheckResult]) -> Int {
    checks.filter { $0.status == .pass }.reduce(0) { $0 + (points[$1.id] ?? 0) }
  }
}
