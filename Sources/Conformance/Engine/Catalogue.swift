/// Every check the suite knows, and the selection that applies to a step and profile.
public enum Catalogue {
  /// All checks, ordered by step and then as written.
  public static let all: [Check] = {
    let checks =
      StateMachineChecks.all + BasicChecks.all + HalfOpenOverlapChecks.all + StuckOpenChecks.all + WaitEndChecks.stuck
      + extraChecks
    return checks.enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }.map(\.element)
  }()

  /// Checks registered by later parts of the catalogue (steps 5 to 9).
  static let extraChecks: [Check] =
    HalfOpenChecks.all + StaleResultChecks.all + ConcurrencyChecks.all + FallbackChecks.all + EventChecks.all
    + WindowChecks.all + SlowCallChecks.all + BulkheadChecks.all + FractionalTimeChecks.all + WaitEndChecks.rate
    + HalfOpenPeriodChecks.all + FallbackBehaviourChecks.all + RecoveryMetricsChecks.all + WindowEdgeChecks.all
    + SlowBulkheadEdgeChecks.all + RaceChecks.all + WindowCountChecks.all + BulkheadRefusalChecks.all

  /// The check with this id.
  public static func check(id: String) -> Check? { all.first { $0.id == id } }

  /// The checks of steps up to `step` that apply under the profile and configuration.
  public static func checks(upTo step: Int, profile: Profile, config: BreakerConfig) -> [Check] {
    all.filter { $0.step <= step && $0.applies(profile, config) }
  }

  /// The step that introduces the last check: the whole suite's reach.
  public static var lastStep: Int { all.map(\.step).max() ?? 0 }
}
