/// The design choices on which real breakers disagree; each exercise fixes them, a user declares theirs.
///
/// Every knob is documented in `docs/profiles.md`; the names follow section 5.2 of the behaviour reference.
public struct Profile: Sendable, Codable, Equatable {
  /// How failures open the breaker.
  public var tripRule: TripRule = .consecutive
  /// Whether a failure rate equal to the threshold trips (`ge`) or must exceed it (`gt`).
  public var rateComparison: Comparison = .ge
  /// Whether a call at exactly `recovery_timeout` after the trip is admitted.
  public var openBoundary: Boundary = .inclusive
  /// What reading the state reports once the timeout has passed but no call has been made yet.
  public var stateRead: StateRead = .any
  /// How many calls HALF_OPEN lets through at once.
  public var halfOpenAdmission: Admission = .unlimited
  /// What the caller of the tripping call gets back.
  public var tripCallError: TripCallError = .original
  /// How an error outside `expected_exception` is counted.
  public var ignoredErrors: IgnoredErrors = .neutral
  /// What happens to results of calls that were admitted before the state changed.
  public var staleResults: StaleResults = .any
  /// When the breaker's fallback is used.
  public var fallbackOn: FallbackOn = .none
  /// Whether the subject reports state-change events (`events` op) and metrics (`metrics` op).
  public var reportsEvents: Bool = false
  /// Whether the subject exposes `is_open` (the fail-fast query of step 4).
  public var exposesIsOpen: Bool = false
  /// Whether the breaker holds a lock while the protected operation runs (pybreaker): calls run one at a time.
  public var serializesCalls: Bool = false
  /// What happens when HALF_OPEN trials never finish (step 5).
  public var hungTrial: HungTrial = .any
  /// When a rate-based breaker compares the window's rates with the thresholds (step 8).
  public var tripEvaluation: TripEvaluation = .everyOutcome
  /// Which window kinds the subject implements (step 8).
  public var windowKinds: WindowKinds = .both
  /// How precisely a time-based window slides (step 8).
  public var timeWindow: TimeWindow = .sliding

  public init() {}

  /// How failures open the breaker.
  public enum TripRule: String, Sendable, Codable, CaseIterable {
    /// `failure_threshold` consecutive counted failures.
    case consecutive
    /// A failure (or slow-call) rate over the configured window, once `minimum_calls` are recorded.
    case rate
  }

  /// A comparison of a rate with its threshold.
  public enum Comparison: String, Sendable, Codable, CaseIterable { case ge, gt }

  /// Inclusive or exclusive boundary at `recovery_timeout`.
  public enum Boundary: String, Sendable, Codable, CaseIterable {
    /// A call at exactly `recovery_timeout` is admitted (the tutorial, pybreaker, Polly v8, Failsafe).
    case inclusive
    /// Only a call after `recovery_timeout` is admitted (resilience4j's `isAfter`, gobreaker, Hystrix).
    case exclusive
    /// Either is accepted: no check calls at exactly the timeout, and explore follows both.
    case any
  }

  /// What a state read reports after the timeout, before any call.
  public enum StateRead: String, Sendable, Codable, CaseIterable {
    /// Still OPEN until a call arrives (the tutorial's lazy breaker).
    case lazy
    /// HALF_OPEN: reading the state advances it.
    case advances
    /// Either is accepted.
    case any
  }

  /// HALF_OPEN admission.
  public enum Admission: String, Sendable, Codable, CaseIterable {
    /// Every call is admitted (the tutorial's basic breaker).
    case unlimited
    /// At most `half_open_max_calls` trials in flight; extras are rejected without invocation.
    case limited
  }

  /// The tripping call's result.
  public enum TripCallError: String, Sendable, Codable, CaseIterable {
    /// The operation's own error.
    case original
    /// The breaker's own error (pybreaker's default).
    case breaker
  }

  /// Counting of errors outside `expected_exception`.
  public enum IgnoredErrors: String, Sendable, Codable, CaseIterable {
    /// They change nothing (the tutorial).
    case neutral
    /// They count as successes.
    case success
    /// Either is accepted: no check puts one inside a streak, and explore follows both.
    case any
  }

  /// Stale results.
  public enum StaleResults: String, Sendable, Codable, CaseIterable {
    /// Ignored: they neither close nor re-arm nor add permits (gobreaker's generations).
    case discard
    /// Counted as they arrive.
    case count
    /// Not tested.
    case any
  }

