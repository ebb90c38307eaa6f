/// Step 5: results of calls admitted before a state change (stale or late results).
enum StaleResultChecks {
  static let decided: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in
    p.staleResults != .any && Shared.trippable(p, c)
  }

  static let all: [Check] = [
    Check(
      id: "stale.late-success-does-not-close", title: "A late success does not close", category: "stale", step: 5,
      expectation:
        "a call admitted in CLOSED that succeeds after the trip leaves the breaker OPEN, rejecting, with its wait unchanged",
      motivation:
        "fabfuel/circuitbreaker: a success arriving while OPEN closed the breaker at once, letting all traffic back to a dead service.",
      knobs: ["stale_results"], features: ["concurrency"], applies: Shared.overlapping(Shared.trippable),
      adjust: Shared.roomy
    ) { s in
      try s.expectRunning(try s.begin("A", .success), "a slow call admitted in CLOSED")
      try s.advance(1)
      let opened = try s.trip("tripping the breaker while A runs")
      try s.advance(to: opened + s.w / 2)
      try s.expect(try s.finish("A"), .success, invoked: true, "A succeeds while OPEN")
      try s.expectState(.open, "after A's late success")
      try s.expectRejected("right after A's late success")
      try s.trial(.success, openedAt: opened, "at the recovery timeout counted from the trip")
    },
    Check(
      id: "stale.late-failure-does-not-rearm", title: "A late failure does not re-arm the wait", category: "stale",
      step: 5,
      expectation:
        "a call admitted in CLOSED that fails just before the wait ends neither extends the wait nor adds a second CLOSED→OPEN event",
      motivation:
        "SynkraAI/aiox-core#469 and fabfuel/circuitbreaker: late failures re-armed the timer, so under steady load the breaker never half-opened.",
      knobs: ["open_boundary"], features: ["concurrency"], applies: Shared.overlapping(Shared.trippable),
      adjust: Shared.roomy
    ) { s in
      try s.expectRunning(try s.begin("A", .failure), "a slow call admitted in CLOSED")
      try s.advance(1)
      let opened = try s.trip("tripping the breaker while A runs")
      try s.advance(to: s.lateInWait(opened))
      try s.expect(try s.finish("A"), .failure, invoked: true, "A fails late, just before the wait ends")
      try s.expectState(.open, "after A's late failure")
      if s.profile.reportsEvents, s.features.contains("events") {
        let events = try s.events()
        let trips = events.filter { $0.from == .closed && $0.to == .open }.count
        try s.expect(
          events.count == 1 && trips == 1, expected: "exactly one event, CLOSED→OPEN",
          observed: events.map(\.description).joined(separator: ", "), "events after the late failure")
      }
      try s.trial(.success, openedAt: opened, "at the recovery timeout counted from the trip, not from A's failure")
    },
    Check(
      id: "stale.result-from-before-trip", title: "Which result decides HALF_OPEN", category: "stale", step: 5,
      expectation:
        "a success from before the trip arriving in HALF_OPEN: `discard` ignores it and the trial's failure reopens; `count` counts it as a trial success",
      motivation:
        "gobreaker discards results by generation; Polly#217 and Hystrix#1350 count them: the profile says which, and the breaker must do exactly that.",
      knobs: ["stale_results"], features: ["concurrency"], applies: Shared.overlapping(decided),
      adjust: { c in
        Shared.roomy(&c)
        if c.successThreshold != nil { c.successThreshold = 1 }
      }
    ) { s in
      try s.expectRunning(try s.begin("A", .success), "a slow call admitted in CLOSED")
      let opened = try s.trip("tripping the breaker while A runs")
      try s.advance(to: s.admissionTime(after: opened))
      try s.expectRunning(try s.begin("P", .failure), "the trial call")
      try s.expect(try s.finish("A"), .success, invoked: true, "A succeeds while the trial runs")
      if s.profile.staleResults == .discard {
        try s.expectState(.halfOpen, "after A's stale success (discard)")
        try s.expect(try s.finish("P"), .failure, invoked: true, "the trial fails")
        try s.expectState(.open, "after the trial failed (discard)")
      } else if s.config.trialsToClose == 1 {
        try s.expectState(.closed, "A's success counts as the trial success that closes (count)")
        try s.expect(try s.finish("P"), .failure, invoked: true, "the trial fails after closing")
        try s.expectState(.closed, "one failure after closing (count)")
      } else {
        try s.expectState(.halfOpen, "A's success counts as 1 of \(s.config.trialsToClose) trial successes (count)")
        try s.expect(try s.finish("P"), .failure, invoked: true, "the trial fails")
        try s.expectState(.open, "after the trial failed (count)")
      }
    },
    Check(
      id: "stale.late-result-adds-no-permit", title: "A late result adds no permit", category: "stale", step: 5,
      expectation: "a call from before the trip ending while the trials run does not free a trial permit",
      motivation:
        "Failsafe#391: completions of calls admitted earlier inflated the half-open permits and let a stampede through.",
      knobs: ["stale_results", "half_open_max_calls"], features: ["concurrency"],
      applies: Shared.overlapping { p, c in p.halfOpenAdmission == .limited && decided(p, c) }, adjust: Shared.roomy
    ) { s in
      try s.expectRunning(try s.begin("A", .success), "a slow call admitted in CLOSED")
      let opened = try s.trip("tripping the breaker while A runs")
      try s.advance(to: s.admissionTime(after: opened))
      let trials = try s.beginRunning(s.k, "T", .success, "the trials")
      try s.expect(try s.finish("A"), .success, invoked: true, "A succeeds while the trials run")
      let closes = s.profile.staleResults == .count && s.config.trialsToClose == 1
      if closes {
        try s.expectState(.closed, "A's success closes the breaker (count, success_threshold 1)")
        try s.expectRunning(try s.begin("X", .success), "a caller after closing")
        try s.finishAll(["X"], [.success], "that caller")
      } else {
        try s.expectState(.halfOpen, "after A's stale success")
        try s.expectRefused(try s.begin("X", .success), "a caller while \(s.k) trial(s) still run")
      }
      try s.finishAll(trials, [.success], "the trials")
      try s.closeWithSuccesses("after the trials")
    },
    Check(
      id: "stale.late-failure-in-half-open", title: "A late failure during the trials", category: "stale", step: 5,
      expectation:
        "a failure from before the trip arriving in HALF_OPEN: `discard` ignores it; `count` reopens the breaker",
      motivation:
        "Without generations a slow call from the outage can reopen a breaker whose trials are succeeding; the profile says which is intended.",
      knobs: ["stale_results"], features: ["concurrency"], applies: Shared.overlapping(decided), adjust: Shared.roomy
    ) { s in
      try s.expectRunning(try s.begin("A", .failure), "a slow call admitted in CLOSED")
      let opened = try s.trip("tripping the breaker while A runs")
      try s.advance(to: s.admissionTime(after: opened))
      try s.expectRunning(try s.begin("P", .success), "the trial call")
      try s.expect(try s.finish("A"), .failure, invoked: true, "A fails while the trial runs")
      if s.profile.staleResults == .discard {
        try s.expectState(.halfOpen, "after A's stale failure (discard)")
        try s.expect(try s.finish("P"), .success, invoked: true, "the trial succeeds")
        try s.closeWithSuccesses("after the trial")
      } else {
        let reopened = s.t
        try s.expectState(.open, "A's failure counts as a failed trial (count)")
        try s.expect(try s.finish("P"), .success, invoked: true, "the trial ends while OPEN")
        try s.expectState(.open, "a late success never closes an OPEN breaker")
        try s.trial(.success, openedAt: reopened, "a full wait after A's failure")
      }
    },
  ]
}
