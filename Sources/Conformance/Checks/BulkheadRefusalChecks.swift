/// Step 9: what a bulkhead refusal leaves behind (a rejection counted, no trial permit), and slow totals.
enum BulkheadRefusalChecks {
  static let all: [Check] = [
    Check(
      id: "bulkhead.refusals-counted", title: "Bulkhead refusals are rejections", category: "bulkhead", step: 9,
      expectation:
        "with max_concurrent_calls in flight, three calls turned away by the bulkhead add 3 to `rejections` and nothing to `failures`",
      motivation:
        "A refusal by the bulkhead is a call the caller did not get, as much as one refused by an open breaker: a dashboard that leaves it out hides the load that was shed.",
      features: ["metrics", "concurrency"], applies: { p, c in BulkheadChecks.applies(p, c) && p.reportsEvents },
      adjust: BulkheadChecks.adjust, vary: BulkheadChecks.vary
    ) { s in
      let limit = s.config.maxConcurrentCalls ?? 1
      let before = try s.metrics()
      let ids = try s.beginRunning(limit, "C", .success, "calls up to max_concurrent_calls")
      for i in 1...3 { try s.expectRefused(try s.begin("X\(i)", .success), "extra call \(i)") }
      let after = try s.metrics()
      for (key, added) in [("rejections", 3.0), ("failures", 0.0)] {
        let want = (before[key] ?? 0) + added
        try s.expect(
          after[key] == want, expected: "\(key)=\(formatNumber(want))",
          observed: after[key].map { "\(key)=\(formatNumber($0))" } ?? "no \(key) counter",
          "after 3 calls refused by a full bulkhead")
      }
      try s.finishAll(ids, [.success], "the calls in flight")
    },
    Check(
      id: "bulkhead.refusal-keeps-no-trial", title: "A bulkhead refusal takes no trial permit",
      category: "bulkhead", step: 9,
      expectation:
        "half_open_max_calls 2, max_concurrent_calls 4: with three calls from before the trip still in flight and one trial running, a call refused by the full bulkhead leaves the second trial permit free",
      motivation:
        "Checking the breaker before the bulkhead (README rule 9) takes a trial permit for a call the bulkhead then refuses, and never returns it: HALF_OPEN admits fewer trials after every refusal.",
      knobs: ["half_open_admission"], features: ["concurrency"],
      applies: { p, c in BulkheadChecks.applies(p, c) && p.halfOpenAdmission == .limited },
      adjust: { c in
        BulkheadChecks.adjust(&c)
        c.failureThreshold = 1
        c.maxConcurrentCalls = 4
        c.halfOpenMaxCalls = 2
        c.successThreshold = 2
        if c.window != nil { c.window = .init(kind: .count, size: 4, minimumCalls: 1, failureRateThreshold: 50) }
      }
    ) { s in
      let limit = s.config.maxConcurrentCalls ?? 4
      try s.expectRunning(try s.begin("F", .failure), "a call that will fail")
      let stale = try s.beginRunning(limit - 1, "S", .success, "calls that will still run after the trip")
      try s.expect(try s.finish("F"), s.trippingResults, invoked: true, "the failure trips the breaker")
      let opened = s.t
      try s.expectState(.open, "after the failure, \(stale.count) calls still in flight")
      try s.advance(to: s.admissionTime(after: opened))
      try s.expectRunning(try s.begin("T1", .success), "trial 1 fills the bulkhead")
      try s.expectRefused(try s.begin("X", .success), "a call beyond max_concurrent_calls in HALF_OPEN")
      try s.finishAll(stale, [.success, .failure, .ignored], "the calls from before the trip end")
      try s.expectRunning(try s.begin("T2", .success), "trial 2 of half_open_max_calls 2 (the refusal took no permit)")
      try s.finishAll(["T1", "T2"], [.success], "both trials")
      try s.expectState(.closed, "after 2 successful trials")
    },
    Check(
      id: "slow-call.count-totals-after-eviction", title: "An evicted slow call leaves the totals",
      category: "slow-call", step: 9,
      expectation:
        "window of 4, slow threshold 40 %: a slow call, then four fast ones push it out; one more slow call is 1 of 4 (25 %) and the breaker stays CLOSED; a second is 2 of 4 and opens it",
      motivation:
        "resilience4j#1335: a slow total never decremented when its outcome is overwritten keeps counting calls that left the window, and trips on a rate the window does not hold.",
      knobs: [], applies: SlowCallChecks.applies, adjust: SlowCallChecks.slow(failureRate: 100, slowRate: 40)
    ) { s in
      try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "a slow success (2.5 s)")
      for i in 1...4 {
        try s.expect(try s.call(.success, duration: 0.5), .success, invoked: true, "fast success \(i)")
      }
      try s.expectState(.closed, "0 slow calls in the last 4")
      try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "a slow success after the first left")
      try s.expectState(.closed, "1 slow call in the last 4 (25 % against 40 %)")
      try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "another slow success")
      try s.expectState(.open, "2 slow calls in the last 4 (50 % against 40 %)")
    },
  ]
}
