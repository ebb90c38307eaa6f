/// Step 9: slow calls that overlap, the slow rate beside failures, and a bulkhead across a whole recovery.
enum SlowBulkheadEdgeChecks {
  static let all: [Check] = [
    Check(
      id: "slow-call.overlapping-slow-calls", title: "Overlapping calls, each timed on its own",
      category: "slow-call", step: 9,
      expectation:
        "slow_call_duration 2 s: of two overlapping calls, the one that ran 2.5 s is slow and the one that ran 1 s is not, whichever started last or ended first",
      motivation:
        "Keeping one `started` time on the breaker instead of one per call times every call from the last one to start: a slow call hidden behind a quick one is never counted.",
      knobs: [], features: ["metrics", "concurrency"],
      applies: { p, c in SlowCallChecks.applies(p, c) && p.reportsEvents && !p.serializesCalls },
      adjust: { c in
        SlowCallChecks.slow(failureRate: 50, slowRate: 100)(&c)
        c.window = .init(kind: .count, size: 20, minimumCalls: 20, failureRateThreshold: 50)
      }
    ) { s in
      try s.expectRunning(try s.begin("A", .success), "call A begins at 0 s")
      try s.advance(1.5)
      try s.expectRunning(try s.begin("B", .success), "call B begins at 1.5 s")
      try s.advance(1)
      try s.expect(try s.finish("A"), .success, invoked: true, "A ends at 2.5 s (ran 2.5 s: slow)")
      try s.expect(try s.finish("B"), .success, invoked: true, "B ends at 2.5 s (ran 1 s: not slow)")
      var m = try s.metrics()
      try s.expect(
        m["slow_calls"] == 1, expected: "slow_calls=1",
        observed: m["slow_calls"].map { "slow_calls=\(formatNumber($0))" } ?? "no slow_calls counter",
        "after A (2.5 s) and B (1 s)")
      try s.expectRunning(try s.begin("C", .success), "call C begins at 2.5 s")
      try s.advance(0.25)
      try s.expectRunning(try s.begin("D", .success), "call D begins at 2.75 s")
      try s.advance(2.25)
      try s.expect(try s.finish("D"), .success, invoked: true, "D ends at 5 s (ran 2.25 s: slow)")
      try s.advance(0.5)
      try s.expect(try s.finish("C"), .success, invoked: true, "C ends at 5.5 s (ran 3 s: slow)")
      m = try s.metrics()
      try s.expect(
        m["slow_calls"] == 3, expected: "slow_calls=3",
        observed: m["slow_calls"].map { "slow_calls=\(formatNumber($0))" } ?? "no slow_calls counter",
        "after C (3 s) and D (2.25 s)")
    },
    Check(
      id: "slow-call.rate-with-failures", title: "The slow rate counts every call", category: "slow-call",
      step: 9,
      expectation:
        "window of 5, failure threshold 50 %, slow threshold 60 %: fast failure, fast failure, slow success, slow success, fast success (40 % failed, 40 % slow) stays CLOSED; one more slow success (60 % slow) opens it",
      motivation:
        "Dividing the slow calls by the successes only (2 of 3: 67 %) instead of by every call in the window opens the breaker on a rate it never reached.",
      knobs: ["rate_comparison"], applies: { p, c in SlowCallChecks.applies(p, c) && p.rateComparison == .ge },
      adjust: { c in
        SlowCallChecks.slow(failureRate: 50, slowRate: 60)(&c)
        c.window = .init(kind: .count, size: 5, minimumCalls: 5, failureRateThreshold: 50)
      }
    ) { s in
      try s.expect(try s.call(.failure, duration: 0.5), .failure, invoked: true, "a fast failure")
      try s.expect(try s.call(.failure, duration: 0.5), .failure, invoked: true, "another fast failure")
      try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "a slow success")
      try s.expect(try s.call(.success, duration: 3), .success, invoked: true, "another slow success")
      try s.expect(try s.call(.success, duration: 1), .success, invoked: true, "a fast success")
      try s.expectState(.closed, "2 of 5 failed (40 %), 2 of 5 slow (40 %)")
      try s.expect(try s.call(.success, duration: 2.5), .success, invoked: true, "one more slow success")
      try s.expectState(.open, "1 of the last 5 failed, 3 of the last 5 slow (60 % against 60 %)")
    },
    Check(
      id: "bulkhead.trip-underneath", title: "A trip under a full bulkhead", category: "bulkhead", step: 9,
      expectation:
        "with the bulkhead full, failing calls trip the breaker; the calls still in flight end while OPEN and free their slots; after the recovery the bulkhead admits max_concurrent_calls again",
      motivation:
        "Returning a slot only for calls of the current state (a stale call keeps its slot) shrinks the bulkhead after every trip until nothing gets through.",
      features: ["concurrency"], applies: BulkheadChecks.applies,
      adjust: { c in
        BulkheadChecks.adjust(&c)
        c.failureThreshold = 2
        c.maxConcurrentCalls = 4
        if c.window != nil { c.window = .init(kind: .count, size: 4, minimumCalls: 2, failureRateThreshold: 50) }
      }
    ) { s in
      let limit = s.config.maxConcurrentCalls ?? 4
      let failing = try s.beginRunning(s.failuresToTrip, "F", .failure, "calls that will fail")
      let stale = try s.beginRunning(limit - failing.count, "S", .success, "calls that will end after the trip")
      try s.expectRefused(try s.begin("X", .success), "one more while the bulkhead is full")
      for (i, id) in failing.enumerated() {
        let last = i == failing.count - 1
        try s.expect(try s.finish(id), last ? s.trippingResults : [.failure], invoked: true, "finishing \(id)")
      }
      let opened = s.t
      try s.expectState(.open, "after \(failing.count) failures, \(stale.count) calls still in flight")
      try s.finishAll(stale, [.success], "the calls admitted before the trip end while OPEN")
      try s.expectState(.open, "after the stale calls ended")
      try s.advance(to: s.admissionTime(after: opened))
      try s.closeWithSuccesses("recovering")
      let refill = try s.beginRunning(limit, "R", .success, "refilling the bulkhead after the recovery")
      try s.expectRefused(try s.begin("Y", .success), "one more than max_concurrent_calls")
      try s.finishAll(refill, [.success], "the refill")
    },
  ]
}
