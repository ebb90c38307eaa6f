/// Step 8: count- and time-based sliding windows, failure-rate thresholds and minimum calls.
///
/// Each check sets its own window; time windows are expected to slide exactly over (now − size, now]
/// (`time_window: sliding`) except where a check says it holds for any bucket of at most one second.
enum WindowChecks {
  static func uses(_ kind: BreakerConfig.Window.Kind) -> @Sendable (Profile, BreakerConfig) -> Bool {
    { p, c in p.tripRule == .rate && c.window != nil && p.windowKinds.includes(kind) }
  }

  static func window(
    _ kind: BreakerConfig.Window.Kind, _ size: Double, min: Int, rate: Double
  )
    -> @Sendable (inout BreakerConfig) -> Void
  {
    { c in
      c.window = .init(kind: kind, size: size, minimumCalls: min, failureRateThreshold: rate)
      c.slowCallDuration = nil
      c.slowCallRateThreshold = nil
      c.maxConcurrentCalls = nil
    }
  }

  static let all: [Check] = [
    Check(
      id: "window.count-slides", title: "The count window slides", category: "window", step: 8,
      expectation:
        "window of 4, 40 %: four successes then two failures open the breaker on the sixth call (2 of the last 4), and the next call is rejected",
      motivation:
        "A cumulative counter sees 2 of 6 (33 %) and never trips; resilience4j and Failsafe judge only the last N calls.",
      knobs: ["trip_rule", "window_kinds"], applies: uses(.count), adjust: window(.count, 4, min: 4, rate: 40)
    ) { s in
      for i in 1...4 { try s.expect(try s.call(.success), .success, invoked: true, "success \(i)") }
      try s.expect(try s.call(.failure), .failure, invoked: true, "failure 1 (1 of the last 4)")
      try s.expectState(.closed, "after 1 failure in the last 4 calls (25 %)")
      try s.expect(try s.call(.failure), s.trippingResults, invoked: true, "failure 2 (2 of the last 4)")
      try s.expectState(.open, "after 2 failures in the last 4 calls (50 % against 40 %)")
      try s.expectRejected("the very next call")
    },
    Check(
      id: "window.rate-at-threshold", title: "A rate equal to the threshold", category: "window", step: 8,
      expectation:
        "2 failures of 4 against a 50 % threshold: `ge` opens the breaker, `gt` keeps it CLOSED until the rate is above",
      motivation:
        "resilience4j, Polly and Hystrix trip at `>=`, opossum at `>`: the profile fixes which, and off-by-one comparisons are the commonest rate bug.",
      knobs: ["rate_comparison"], applies: uses(.count), adjust: window(.count, 4, min: 4, rate: 50)
    ) { s in
      for i in 1...2 { try s.expect(try s.call(.success), .success, invoked: true, "success \(i)") }
      try s.expect(try s.call(.failure), .failure, invoked: true, "failure 1")
      let obs = try s.call(.failure)
      if s.profile.rateComparison == .ge {
        try s.expect(obs, s.trippingResults, invoked: true, "failure 2: 50 % of 4")
        try s.expectState(.open, "at exactly 50 % with rate_comparison ge")
      } else {
        try s.expect(obs, .failure, invoked: true, "failure 2: 50 % of 4")
        try s.expectState(.closed, "at exactly 50 % with rate_comparison gt")
        try s.expect(try s.call(.failure), s.trippingResults, invoked: true, "failure 3: 75 % of the last 4")
        try s.expectState(.open, "above 50 % with rate_comparison gt")
      }
    },
    Check(
      id: "window.minimum-calls", title: "No verdict before the minimum", category: "window", step: 8,
      expectation: "minimum_calls 5: four failures in a row leave the breaker CLOSED, the fifth opens it",
      motivation: "opossum#217: with no minimum, the first failure is a 100 % failure rate and opens the breaker.",
      knobs: ["trip_rule"], applies: { p, c in c.window.map { uses($0.kind)(p, c) } ?? false },
      adjust: { c in
        let kind = c.window?.kind ?? .count
        window(kind, kind == .count ? 10 : 60, min: 5, rate: 50)(&c)
      }
    ) { s in
      try s.failures(4, "below minimum_calls")
      try s.expectState(.closed, "after 4 failures with minimum_calls 5")
      try s.failures(1, trips: true, "the fifth failure")
      try s.expectState(.open, "after 5 failures with minimum_calls 5")
    },
    Check(
      id: "window.uncounted-not-recorded", title: "Uncounted errors stay out of the window", category: "window",
      step: 8,
      expectation:
        "4 failures and 10 errors outside expected_exception leave the window at 4 calls (CLOSED); one more failure opens it",
      motivation:
        "opossum's `fires` counted every call toward the minimum; an uncounted error recorded as a call dilutes or inflates the rate.",
      knobs: ["ignored_errors"], applies: { p, c in p.ignoredErrors == .neutral && uses(.count)(p, c) },
      adjust: window(.count, 10, min: 5, rate: 50)
    ) { s in
      try s.failures(4, "below minimum_calls")
      for i in 1...10 { try s.expect(try s.call(.ignored), .ignored, invoked: true, "uncounted error \(i)") }
      try s.expectState(.closed, "after 4 failures and 10 uncounted errors")
      try s.failures(1, trips: true, "a fifth counted failure")
      try s.expectState(.open, "after 5 counted failures (uncounted errors are not in the window)")
    },
    Check(
      id: "window.emptied-on-close", title: "Closing starts an empty window", category: "window", step: 8,
      expectation:
        "after a trip, rejections and recovery, three failures in a window of 4 (minimum 4) leave the breaker CLOSED",
      motivation:
        "resilience4j#547 carried the old buffer into CLOSED, and Hystrix#235 counted rejections: the breaker re-tripped right after closing.",
      knobs: ["trip_rule"], applies: uses(.count), adjust: window(.count, 4, min: 4, rate: 50)
    ) { s in
      let opened = try s.trip()
      try s.expectRejected("while OPEN", count: 10)
      try s.advance(to: s.admissionTime(after: opened))
      try s.closeWithSuccesses("recovering")
      try s.failures(3, "after closing")
      try s.expectState(.closed, "after 3 failures in a fresh window (minimum 4)")
      try s.failures(1, trips: true, "the fourth failure")
      try s.expectState(.open, "after 4 failures in a fresh window")
    },
    Check(
      id: "window.time-evicts-old", title: "Old outcomes leave the time window", category: "window", step: 8,
      expectation:
        "10 s window, minimum 4: three failures at 0.5 s no longer count at 11 s, so a success and a failure there leave it CLOSED",
      motivation:
        "A time window that never forgets trips on failures from long ago (resilience4j, Polly and Hystrix all evict them).",
      knobs: ["window_kinds"], applies: uses(.time), adjust: window(.time, 10, min: 4, rate: 50)
    ) { s in
      try s.advance(0.5)
      try s.failures(3, "at 0.5 s")
      try s.expectState(.closed, "3 failures, below minimum_calls 4")
      try s.advance(to: 11)
      try s.expect(try s.call(.success), .success, invoked: true, "a success at 11 s")
      try s.expect(try s.call(.failure), .failure, invoked: true, "a failure at 11 s")
      try s.expectState(.closed, "only 2 calls in (1 s, 11 s]")
      try s.expect(try s.call(.failure), .failure, invoked: true, "another failure at 11 s")
      try s.expect(try s.call(.failure), s.trippingResults, invoked: true, "a fourth call in the window")
      try s.expectState(.open, "3 failures of 4 calls in the window")
    },
    Check(
      id: "window.time-boundary", title: "The time window's edge", category: "window", step: 8,
      expectation:
        "10 s window: a failure recorded at t has left the window at exactly t + 10 s, and is still in it 1 ms before",
      motivation:
        "gobreaker#21 and #64: fixed intervals drop everything at the boundary; the exercise asks for a true sliding window over (now − size, now].",
      knobs: ["time_window"], applies: { p, c in p.timeWindow == .sliding && uses(.time)(p, c) },
      adjust: window(.time, 10, min: 2, rate: 50)
    ) { s in
      try s.failures(1, "at 0 s")
      try s.advance(to: 10)
      try s.failures(1, "at exactly 10 s")
      try s.expectState(.closed, "at 10 s the failure of 0 s is out: 1 call, below minimum 2")
      try s.advance(to: 20 - Session.epsilon)
      try s.failures(1, trips: true, "1 ms before 20 s")
      try s.expectState(.open, "the failure of 10 s is still in (10 s − 1 ms, 20 s − 1 ms]")
    },
    Check(
      id: "window.time-spread-never-trips", title: "Spread-out failures stay below the minimum", category: "window",
      step: 8,
      expectation:
        "10 s window, minimum 5: a failure every 3 s for 30 s never has 5 calls in the window and never opens the breaker",
      motivation:
        "resilience4j#842 and Hystrix#1729: users expect the minimum to apply to the window, not to the total since start.",
      knobs: ["window_kinds"], applies: uses(.time), adjust: window(.time, 10, min: 5, rate: 50)
    ) { s in
      try s.failures(11, spacing: 3, "a failure every 3 s")
      try s.expectState(.closed, "after 11 failures 3 s apart (at most 4 in any 10 s)")
    },
  ]
}
