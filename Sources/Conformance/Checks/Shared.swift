/// Conditions and adjustments that the checks of steps 5 to 9 share.
enum Shared {
  /// The breaker can be opened by failures in a row under its rule (always, for the consecutive rule).
  static let trippable: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in
    guard p.tripRule == .rate else { return true }
    guard let w = c.window, p.windowKinds.includes(w.kind) else { return false }
    return p.rateComparison == .ge || w.failureRateThreshold < 100
  }

  /// Trippable, and HALF_OPEN admits a limited number of trials.
  static let limited: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in
    p.halfOpenAdmission == .limited && trippable(p, c)
  }

  /// At least two failures to trip, no bulkhead in the way of the scenario's calls in flight.
  static let roomy: @Sendable (inout BreakerConfig) -> Void = { c in
    c.failureThreshold = max(2, c.failureThreshold)
    c.maxConcurrentCalls = nil
    c.slowCallDuration = nil
    c.slowCallRateThreshold = nil
    if var w = c.window {
      w.minimumCalls = max(2, w.minimumCalls)
      if w.kind == .count { w.size = max(w.size, Double(w.minimumCalls)) }
      c.window = w
    }
  }

  /// Roomy, and at least two consecutive trial successes to close.
  static let twoToClose: @Sendable (inout BreakerConfig) -> Void = { c in
    roomy(&c)
    c.successThreshold = max(2, c.successThreshold ?? 2)
  }

  /// The condition, and calls may overlap: the breaker does not hold a lock while the operation runs.
  static func overlapping(
    _ condition: @escaping @Sendable (Profile, BreakerConfig) -> Bool
  )
    -> @Sendable (Profile, BreakerConfig) -> Bool
  {
    { p, c in !p.serializesCalls && condition(p, c) }
  }
}
