/// Step 9: slow calls count toward a slow-call rate, in CLOSED and for trials.
enum SlowCallChecks {
  static let applies: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in
    p.tripRule == .rate && c.window != nil && c.slowCallDuration != nil && p.windowKinds.includes(.count)
  }

  /// A count window of 4 (minimum 4), slow calls over 2 s, with the given thresholds.
  static func slow(failureRate: Double, slowRate: Double) -> @Sendable (inout BreakerConfig) -> Void {
    { c in
      c.window = .init(kind: .count, size: 4, minimumCalls: 4, failureRateThreshold: failureRate)
      c.slowCallDuration = 2
      c.slowCallRateThreshold = slowRate
      c.maxConcurrentCalls = nil
      c.successThreshold = c.successThreshold == nil ? nil : 1
    }
  }

  static let all: [Check] = [
    Check(
      id: "slow-call.strictly-longer", title: "Slow means strictly longer", category: "slow-call", step: 9,
      expectation:
        "slow_call_duration 2 s: calls of exactly 2 s are not slow; calls of 2.001 s are, and enough of them open the breaker",
      motivation:
        "resilience4j counts a call as slow when it takes strictly longer than the threshold; `>=` trips on calls that met their deadline.",
      knobs: ["rate_comparison"], applies: applies, adjust: slow(failureRate: 50, slowRate: 50)
    ) { s in
      for i in 1...4 {
        try s.expect(try s.call(.success, duration: 2), .success, invoked: true, "a 2 s success (\(i))")
      }
      try s.expectState(.closed, "after four calls of exactly slow_call_duration")
      let needed = s.profile.rateComparison == .ge ? 2 : 3
      for i in 1...needed {
        try s.expectState(.closed, "before slow call \(i) (\(needed) of the last 4 open it)")
        try s.expect(try s.call(.success, duration: 2.001), .success, invoked: true, "a 2.001 s success (\(i))")
      }
      try s.expectState(.open, "after \(needed) slow calls in the last 4")
    },
    Check(
      id: "slow-call.slow-failure-counts-both", title: "A slow failure is failed and slow", category: "slow-call",
      step: 9,
      expectation: "slow failures count toward the failure rate and toward the slow-call rate",
      motivation:
        "resilience4j records a slow error as both (SLOW_ERROR); counting it once hides either an outage or a slowdown.",
      knobs: ["rate_comparison"], applies: applies, adjust: slow(failureRate: 40, slowRate: 100)
    ) { s in
      for i in 1...2 { try s.expect(try s.call(.success), .success, invoked: true, "a fast success (\(i))") }
      try s.expect(try s.call(.failure, duration: 2.001), .failure, invoked: true, "a slow failure")
      try s.expectState(.closed, "3 calls, below minimum 4")
      try s.expect(try s.call(.failure, duration: 2.001), s.trippingResults, invoked: true, "another slow failure")
      try s.expectState(.open, "2 failures of 4 (50 %) against a 40 % failure-rate threshold")
      var second = s.config
      second.window?.failureRateThreshold = 90
      second.slowCallRateThreshold = 40
      try s.create("slow", config: second)
      for i in 1...2 {
        try s.expect(try s.call(.success, on: "slow"), .success, invoked: true, "a fast success (\(i))")
      }
      try s.expect(try s.call(.failure, duration: 2.001, on: "slow"), .failure, invoked: true, "a slow failure")
      try s.expect(
        try s.call(.failure, duration: 2.001, on: "slow"), s.trippingResults, invoked: true, "another slow failure")
      try s.expectState(.open, "2 slow calls of 4 (50 %) against a 40 % slow-call threshold", of: "slow")
    },
    Check(
      id: "slow-call.slow-trial-reopens", title: "A slow trial reopens", category: "slow-call", step: 9,
      expectation: "after slow calls open the breaker, a slow trial success reopens it; a fast trial success closes it",
      motivation:
        "resilience4j judges half-open trials by the same slow-call rule: a still-slow service must not be declared healthy.",
      knobs: ["rate_comparison"], applies: applies, adjust: slow(failureRate: 50, slowRate: 50)
    ) { s in
      let needed = 4
      for i in 1...needed {
        try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "a 2.5 s success (\(i))")
      }
      let opened = s.t
      try s.expectState(.open, "after \(needed) slow calls")
      try s.advance(to: s.admissionTime(after: opened))
      try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "a slow trial")
      let reopened = s.t
      try s.expectState(.open, "after a slow trial")
      try s.expectRejected("right after the slow trial")
      try s.advance(to: s.admissionTime(after: reopened))
      try s.expect(try s.call(.success, duration: 1), .success, invoked: true, "a fast trial")
      try s.closeWithSuccesses("after the fast trial")
    },
  ]
}
