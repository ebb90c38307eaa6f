/// Step 4: the reset logic, where breakers get stuck OPEN (or never really close) without overlapping calls.
enum StuckOpenChecks {
  static let consecutive = StateMachineChecks.consecutive
  static let atLeastTwo = StateMachineChecks.atLeastTwo

  static let all: [Check] = [
    Check(
      id: "stuck.long-idle-recovers", title: "Recovery after a long quiet spell", category: "stuck-open", step: 4,
      expectation:
        "after ten recovery timeouts with no calls, a state read and then a call: the call is admitted and closes the breaker",
      motivation:
        "pybreaker#15, Polly#481, failsafe#378: a breaker only advanced by calls, or confused by a state read, stays OPEN when traffic is quiet.",
      knobs: ["state_read"], applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.advance(to: opened + s.w * 10)
      _ = try s.state()
      try s.recover(openedAt: opened, "ten recovery timeouts later")
    },
    Check(
      id: "stuck.persistent-failure-cycles", title: "One trial per cycle while the service stays down",
      category: "stuck-open", step: 4,
      expectation:
        "with the service down for five cycles, exactly one trial call is admitted per recovery timeout and the rest are rejected",
      motivation:
        "opossum#119 and Hystrix#1861: a failed probe that does not re-arm properly rejects everything forever, or lets a flood through.",
      knobs: ["open_boundary"], applies: consecutive
    ) { s in
      var opened = try s.tripConsecutive()
      for cycle in 1...5 {
        // Four calls inside the wait, all rejected.
        for k in 1...4 {
          try s.advance(to: opened + s.w * Double(k) / 5)
          try s.expectRejected("cycle \(cycle), call \(k) inside the wait")
        }
        try s.trial(.failure, openedAt: opened, extra: 0.5, "cycle \(cycle), the trial call")
        opened = s.t
        try s.expectRejected("cycle \(cycle), right after the failed trial")
      }
    },
    Check(
      id: "stuck.rejections-do-not-extend-wait", title: "Rejections do not extend the wait", category: "stuck-open",
      step: 4,
      expectation:
        "steady traffic while OPEN does not push the trial back: the first call at recovery_timeout after the trip is admitted",
      motivation:
        "Re-arming the timer on every rejected call keeps a breaker under steady traffic OPEN forever (SynkraAI/aiox-core#469 re-armed it on late failures).",
      knobs: ["open_boundary"], applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      let step = s.w / 8
      var k = 1.0
      while opened + step * k < s.admissionTime(after: opened) - Session.epsilon {
        try s.advance(to: opened + step * k)
        try s.expectRejected("steady traffic at t+\(formatSeconds(step * k)) after the trip")
        k += 1
      }
      try s.trial(.success, openedAt: opened, "at the recovery timeout after the trip, despite the traffic")
    },
    Check(
      id: "stuck.ignored-trial-not-stuck", title: "An uncounted error in the trial", category: "stuck-open", step: 4,
      expectation:
        "a trial call that ends in an error outside expected_exception does not leave the breaker stuck: the next call is admitted",
      motivation:
        "Polly#1979, resilience4j#544 and opossum#388: a probe ending in an unhandled error left the breaker HALF_OPEN forever.",
      knobs: ["ignored_errors"], applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.trial(.ignored, openedAt: opened, extra: 1, "a trial call raising an uncounted error")
      try s.expectState([.halfOpen, .closed], "after the uncounted error in the trial")
      try s.expect(try s.call(.success), .success, invoked: true, "the call after that")
    },
    Check(
      id: "stuck.fatal-trial-not-stuck", title: "A cancelled trial", category: "stuck-open", step: 4,
      expectation:
        "a trial call cancelled by an error outside every class the breaker handles (Python's BaseException, Swift's CancellationError) reaches the caller unchanged and frees its permit: the next call is admitted, after one more recovery timeout if the cancellation reopened the breaker",
      motivation:
        "resilience4j's decorators did not catch java.lang.Error and gobreaker had to learn about panics: a probe that ends outside the handled errors keeps its permit, as `except Exception:` does with KeyboardInterrupt and asyncio.CancelledError.",
      features: ["fatal"], applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.trial(.fatal, openedAt: opened, extra: 1, "a trial call cancelled by a fatal error")
      // Counted as a failure (OPEN again), neither (HALF_OPEN, permit back) or a success: all move on.
      // Cancel as many trials as there are permits: a breaker that keeps their permits has none left.
      var after = try s.state()
      var cancelled = 1
      while after == .halfOpen, cancelled < s.k {
        try s.expect(try s.call(.fatal), .fatal, invoked: true, "trial \(cancelled + 1), cancelled too")
        cancelled += 1
        after = try s.state()
      }
      if after == .open { try s.advance(to: s.admissionTime(after: s.t)) }
      try s.expect(
        try s.call(.success), .success, invoked: true,
        after == .open
          ? "one recovery timeout after the cancellation reopened the breaker"
          : "the call after the cancelled trial (state \(after?.rawValue ?? "unknown"))")
    },
    Check(
      id: "stuck.repeated-recovery", title: "Every cycle is like the first", category: "stuck-open", step: 4,
      expectation: "three trip-and-recover cycles in a row each trip at the threshold, wait a full timeout and close",
      motivation:
        "State left over from an earlier cycle (an old timestamp, a stale count) breaks the second cycle, not the first.",
      applies: consecutive, adjust: atLeastTwo
    ) { s in
      for cycle in 1...3 {
        try s.failures(s.n - 1, "cycle \(cycle)")
        try s.expectState(.closed, "cycle \(cycle), one failure short of the threshold")
        try s.failures(1, trips: true, "cycle \(cycle), the tripping failure")
        let opened = s.t
        try s.expectState(.open, "cycle \(cycle), after the tripping failure")
        try s.advance(to: opened + s.w - 1)
        try s.expectRejected("cycle \(cycle), one second before the timeout")
        try s.recover(openedAt: opened, "cycle \(cycle)")
        try s.advance(s.w * 2)
      }
    },
    Check(
      id: "stuck.is-open-honours-timeout", title: "is_open honours the timeout", category: "stuck-open", step: 4,
      expectation:
        "is_open() is true while OPEN and false once recovery_timeout has passed, so callers that check it first still let a trial through",
      motivation:
        "Callers that skip the call when is_open() is true never send the trial if is_open() ignores the timeout: the breaker is stuck OPEN.",
      knobs: ["exposes_is_open", "open_boundary"], features: ["is_open"],
      applies: { p, c in p.exposesIsOpen && p.tripRule == .consecutive }
    ) { s in
      try s.expect(try s.isOpen() == false, expected: "false", observed: "true", "is_open() on a fresh breaker")
      let opened = try s.tripConsecutive()
      try s.advance(to: opened + s.w / 2)
      try s.expect(try s.isOpen() == true, expected: "true", observed: "false", "is_open() halfway through the wait")
      try s.advance(to: s.admissionTime(after: opened) + 1)
      try s.expect(
        try s.isOpen() == false, expected: "false", observed: "true", "is_open() after the recovery timeout")
      try s.expect(try s.call(.success), .success, invoked: true, "the trial call after is_open() said false")
      try s.expect(try s.isOpen() == false, expected: "false", observed: "true", "is_open() after recovery")
    },
    Check(
      id: "stuck.is-open-no-side-effects", title: "is_open is only a question", category: "stuck-open", step: 4,
      level: .should,
      expectation:
        "asking is_open() many times changes nothing: the wait, the trial and the count are as if it was never asked",
      motivation: "resilience4j#858: a status probe that consumed the half-open permit blocked the real trial.",
      knobs: ["exposes_is_open"], features: ["is_open"],
      applies: { p, c in p.exposesIsOpen && p.tripRule == .consecutive },
      adjust: atLeastTwo
    ) { s in
      try s.failures(s.n - 1, "before the threshold")
      for _ in 1...3 { _ = try s.isOpen() }
      try s.expectState(.closed, "after asking is_open() three times")
      try s.failures(1, trips: true, "the tripping failure")
      let opened = s.t
      try s.expectState(.open, "after the threshold-th failure, is_open() having been asked before")
      try s.advance(to: opened + s.w + 1)
      for _ in 1...5 { _ = try s.isOpen() }
      try s.recover(openedAt: opened, "after asking is_open() five times")
    },
  ]
}
