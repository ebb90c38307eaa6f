@testable import Conformance

/// A representative set of profile and configuration combinations, beyond the exercises' own.
enum ProfileMatrix {
  static let combinations: [(String, Profile, BreakerConfig)] = {
    var result: [(String, Profile, BreakerConfig)] = []
    func add(_ name: String, _ step: Int, _ change: (inout Profile, inout BreakerConfig) -> Void) {
      var p = Profile.exercise(step: step)
      var c = BreakerConfig.exercise(step: step)
      change(&p, &c)
      result.append((name, p, c))
    }
    add("tutorial", 3) { _, _ in }
    add("exclusive-lazy", 4) { p, _ in
      p.openBoundary = .exclusive; p.stateRead = .lazy
    }
    add("advancing-read", 5) { p, _ in p.stateRead = .advances }
    add("stale-count", 5) { p, _ in p.staleResults = .count }
    add("stale-count-one-to-close", 5) { p, c in
      p.staleResults = .count; c.successThreshold = 1
    }
    add("repermit", 5) { p, _ in p.hungTrial = .repermit }
    add("breaker-error-on-trip", 5) { p, _ in p.tripCallError = .breaker }
    add("ignored-as-success", 5) { p, _ in p.ignoredErrors = .success }
    add("k1-s3", 5) { _, c in
      c.halfOpenMaxCalls = 1; c.successThreshold = 3
    }
    add("unlimited-serialized", 5) { p, _ in
      p.halfOpenAdmission = .unlimited; p.serializesCalls = true
    }
    add("fallback-on-failure", 7) { p, _ in p.fallbackOn = .openAndFailure }
    add("rate-gt", 8) { p, _ in p.rateComparison = .gt }
    add("rate-on-failure", 8) { p, _ in p.tripEvaluation = .onFailure }
    add("time-window", 8) { p, c in
      p.windowKinds = .time
      c.window = .init(kind: .time, size: 30, minimumCalls: 4, failureRateThreshold: 50)
    }
    add("bucketed-exclusive", 8) { p, _ in
      p.timeWindow = .bucketed; p.openBoundary = .exclusive
    }
    add("slow-bulkhead-stale-count", 9) { p, c in
      p.staleResults = .count; c.maxConcurrentCalls = 2
    }
    add("slow-bulkhead-gt-advancing", 9) { p, _ in
      p.rateComparison = .gt; p.stateRead = .advances
    }
    return result
  }()
}
