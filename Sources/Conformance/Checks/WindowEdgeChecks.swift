/// Step 8: the window's arithmetic at its edges: rounding, fractional times, and totals after evictions.
enum WindowEdgeChecks {
  static let all: [Check] = [
    Check(
      id: "window.threshold-not-rounded", title: "2 of 3 is not 67 %", category: "window", step: 8,
      expectation:
        "window of 3 calls, threshold 67 %: success, failure, failure (66.7 %) leaves the breaker CLOSED; one more failure (3 of 3) opens it",
      motivation:
        "Rounding the rate to whole percent (round(2 / 3 × 100) = 67) trips the breaker below its threshold.",
      knobs: ["trip_rule", "rate_comparison"], applies: WindowChecks.uses(.count),
      adjust: WindowChecks.window(.count, 3, min: 3, rate: 67)
    ) { s in
      try s.expect(try s.call(.success), .success, invoked: true, "success 1")
      try s.failures(2, "then")
      try s.expectState(.closed, "after 2 failures in the last 3 calls (66.67 % against 67 %)")
      try s.failures(1, trips: true, "one more")
      try s.expectState(.open, "after 3 failures in the last 3 calls")
    },
    Check(
      id: "window.time-fractional-offsets", title: "The time window at fractions of a second",
      category: "window", step: 8,
      expectation:
        "10 s window, minimum 3: two failures at 0.75 s are still in the window at 10.5 s, so a third failure then opens the breaker; at exactly 10.75 s they have left",
      motivation:
        "Stamping outcomes with whole seconds (a bucket per second) drops them up to a second early: the window slides by the clock's tick, not by the outcomes' times.",
      knobs: ["time_window"], applies: { p, c in p.timeWindow == .sliding && WindowChecks.uses(.time)(p, c) },
      adjust: WindowChecks.window(.time, 10, min: 3, rate: 50)
    ) { s in
      try s.advance(to: 0.75)
      try s.failures(2, "at 0.75 s")
      try s.advance(to: 10.5)
      try s.failures(1, trips: true, "at 10.5 s")
      try s.expectState(.open, "3 failures in (0.5 s, 10.5 s]")
      let second = s.config
      try s.create("fresh", config: second)
      try s.advance(to: 21.25)
      for i in 1...2 {
        try s.expect(
          try s.call(.failure, on: "fresh"), .failure, invoked: true, "fresh breaker, failure \(i) at 21.25 s")
      }
      try s.advance(to: 31.25)
      try s.expect(try s.call(.failure, on: "fresh"), .failure, invoked: true, "fresh breaker, a failure at 31.25 s")
      try s.expectState(
        .closed, "the failures of 21.25 s left at exactly 31.25 s: 1 call, below minimum 3", of: "fresh")
    },
    Check(
      id: "window.minimum-after-evictions", title: "The minimum counts what is in the window",
      category: "window", step: 8,
      expectation:
        "10 s window, minimum 4: three successes leave the window, then one failure is 1 call (below the minimum) and the breaker stays CLOSED; two successes and a failure later (4 calls, 50 %) it opens",
      motivation:
        "Running totals that are never decremented on eviction (or a minimum checked against calls ever recorded) give a verdict on a window that holds one call.",
      knobs: ["trip_rule", "rate_comparison"], applies: WindowChecks.uses(.time),
      adjust: WindowChecks.window(.time, 10, min: 4, rate: 50)
    ) { s in
      for i in 1...3 { try s.expect(try s.call(.success), .success, invoked: true, "success \(i) at 0 s") }
      try s.advance(to: 10.25)
      try s.failures(1, "at 10.25 s, after the successes left")
      try s.expectState(.closed, "1 call in the window (minimum 4)")
      try s.advance(to: 11)
      for i in 1...2 { try s.expect(try s.call(.success), .success, invoked: true, "success \(i) at 11 s") }
      try s.expectState(.closed, "3 calls in the window (minimum 4)")
      let last = try s.call(.failure)
      if s.profile.rateComparison == .ge {
        try s.expect(last, s.trippingResults, invoked: true, "a failure at 11 s: 2 of 4 calls")
        try s.expectState(.open, "2 failures of 4 calls in the window (50 % against 50 %)")
      } else {
        try s.expect(last, .failure, invoked: true, "a failure at 11 s: 2 of 4 calls")
        try s.expectState(.closed, "2 failures of 4 calls (50 %, not more than 50 %)")
      }
    },
  ]
}
