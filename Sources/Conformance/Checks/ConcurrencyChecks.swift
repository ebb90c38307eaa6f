/// Step 5: failing fast under concurrency, calls that overlap, and exactly one trip under contention.
enum ConcurrencyChecks {
  static let all: [Check] = [
    Check(
      id: "fail-fast.every-entry-point-rejects", title: "Every way in rejects while OPEN", category: "fail-fast",
      step: 5,
      expectation:
        "while OPEN, plain calls and calls started on their own thread are all rejected without invoking the operation",
      motivation:
        "fabfuel/circuitbreaker ran the operation through `call()` and `with breaker:` while OPEN; one entry point that forgets the check is enough.",
      features: ["concurrency"], applies: Shared.trippable, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      for i in 1...10 {
        try s.advance(to: opened + s.w * Double(i) / 16)
        try s.expectRejected("plain call \(i) while OPEN")
        try s.expectRefused(
          try s.begin("B\(i)", .success), "call \(i) on its own thread while OPEN", results: [.rejected])
      }
      try s.expectState(.open, "after 20 rejected calls")
      try s.trial(.success, openedAt: opened, "at the recovery timeout after the trip")
    },
    Check(
      id: "fail-fast.rejection-does-not-wait", title: "Rejecting never waits for calls in flight",
      category: "fail-fast", step: 5,
      expectation:
        "with a slow call still in flight, the breaker trips and rejects new callers at once instead of making them wait",
      motivation:
        "pybreaker holds its lock during the call: a rejected caller waits for the slow call it was meant to be protected from (pybreaker#3).",
      knobs: ["serializes_calls"], features: ["concurrency"],
      applies: { p, c in !p.serializesCalls && Shared.trippable(p, c) }, adjust: Shared.roomy
    ) { s in
      try s.expectRunning(try s.begin("A", .success), "a slow call that hangs")
      try s.trip("tripping the breaker while A hangs")
      try s.expectRefused(
        try s.begin("B", .success), "a new caller on its own thread while A hangs", results: [.rejected])
      try s.expectRejected("a plain call while A hangs")
      try s.expect(try s.finish("A"), .success, invoked: true, "A ends")
      try s.expectState(.open, "after A's late success")
    },
    Check(
      id: "fail-fast.rejections-not-failures", title: "Rejections are not failures", category: "fail-fast", step: 5,
      expectation: "twenty rejected calls, then recovery: the failures needed to trip again are counted from zero",
      motivation:
        "opossum#45 and Hystrix#235 counted short-circuited calls as failures, so the breaker re-tripped right after closing.",
      applies: Shared.trippable, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.expectRejected("while OPEN", count: 20, spacing: s.w / 32)
      try s.advance(to: s.admissionTime(after: opened))
      try s.closeWithSuccesses("recovering")
      let m = s.failuresToTrip
      try s.failures(m - 1, "after closing")
      try s.expectState(.closed, "after \(m - 1) failures following 20 rejections and recovery")
      try s.failures(1, trips: true, "one more failure")
      try s.expectState(.open, "after \(m) failures following recovery")
    },
    Check(
      id: "concurrency.calls-not-serialized", title: "Calls run side by side", category: "concurrency", step: 5,
      expectation:
        "four calls in flight at once all enter the operation, and a fifth plain call completes while they wait",
      motivation:
        "pybreaker#3 and its pull requests #40, #41, #57, #77: a lock held during the call turns a breaker into a queue.",
      knobs: ["serializes_calls"], features: ["concurrency"], applies: { p, _ in !p.serializesCalls },
      adjust: Shared.roomy
    ) { s in
      let ids = try s.beginRunning(4, "C", .success, "four overlapping calls")
      try s.expect(try s.call(.success), .success, invoked: true, "a plain call while four are in flight")
      try s.finishAll(ids, [.success], "the overlapping calls")
      try s.expectState(.closed, "after five successes")
    },
    Check(
      id: "concurrency.one-trip-under-overlap", title: "Exactly one trip under overlap", category: "concurrency",
      step: 5,
      expectation:
        "many overlapping failing calls: one CLOSED→OPEN transition, the rest end while OPEN and change nothing",
      motivation:
        "fabfuel/circuitbreaker#61 and Hystrix#1806: unsynchronised counters lose or double transitions, and late failures re-arm the wait.",
      features: ["concurrency"], applies: Shared.overlapping(Shared.trippable), adjust: Shared.roomy
    ) { s in
      let m = s.failuresToTrip
      let ids = try s.beginRunning(2 * m + 2, "F", .failure, "overlapping failing calls")
      var trippedAt = 0.0
      // Spread the finishes over less than half the wait, in steps of a power of two.
      var spacing = 0.5
      while spacing * Double(ids.count) * 2 >= s.w, spacing > 1.0 / 1024 { spacing /= 2 }
      for (i, id) in ids.enumerated() {
        if i > 0 { try s.advance(spacing) }
        let obs = try s.finish(id)
        try s.expect(obs, i == m - 1 ? s.trippingResults + [.failure] : [.failure], invoked: true, "finishing \(id)")
        if i == m - 1 { trippedAt = s.t }
      }
      try s.expectState(.open, "after \(ids.count) overlapping failures")
      if s.profile.reportsEvents, s.features.contains("events") {
        let events = try s.events()
        try s.expect(
          events.map(\.description) == ["CLOSED→OPEN"], expected: "exactly one event, CLOSED→OPEN",
          observed: events.map(\.description).joined(separator: ", "), "events after the overlapping failures")
      }
      if s.profile.reportsEvents, s.features.contains("metrics") {
        let failures = try s.metrics()["failures"]
        try s.expect(
          failures == Double(ids.count), expected: "failures=\(ids.count)",
          observed: failures.map { "failures=\(formatNumber($0))" } ?? "no failures counter", "metrics")
      }
      try s.trial(.success, openedAt: trippedAt, "at the recovery timeout counted from the trip")
    },
  ]
}