  /// Fallback use.
  public enum FallbackOn: String, Sendable, Codable, CaseIterable {
    case none
    /// Only when the breaker rejects.
    case open
    /// When it rejects and when a counted failure happens.
    case openAndFailure = "open_and_failure"
  }

  /// HALF_OPEN trials that never finish.
  public enum HungTrial: String, Sendable, Codable, CaseIterable {
    /// The trials keep their permits until they finish: later calls are rejected meanwhile (gobreaker, Polly v8).
    case blocks
    /// Each further `recovery_timeout` in HALF_OPEN grants fresh permits (Polly v7).
    case repermit
    /// Not tested.
    case any
  }

  /// When the trip rule is evaluated.
  public enum TripEvaluation: String, Sendable, Codable, CaseIterable {
    /// After every recorded outcome, successes included (resilience4j).
    case everyOutcome = "every_outcome"
    /// Only after a failure or a slow call (Polly, gobreaker, opossum).
    case onFailure = "on_failure"
  }

  /// Window kinds a rate-based subject implements.
  public enum WindowKinds: String, Sendable, Codable, CaseIterable {
    case count, time, both

    /// Whether `kind` is implemented.
    public func includes(_ kind: BreakerConfig.Window.Kind) -> Bool {
      self == .both || rawValue == kind.rawValue
    }
  }

  /// Time-window precision.
  public enum TimeWindow: String, Sendable, Codable, CaseIterable {
    /// Exactly the outcomes recorded in (now − size, now]: an outcome leaves exactly `size` seconds later.
    case sliding
    /// Buckets (resilience4j 1 s, Polly size/10): only checks that hold for any bucket of at most 1 s apply.
    case bucketed
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case tripRule = "trip_rule"
    case rateComparison = "rate_comparison"
    case openBoundary = "open_boundary"
    case stateRead = "state_read"
    case halfOpenAdmission = "half_open_admission"
    case tripCallError = "trip_call_error"
    case ignoredErrors = "ignored_errors"
    case staleResults = "stale_results"
    case fallbackOn = "fallback_on"
    case reportsEvents = "reports_events"
    case exposesIsOpen = "exposes_is_open"
    case serializesCalls = "serializes_calls"
    case hungTrial = "hung_trial"
    case tripEvaluation = "trip_evaluation"
    case windowKinds = "window_kinds"
    case timeWindow = "time_window"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Profile()
    tripRule = try c.decodeIfPresent(TripRule.self, forKey: .tripRule) ?? d.tripRule
    rateComparison = try c.decodeIfPresent(Comparison.self, forKey: .rateComparison) ?? d.rateComparison
    openBoundary = try c.decodeIfPresent(Boundary.self, forKey: .openBoundary) ?? d.openBoundary
    stateRead = try c.decodeIfPresent(StateRead.self, forKey: .stateRead) ?? d.stateRead
    halfOpenAdmission = try c.decodeIfPresent(Admission.self, forKey: .halfOpenAdmission) ?? d.halfOpenAdmission
    tripCallError = try c.decodeIfPresent(TripCallError.self, forKey: .tripCallError) ?? d.tripCallError
    ignoredErrors = try c.decodeIfPresent(IgnoredErrors.self, forKey: .ignoredErrors) ?? d.ignoredErrors
    staleResults = try c.decodeIfPresent(StaleResults.self, forKey: .staleResults) ?? d.staleResults
    fallbackOn = try c.decodeIfPresent(FallbackOn.self, forKey: .fallbackOn) ?? d.fallbackOn
    reportsEvents = try c.decodeIfPresent(Bool.self, forKey: .reportsEvents) ?? d.reportsEvents
    exposesIsOpen = try c.decodeIfPresent(Bool.self, forKey: .exposesIsOpen) ?? d.exposesIsOpen
    serializesCalls = try c.decodeIfPresent(Bool.self, forKey: .serializesCalls) ?? d.serializesCalls
    hungTrial = try c.decodeIfPresent(HungTrial.self, forKey: .hungTrial) ?? d.hungTrial
    tripEvaluation = try c.decodeIfPresent(TripEvaluation.self, forKey: .tripEvaluation) ?? d.tripEvaluation
    windowKinds = try c.decodeIfPresent(WindowKinds.self, forKey: .windowKinds) ?? d.windowKinds
    timeWindow = try c.decodeIfPresent(TimeWindow.self, forKey: .timeWindow) ?? d.timeWindow
  }

  /// The tutorial's basic breaker (step 3).
  public static let tutorial = Profile()
}
