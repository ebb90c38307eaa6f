/// How much a check matters: `must` decides pass or fail; `should` and `info` only inform.
public enum CheckLevel: String, Sendable, Codable, CaseIterable, Comparable {
  case must, should, info

  public static func < (lhs: CheckLevel, rhs: CheckLevel) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// One conformance check: a scripted scenario with a stable id and a one-line expectation.
public struct Check: Sendable {
  /// Stable id such as `basic.trip-at-threshold`; never reused for another meaning.
  public let id: String
  /// Short human title.
  public let title: String
  /// Grouping such as `basic`, `stuck-open`, `half-open`.
  public let category: String
  /// The step of the path that introduces the check.
  public let step: Int
  public let level: CheckLevel
  /// The one-line expectation.
  public let expectation: String
  /// The bug this check catches, in a sentence a learner understands.
  public let motivation: String
  /// The profile knobs the expectation depends on (for documentation and `--list`).
  public let knobs: [String]
  /// The subject features the scenario needs (`is_open`, `events`, `metrics`, `fallback`, `concurrency`).
  public let features: Set<String>
  /// Whether the check applies under a profile and configuration.
  public let applies: @Sendable (Profile, BreakerConfig) -> Bool
  /// Constrains a configuration variant so the scenario is meaningful (for example a threshold of at least 2).
  public let adjust: @Sendable (inout BreakerConfig) -> Void
  /// Draws more of a variant's configuration than the standard draws (`RunPlan.variant`), before `adjust`:
  /// a setting the scenario reads, so that a breaker with the exercise's value written in fails a variant.
  public let vary: (@Sendable (inout BreakerConfig, inout SeededRandom) -> Void)?
  /// The scenario; throws `CheckFailure` when an expectation is not met.
  public let body: @Sendable (Session) throws -> Void

  public init(
    id: String, title: String, category: String, step: Int, level: CheckLevel = .must, expectation: String,
    motivation: String, knobs: [String] = [], features: Set<String> = [],
    applies: @escaping @Sendable (Profile, BreakerConfig) -> Bool = { _, _ in true },
    adjust: @escaping @Sendable (inout BreakerConfig) -> Void = { _ in },
    vary: (@Sendable (inout BreakerConfig, inout SeededRandom) -> Void)? = nil,
    body: @escaping @Sendable (Session) throws -> Void
  ) {
    self.id = id
    self.title = title
    self.category = category
    self.step = step
    self.level = level
    self.expectation = expectation
    self.motivation = motivation
    self.knobs = knobs
    self.features = features
    self.applies = applies
    self.adjust = adjust
    self.vary = vary
    self.body = body
  }
}

extension Check {
  /// Features of the adapter rather than of the breaker: a subject without them skips the checks that need
  /// them, even in an exercise (a learner cannot add them to a breaker).
  public static let adapterFeatures: Set<String> = ["race", "batch"]
}

/// An expectation that was not met, thrown from a check's scenario.
public struct CheckFailure: Error, Sendable, Equatable {
  public var expected: String
  public var observed: String
  /// Context such as "after 4 failures".
  public var context: String
  /// Why this expectation matters, when it is not the check's own motivation (a shared setup step, or one
  /// expectation among several of a check); see `Session.because`.
  public var why: String?

  public init(expected: String, observed: String, context: String, why: String? = nil) {
    self.expected = expected
    self.observed = observed
    self.context = context
    self.why = why
  }

  /// One line: `after 4 failures: expected CLOSED, observed OPEN`.
  public var message: String { "\(context): expected \(expected), observed \(observed)" }
}
