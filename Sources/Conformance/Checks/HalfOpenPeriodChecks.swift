/// HALF_OPEN periods are separate: a trial belongs to the period that admitted it. The two checks that need
/// generations (stale results discarded) come with them at step 6; an old trial's permit and the uncounted
/// trial are step 5's.
enum HalfOpenPeriodChecks {
  /// Limited admission, calls may overlap, stale results discarded.
  static let discarding: @Sendable (Profile, BreakerConfig) -> Bool = Shared.overlapping { p, c in
    p.staleResults == .discard && Shared.limited(p, c)
  }

  static let all: [Check] = [
    Check(
      id: "half-open.trial-across-periods", title: "A trial from the last HALF_OPEN", category: "half-open",
      step: 6,
      expectation:
        "a trial admitted in one HALF_OPEN period that succeeds after a failed trial reopened the breaker and a fresh wait began the next period counts for neither: the new period still needs success_threshold successes of its own and keeps its permits",
      motivation:
        "A breaker that decides whether a result is still current by comparing states (HALF_OPEN then, HALF_OPEN now) rather than generations lets an old trial vote in a new period and closes one success early.",
      knobs: ["stale_results", "success_threshold", "half_open_max_calls"], features: ["concurrency"],
      applies: discarding,
      adjust: { c in
        Shared.twoToClose(&c)
        c.halfOpenMaxCalls = max(2, c.halfOpenMaxCalls ?? 2)
      }
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let old = try s.beginRunning(1, "A", .success, "period 1, a trial that will end late")
      try s.expect(try s.call(.failure), .failure, invoked: true, "period 1, a failing trial")
      let reopened = s.t
      try s.expectState(.open, "after the failed trial of period 1")
      try s.advance(to: s.admissionTime(after: reopened))
      let first = try s.beginRunning(1, "C", .success, "period 2, its first trial")
      try s.finishAll(old, [.success], "period 1's trial ends during period 2")
      try s.expectState(.halfOpen, "period 2, after period 1's late success")
      let others = try s.beginRunning(s.k - 1, "D", .success, "period 2, the other trials")
      try s.expectRefused(try s.begin("X", .success), "period 2, one more than half_open_max_calls")
      try s.finishAll(first, [.success], "period 2")
      try s.expectState(
        .halfOpen, "period 2, after 1 trial success of its own (\(s.config.trialsToClose) needed)")
      try s.finishAll(others, [.success], "period 2, the other trials")
      try s.closeWithSuccesses("period 2")
    },
    Check(
      id: "half-open.trial-in-flight-at-close", title: "A trial still running at the close",
      category: "half-open", step: 6,
      expectation:
        "a trial still running when the other trials close the breaker is stale: its failure does not reopen the breaker nor count toward the next trip",
      motivation:
        "Reopening on 'a trial failed' without asking whether that trial still belongs to the current HALF_OPEN slams a freshly recovered breaker shut on a result from before the recovery.",
      knobs: ["stale_results", "success_threshold", "half_open_max_calls"], features: ["concurrency"],
      applies: discarding,
      adjust: { c in
        Shared.twoToClose(&c)
        c.halfOpenMaxCalls = max(c.halfOpenMaxCalls ?? 1, c.trialsToClose + 1)
      }
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let late = try s.beginRunning(1, "L", .failure, "a trial that will fail after the close")
      let need = s.config.trialsToClose
      let closing = try s.beginRunning(need, "T", .success, "the trials that close the breaker")
      try s.finishAll(closing, [.success], "the closing trials")
      try s.expectState(.closed, "after \(need) trial successes, one trial still running")
      try s.finishAll(late, [.failure], "the trial still running fails after the close")
      try s.expectState(.closed, "after the stale trial's failure")
      if s.n > 1 {
        try s.failures(s.failuresToTrip - 1, "failures after the close")
        try s.expectState(
          .closed, "after \(s.failuresToTrip - 1) fresh failures (the stale one must not be the missing one)")
      }
    },
    Check(
      id: "half-open.old-trial-frees-no-permit", title: "An old trial frees no new permit", category: "half-open",
      step: 5,
      expectation:
        "a trial admitted in one HALF_OPEN period that ends during the next one, after a failed trial reopened the breaker, does not free a permit of the new period: with half_open_max_calls trials of its own running, one more caller is still refused",
      motivation:
        "A permit count that any trial's completion decrements (no period, or a period that never advances) "
        + "grows past half_open_max_calls once old trials come back, and lets a stampede into a service that "
        + "is still recovering.",
      knobs: ["half_open_max_calls", "hung_trial"], features: ["concurrency"],
      applies: Shared.overlapping { p, c in p.ignoredErrors == .neutral && Shared.limited(p, c) },
      adjust: { c in
        Shared.roomy(&c)
        c.halfOpenMaxCalls = max(2, c.halfOpenMaxCalls ?? 2)
      }
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      // An uncounted outcome: whichever way the profile treats a stale result, it decides nothing.
      let old = try s.beginRunning(1, "A", .ignored, "period 1, a trial that will end late")
      try s.expect(try s.call(.failure), .failure, invoked: true, "period 1, a failing trial")
      let reopened = s.t
      try s.expectState(.open, "after the failed trial of period 1")
      try s.advance(to: s.admissionTime(after: reopened))
      let trials = try s.beginRunning(s.k, "T", .success, "period 2, half_open_max_calls trials")
      try s.finishAll(old, [.ignored], "period 1's trial ends during period 2")
      try s.expectRefused(try s.begin("X", .success), "period 2, one more caller while its \(s.k) trials run")
      try s.finishAll(trials, [.success], "period 2's trials")
      try s.closeWithSuccesses("period 2")
    },
    Check(
      id: "half-open.uncounted-between-successes", title: "An uncounted error between trial successes",
      category: "half-open", step: 5,
      expectation:
        "with success_threshold ≥ 2, a trial ending in an error outside expected_exception between two trial successes neither counts nor breaks the streak: success, uncounted, success… closes after success_threshold successes",
      motivation:
        "Resetting the success streak on anything but a success (or counting the uncounted error as a success) makes the close depend on business errors the breaker promised to ignore.",
      knobs: ["ignored_errors", "success_threshold"],
      applies: { p, c in p.ignoredErrors == .neutral && Shared.trippable(p, c) },
      adjust: Shared.twoToClose
    ) { s in
      let opened = try s.trip()
      let need = s.config.trialsToClose
      try s.trial(.success, openedAt: opened, "trial success 1 of \(need)")
      try s.expect(try s.call(.ignored), .ignored, invoked: true, "a trial that ends in an uncounted error")
      try s.expectState(.halfOpen, "after 1 trial success and 1 uncounted error (\(need) successes needed)")
      for i in 2...need {
        try s.expect(try s.call(.success), .success, invoked: true, "trial success \(i) of \(need)")
        if i < need { try s.expectState(.halfOpen, "after \(i) of \(need) trial successes") }
      }
      try s.expectState(.closed, "after \(need) trial successes with an uncounted error among them")
    },
  ]
}
