/// Step 5: HALF_OPEN with a limited number of trials, the close and reopen rules, permits that come back.
enum HalfOpenChecks {
  static let all: [Check] = [
    Check(
      id: "half-open.limits-concurrent-trials", title: "At most K trials at once", category: "half-open", step: 5,
      expectation:
        "a rush of callers after the timeout: exactly half_open_max_calls trials run, every other call is rejected without invoking the operation",
      motivation:
        "Polly#216 and resilience4j#1090: a stampede of trial calls hits a service that is barely back and knocks it over again.",
      knobs: ["half_open_admission", "half_open_max_calls"], features: ["concurrency"],
      applies: Shared.overlapping(Shared.limited),
      adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let trials = try s.beginRunning(s.k, "T", .success, "the first \(s.k) trial call(s)")
      for i in 1...(s.k + 5) {
        try s.expectRefused(try s.begin("X\(i)", .success), "extra caller \(i) while \(s.k) trial(s) run")
      }
      try s.expectRefused(try s.call(.success), "a plain call while \(s.k) trial(s) run")
      try s.expectState(.halfOpen, "after the extra callers were rejected")
      try s.finishAll(trials, [.success], "the trials succeed")
      try s.closeWithSuccesses("after the concurrent trials")
    },
    Check(
      id: "half-open.close-after-success-threshold", title: "Close after N trial successes", category: "half-open",
      step: 5,
      expectation: "HALF_OPEN stays HALF_OPEN after success_threshold − 1 trial successes and closes on the next one",
      motivation:
        "pybreaker's success_threshold and gobreaker's MaxRequests: closing on the first success re-exposes a flapping service too soon.",
      knobs: ["success_threshold"], applies: { p, c in c.successThreshold != nil && Shared.trippable(p, c) },
      adjust: Shared.twoToClose
    ) { s in
      let opened = try s.trip()
      let need = s.config.trialsToClose
      try s.trial(.success, openedAt: opened, "trial 1 of \(need)")
      for i in 2...need {
        try s.expectState(.halfOpen, "after \(i - 1) of \(need) trial successes")
        try s.expect(try s.call(.success), .success, invoked: true, "trial \(i) of \(need)")
      }
      try s.expectState(.closed, "after \(need) consecutive trial successes")
    },
    Check(
      id: "half-open.failure-reopens", title: "Any failed trial reopens", category: "half-open", step: 5,
      expectation: "a trial failure after some trial successes reopens the breaker at once and restarts the full wait",
      motivation:
        "A breaker that keeps counting trial successes past a failure closes on a service that is still failing.",
      knobs: ["success_threshold", "open_boundary"],
      applies: { p, c in c.successThreshold != nil && Shared.trippable(p, c) }, adjust: Shared.twoToClose
    ) { s in
      let opened = try s.trip()
      let need = s.config.trialsToClose
      try s.trial(.success, openedAt: opened, "trial 1")
      for i in 2..<need { try s.expect(try s.call(.success), .success, invoked: true, "trial \(i)") }
      try s.expect(try s.call(.failure), .failure, invoked: true, "a failing trial after \(need - 1) successes")
      let reopened = s.t
      try s.expectState(.open, "after the failed trial")
      try s.advance(to: reopened + s.w - 1)
      try s.expectRejected("one second before a full wait after the failed trial")
      try s.trial(.success, openedAt: reopened, "a full wait after the failed trial")
    },
    Check(
      id: "half-open.fresh-permits-each-cycle", title: "Fresh permits every cycle", category: "half-open", step: 5,
      expectation:
        "after a failed cycle whose other trials finish while OPEN, the next HALF_OPEN again admits exactly half_open_max_calls trials",
      motivation:
        "Failsafe#135 and resilience4j#1432: permits leaked in one cycle shrink the next, until no trial is ever admitted.",
      knobs: ["half_open_admission", "half_open_max_calls"], features: ["concurrency"],
      applies: Shared.overlapping(Shared.limited),
      adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let first = try s.beginRunning(1, "F", .failure, "cycle 1, a failing trial")
      let others = try s.beginRunning(s.k - 1, "T", .success, "cycle 1, the other trials")
      try s.finishAll(first, [.failure], "cycle 1")
      let reopened = s.t
      try s.expectState(.open, "after the failed trial of cycle 1")
      try s.finishAll(others, [.success], "cycle 1, late trials ending while OPEN")
      try s.expectState(.open, "after the late trials of cycle 1")
      try s.advance(to: s.admissionTime(after: reopened))
      let second = try s.beginRunning(s.k, "C", .success, "cycle 2")
      try s.expectRefused(try s.begin("X", .success), "cycle 2, one more than half_open_max_calls")
      try s.finishAll(second, [.success], "cycle 2")
      try s.closeWithSuccesses("cycle 2")
    },
    Check(
      id: "half-open.success-count-fresh-each-cycle", title: "Trial successes start from zero", category: "half-open",
      step: 5,
      expectation:
        "trial successes of a failed cycle do not carry over: the next cycle needs success_threshold successes again",
      motivation:
        "pybreaker resets its success counter on every HALF_OPEN entry; a leftover count closes the breaker one cycle early.",
      knobs: ["success_threshold"], applies: { p, c in c.successThreshold != nil && Shared.trippable(p, c) },
      adjust: Shared.twoToClose
    ) { s in
      let need = s.config.trialsToClose
      var opened = try s.trip()
      try s.trial(.success, openedAt: opened, "cycle 1, trial 1")
      for i in 2..<need { try s.expect(try s.call(.success), .success, invoked: true, "cycle 1, trial \(i)") }
      try s.expect(try s.call(.failure), .failure, invoked: true, "cycle 1, a failing trial")
      opened = s.t
      try s.trial(.success, openedAt: opened, "cycle 2, trial 1")
      for i in 2..<need { try s.expect(try s.call(.success), .success, invoked: true, "cycle 2, trial \(i)") }
      try s.expectState(.halfOpen, "cycle 2, after \(need - 1) trial successes (\(need) needed)")
      try s.expect(try s.call(.success), .success, invoked: true, "cycle 2, trial \(need)")
      try s.expectState(.closed, "cycle 2, after \(need) trial successes")
    },
    Check(
      id: "half-open.status-queries-free", title: "Asking the state costs no permit", category: "half-open", step: 5,
      expectation:
        "reading the state and is_open() many times after the timeout does not use up the trials: they are still admitted",
      motivation:
        "resilience4j#858: a 'may I call?' probe used as a status query consumed the half-open permit, and the real trial was rejected.",
      knobs: ["half_open_admission", "state_read"], applies: Shared.trippable, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened) + 1)
      for _ in 1...10 { _ = try s.state() }
      if s.features.contains("is_open"), s.profile.exposesIsOpen { for _ in 1...10 { _ = try s.isOpen() } }
      if s.profile.halfOpenAdmission == .limited, !s.profile.serializesCalls, s.features.contains("concurrency") {
        let trials = try s.beginRunning(s.k, "T", .success, "after 10 state reads, the trials")
        try s.finishAll(trials, [.success], "the trials")
        try s.closeWithSuccesses("after the trials")
      } else {
        try s.expect(try s.call(.success), .success, invoked: true, "the first call after 10 state reads")
      }
    },
    Check(
      id: "half-open.ignored-trial-returns-permit", title: "An uncounted error returns the permit",
      category: "half-open", step: 5,
      expectation:
        "a trial that ends in an error outside expected_exception gives its permit back: another trial is admitted",
      motivation:
        "resilience4j#544, Polly#1979, opossum#388: a probe ending in an ignored error kept its permit and the breaker stayed HALF_OPEN forever.",
      knobs: ["ignored_errors", "half_open_admission"], features: ["concurrency"],
      applies: Shared.overlapping(Shared.limited),
      adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let ignored = try s.beginRunning(1, "I", .ignored, "a trial that will raise an uncounted error")
      let others = try s.beginRunning(s.k - 1, "T", .success, "the other trials")
      try s.expectRefused(try s.begin("X", .success), "one more than half_open_max_calls")
      try s.finishAll(ignored, [.ignored], "the uncounted error")
      try s.expectState([.halfOpen, .closed], "after the trial's uncounted error")
      try s.expectRunning(try s.begin("Q", .success), "a new caller after the permit came back")
      try s.finishAll(others + ["Q"], [.success], "the remaining trials")
      try s.closeWithSuccesses("after the trials")
    },
    Check(
      id: "half-open.hung-trial", title: "A trial that never ends", category: "half-open", step: 5,
      expectation:
        "trials that hang for ten timeouts: `blocks` rejects every other call until they end; `repermit` admits a new trial each timeout; either way the breaker recovers once they end",
      motivation:
        "resilience4j#935 and OmniRoute#13836: a probe that never settled kept a breaker HALF_OPEN for six days; the behaviour must at least be the documented one.",
      knobs: ["hung_trial", "half_open_admission"], features: ["concurrency"],
      applies: Shared.overlapping { p, c in p.hungTrial != .any && Shared.limited(p, c) }, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let hung = try s.beginRunning(s.k, "H", .success, "trials that hang")
      try s.advance(s.w * 10)
      let obs = try s.call(.success)
      if s.profile.hungTrial == .blocks {
        try s.expect(obs, [.rejected, .other], invoked: false, "ten timeouts later, trials still hung (blocks)")
        try s.expectState(.halfOpen, "while the trials hang")
      } else {
        try s.expect(obs, .success, invoked: true, "ten timeouts later, trials still hung (repermit)")
      }
      try s.finishAll(hung, [.success], "the hung trials end")
      try s.closeWithSuccesses("after the hung trials ended")
    },
  ]
}
