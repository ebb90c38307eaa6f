/// Step 9: a bulkhead limits the calls in flight at once.
enum BulkheadChecks {
  static let applies: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in
    c.maxConcurrentCalls != nil && !p.serializesCalls && Shared.trippable(p, c)
  }

  /// A variant's bulkhead: 1 to 4 slots, so that a bulkhead of the exercise's literal size fails one.
  static let vary: @Sendable (inout BreakerConfig, inout SeededRandom) -> Void = { c, rng in
    if c.maxConcurrentCalls != nil { c.maxConcurrentCalls = Int.random(in: 1...4, using: &rng) }
  }

  /// At most four calls in flight, and room for a few failures before a trip.
  static let adjust: @Sendable (inout BreakerConfig) -> Void = { c in
    let limit = min(4, max(1, c.maxConcurrentCalls ?? 2))
    c.maxConcurrentCalls = limit
    c.failureThreshold = max(c.failureThreshold, limit + 2)
    if var w = c.window {
      w.minimumCalls = max(w.minimumCalls, limit + 2)
      w.failureRateThreshold = max(w.failureRateThreshold, 50)
      if w.kind == .count { w.size = max(w.size, Double(w.minimumCalls)) }
      c.window = w
    }
    c.slowCallDuration = nil
    c.slowCallRateThreshold = nil
  }

  static let all: [Check] = [
    Check(
      id: "bulkhead.rejects-extra-calls", title: "The bulkhead turns extra calls away", category: "bulkhead",
      step: 9,
      expectation:
        "with max_concurrent_calls in flight, further calls are rejected without invoking the operation and without counting as failures",
      motivation:
        "A bulkhead that queues or runs the extra calls lets one slow dependency exhaust every thread, the cascade of step 1.",
      features: ["concurrency"], applies: applies, adjust: adjust, vary: vary
    ) { s in
      let limit = s.config.maxConcurrentCalls ?? 1
      let ids = try s.beginRunning(limit, "C", .success, "calls up to max_concurrent_calls")
      for i in 1...(s.failuresToTrip + 2) {
        try s.expectRefused(try s.begin("X\(i)", .success), "extra call \(i) on its own thread")
        try s.expectRefused(try s.call(.success), "extra plain call \(i)")
      }
      try s.expectState(.closed, "bulkhead rejections are not failures")
      try s.finishAll([ids[0]], [.success], "one call ends")
      try s.expectRunning(try s.begin("Y", .success), "a call after one slot was freed")
      try s.finishAll(Array(ids.dropFirst()) + ["Y"], [.success], "the remaining calls")
    },
    Check(
      id: "bulkhead.permits-returned", title: "Every outcome frees its slot", category: "bulkhead", step: 9,
      expectation:
        "slots come back after successes, counted failures, uncounted errors, cancellations and rejections by the open breaker",
      motivation:
        "resilience4j decorators leaked permits on unexpected errors; a bulkhead that leaks slots ends up rejecting everything.",
      features: ["concurrency"], applies: applies, adjust: adjust, vary: vary
    ) { s in
      let limit = s.config.maxConcurrentCalls ?? 1
      let outcomes: [Outcome] =
        s.features.contains("fatal") ? [.failure, .ignored, .success, .fatal] : [.failure, .ignored, .success]
      for round in 1...3 {
        var ids: [String] = []
        for i in 1...limit {
          let id = "R\(round)-\(i)"
          try s.expectRunning(try s.begin(id, outcomes[(i + round) % outcomes.count]), "round \(round), call \(i)")
          ids.append(id)
        }
        for (i, id) in ids.enumerated() {
          try s.expect(
            try s.finish(id), [.success, .failure, .ignored, .fatal], invoked: true,
            "round \(round), call \(i + 1) ends")
        }
        // Enough successes that a breaker counting the cancellation as a failure (step 4 allows it) stays CLOSED.
        for _ in 1...(limit + 2) {
          try s.expect(try s.call(.success), .success, invoked: true, "round \(round), a success")
        }
      }
      let opened = try s.trip()
      try s.expectRejected("while OPEN", count: limit + 2)
      try s.advance(to: s.admissionTime(after: opened))
      try s.closeWithSuccesses("recovering")
      let ids = try s.beginRunning(limit, "Z", .success, "after rejections by the open breaker")
      try s.finishAll(ids, [.success], "those calls")
    },
  ]
}
