import Conformance

/// The words of the diagram: every label comes from the configuration and the profile, so the picture says
/// what the rules say (docs/profiles.md).
extension StateDiagram {
  /// The profile assumed when none is given: the tutorial's, with the rate rule when the configuration has a
  /// window and a limited HALF_OPEN when it sets `half_open_max_calls`.
  public static func assumedProfile(for config: BreakerConfig) -> Profile {
    var profile = Profile.tutorial
    if config.window != nil { profile.tripRule = .rate }
    if config.halfOpenMaxCalls != nil { profile.halfOpenAdmission = .limited }
    return profile
  }

  /// Whether the breaker trips on a rate over its window (rather than on consecutive failures).
  var tripsOnRate: Bool { profile.tripRule == .rate && config.window != nil }

  /// Whether slow calls count: a slow-call duration and a slow-call rate are both configured.
  var judgesSlowCalls: Bool { tripsOnRate && config.slowCallDuration != nil && config.slowCallRateThreshold != nil }

  /// CLOSED→OPEN: `5 consecutive failures`, or the rate rule (and the slow-call rule) over the window.
  public var tripLabel: String { tripParts.joined(separator: " ") }

  /// The phrases of `tripLabel`, kept whole when the label is wrapped.
  var tripParts: [String] {
    guard tripsOnRate, let w = config.window else {
      return [config.failureThreshold == 1 ? "1 failure" : "\(config.failureThreshold) consecutive failures"]
    }
    let at = profile.rateComparison == .gt ? ">" : (info.unicode ? "≥" : ">=")
    let span = w.kind == .count ? "of the last \(Int(w.size)) calls" : "of calls in \(formatSeconds(w.size))"
    let minimum = "(min \(w.minimumCalls) call\(w.minimumCalls == 1 ? "" : "s"))"
    var parts = ["\(at)\(formatNumber(w.failureRateThreshold))% failures", span, minimum]
    if judgesSlowCalls, let rate = config.slowCallRateThreshold, let duration = config.slowCallDuration {
      parts += ["or \(at)\(formatNumber(rate))% slow calls", "(over \(formatSeconds(duration)))"]
    }
    return parts
  }

  /// OPEN→HALF_OPEN: `the next call once 30s have passed`. The move is lazy: it waits for a call (or, under
  /// `state_read: advances`, a state read); no timer makes it. At exactly the timeout an `inclusive`
  /// boundary admits the call (`once 30s have passed`), an `exclusive` one still rejects it (`once over 30s
  /// have passed`).
  public var waitLabel: String { waitParts.joined(separator: " ") }

  /// The phrases of `waitLabel`.
  var waitParts: [String] {
    let wait = formatSeconds(config.recoveryTimeout)
    let have = config.recoveryTimeout == 1 ? "has" : "have"
    let passed =
      profile.openBoundary == .exclusive ? "once over \(wait) \(have) passed" : "once \(wait) \(have) passed"
    return ["the next call"] + (profile.stateRead == .advances ? ["or state read"] : []) + [passed]
  }

  /// Whether HALF_OPEN rejects the calls beyond its trial allowance (`half_open_admission: limited`).
  public var halfOpenRejects: Bool { profile.halfOpenAdmission == .limited }

  /// The trials HALF_OPEN lets run at once under a limit (the model's: at least one).
  public var trialAllowance: Int { max(1, config.halfOpenMaxCalls ?? 1) }

  /// What HALF_OPEN does with calls: `rejects calls beyond 2 trials in flight`, or `admits every call as a
  /// trial` when it has no limit.
  public var halfOpenNote: String { halfOpenParts.joined(separator: " ") }

  /// The phrases of `halfOpenNote`.
  var halfOpenParts: [String] {
    guard halfOpenRejects else { return ["admits every", "call as a trial"] }
    let k = trialAllowance
    var parts = ["rejects calls", "beyond \(k) trial\(k == 1 ? "" : "s")", "in flight"]
    if profile.hungTrial == .repermit { parts += ["(new permits", "every \(formatSeconds(config.recoveryTimeout)))"] }
    return parts
  }

  /// What OPEN does with calls: `rejects calls (CircuitOpenError)`, or the fallback's answer under
  /// `fallback_on: open` or `open_and_failure`.
  public var openNote: String { openParts.joined(separator: " ") }

  /// The phrases of `openNote`.
  var openParts: [String] {
    ["rejects calls", profile.fallbackOn == .none ? "(CircuitOpenError)" : "(fallback or CircuitOpenError)"]
  }

  /// HALF_OPEN→CLOSED: `1 trial success` or `K trial successes in a row`.
  public var closeLabel: String { closeParts.joined(separator: " ") }

  /// The phrases of `closeLabel`.
  var closeParts: [String] {
    let k = config.trialsToClose
    return k == 1 ? ["1 trial success"] : ["\(k) trial successes", "in a row"]
  }

  /// HALF_OPEN→OPEN: `a trial fails`, or `a trial fails or is slow` under the slow-call rule.
  public var reopenLabel: String { reopenParts.joined(separator: " ") }

  /// The phrases of `reopenLabel`.
  var reopenParts: [String] { judgesSlowCalls ? ["a trial fails", "or is slow"] : ["a trial fails"] }

  /// The bulkhead, which rejects calls in every state: `nil` without `max_concurrent_calls`.
  public var bulkheadNote: String? {
    config.maxConcurrentCalls.map { "In every state, a bulkhead rejects calls beyond \($0) in flight." }
  }
}
