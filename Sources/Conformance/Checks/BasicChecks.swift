/// Step 3: the tutorial's basic breaker, judged exactly (thresholds, boundaries, resets, error classes).
enum BasicChecks {
  static let consecutive = StateMachineChecks.consecutive
  static let atLeastTwo = StateMachineChecks.atLeastTwo

  static let all: [Check] = [
    Check(
      id: "basic.trip-at-threshold", title: "Trip at exactly the threshold", category: "basic", step: 3,
      expectation: "failure_threshold − 1 consecutive failures leave the breaker CLOSED; the next one opens it",
      motivation:
        "Off-by-one thresholds (`>` for `>=`) trip one failure late, or one early, in every real library that had them.",
      knobs: ["trip_rule"], applies: consecutive, adjust: atLeastTwo
    ) { s in
      try s.failures(s.n - 1, "before the threshold")
      try s.expectState(.closed, "after \(s.n - 1) consecutive failures (threshold \(s.n))")
      try s.expect(try s.call(.success), .success, invoked: true, "a call one failure short of the threshold")
      try s.because(
        "The success one failure short of the threshold must reset the count to zero; a breaker that opens "
          + "early here kept counting across the success (what `basic.success-resets-count` checks)."
      ) {
        try s.failures(s.n, trips: true, "counting again from zero after that success")
      }
      try s.expectState(.open, "after \(s.n) consecutive failures")
    },
    Check(
      id: "basic.threshold-one", title: "A threshold of one", category: "basic", step: 3,
      expectation: "with failure_threshold 1 a single failure opens the breaker",
      motivation: "Comparing with `>` instead of `>=` makes a threshold of one need two failures.",
      knobs: ["trip_rule"], applies: consecutive, adjust: { $0.failureThreshold = 1 }
    ) { s in
      try s.failures(1, trips: true, "one failure")
      try s.expectState(.open, "after one failure with failure_threshold 1")
      try s.expectRejected("the next call")
    },
    Check(
      id: "basic.success-resets-count", title: "A success resets the count", category: "basic", step: 3,
      expectation: "a success in CLOSED resets the consecutive-failure count to zero",
      motivation:
        "Polly once forgot this reset (App-vNext/Polly#131): scattered failures among many successes tripped the breaker.",
      knobs: ["trip_rule"], applies: consecutive, adjust: atLeastTwo
    ) { s in
      for round in 1...3 {
        try s.failures(s.n - 1, "round \(round)")
        try s.expect(try s.call(.success), .success, invoked: true, "round \(round), a success")
      }
      try s.expectState(.closed, "after three rounds of \(s.n - 1) failures and a success")
    },
    Check(
      id: "basic.spaced-failures-count", title: "Spaced failures still count", category: "basic", step: 3,
      expectation: "consecutive failures count however far apart they are: the rule has no time window",
      motivation: "Breakers that quietly forget old failures never trip on a service that fails every few minutes.",
      knobs: ["trip_rule"], applies: consecutive
    ) { s in
      try s.failures(s.n, spacing: s.w * 3 + 7, trips: true, "failures \(formatSeconds(s.w * 3 + 7)) apart")
      try s.expectState(
        .open, "after \(s.n) consecutive failures spread over \(formatSeconds(Double(s.n - 1) * (s.w * 3 + 7)))")
    },
    Check(
      id: "basic.tripping-error-propagates", title: "The tripping call's error", category: "basic", step: 3,
      expectation: "the call that trips the breaker reached the operation, and its own error reaches the caller",
      motivation:
        "The caller of the tripping call deserves the real error; replacing it hides what failed (pybreaker's default does).",
      knobs: ["trip_call_error"], applies: consecutive
    ) { s in
      try s.failures(s.n - 1, "before the threshold")
      let obs = try s.call(.failure)
      try s.expect(obs, s.trippingResults, invoked: true, "the tripping call")
    },
    Check(
      id: "basic.reject-without-invoking", title: "Reject without invoking", category: "basic", step: 3,
      expectation: "every call while OPEN is rejected with CircuitOpenError and never reaches the operation",
      motivation:
        "fabfuel/circuitbreaker's `call()` ran the operation while OPEN, and a success even closed the breaker.",
      applies: consecutive
    ) { s in
      try s.tripConsecutive()
      try s.expectRejected("while OPEN", count: 20, spacing: (s.w - 1) / 20)
      try s.expectState(.open, "after 20 rejected calls")
    },
    Check(
      id: "basic.wait-from-last-failure", title: "The wait starts at the last failure", category: "basic", step: 3,
      expectation: "the recovery timeout runs from the failure that opened the breaker, not from the first failure",
      motivation: "Timing the wait from the first of spaced failures lets traffic back early, sometimes at once.",
      knobs: ["open_boundary"], applies: consecutive, adjust: atLeastTwo
    ) { s in
      let spacing = s.w / 2 + 3
      try s.failures(s.n, spacing: spacing, trips: true, "failures \(formatSeconds(spacing)) apart")
      let opened = s.t
      try s.advance(to: opened + s.w - 1)
      try s.expectRejected("one second before recovery_timeout after the tripping failure")
      try s.trial(.success, openedAt: opened, "at the recovery timeout counted from the tripping failure")
    },
    Check(
      id: "basic.admit-at-timeout", title: "The boundary of the wait", category: "basic", step: 3,
      expectation:
        "a call just before recovery_timeout is rejected; a call at exactly recovery_timeout is admitted (inclusive)",
      motivation:
        "Libraries disagree on the boundary (`>=` or `>`); the exercise fixes it, and the check holds the breaker to it.",
      knobs: ["open_boundary"], applies: { consecutive($0, $1) && $0.openBoundary != .any }
    ) { s in
      let opened = try s.tripConsecutive()
      try s.advance(to: opened + s.w - Session.epsilon)
      try s.expectRejected("\(formatSeconds(Session.epsilon)) before the recovery timeout")
      try s.advance(to: opened + s.w)
      let obs = try s.call(.success)
      if s.profile.openBoundary == .inclusive {
        try s.expect(obs, .success, invoked: true, "at exactly the recovery timeout (inclusive boundary)")
      } else {
        try s.expect(obs, .rejected, invoked: false, "at exactly the recovery timeout (exclusive boundary)")
        try s.trial(.success, openedAt: opened, "just after the recovery timeout")
      }
    },
    Check(
      id: "basic.failed-trial-restarts-wait", title: "A failed trial restarts the wait", category: "basic", step: 3,
      expectation: "after a failed trial the breaker is OPEN again for a full recovery_timeout from that failure",
      motivation:
        "opossum#119 and Hystrix#1861: a failed probe that does not restart the timer leaves the breaker open forever, or lets traffic straight back.",
      knobs: ["open_boundary"], applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.trial(.failure, openedAt: opened, extra: 1, "a failing trial")
      let reopened = s.t
      try s.expectState(.open, "after the failed trial")
      try s.advance(to: reopened + s.w - 1)
      try s.expectRejected("one second before a full wait after the failed trial")
      try s.trial(.success, openedAt: reopened, "a full recovery timeout after the failed trial")
    },
    Check(
      id: "basic.counters-reset-on-close", title: "Closing resets the count", category: "basic", step: 3,
      expectation: "after HALF_OPEN closes, failure_threshold − 1 failures leave it CLOSED",
      motivation: "A count left over from before the trip makes the first failure after recovery reopen the breaker.",
      applies: consecutive, adjust: atLeastTwo
    ) { s in
      let opened = try s.tripConsecutive()
      try s.recover(openedAt: opened)
      try s.failures(s.n - 1, "after closing")
      try s.expectState(.closed, "after \(s.n - 1) failures following recovery (threshold \(s.n))")
      try s.failures(1, trips: true, "the threshold-th failure after closing")
      try s.expectState(.open, "after \(s.n) failures following recovery")
    },
    Check(
      id: "basic.unexpected-errors-propagate", title: "Uncounted errors pass through", category: "basic", step: 3,
      expectation:
        "errors outside expected_exception reach the caller unchanged and neither count nor reset the failure count",
      motivation:
        "A business error (a declined card) is not an outage; counting it trips the breaker on healthy services.",
      knobs: ["ignored_errors"], applies: { consecutive($0, $1) && $0.ignoredErrors != .any }, adjust: atLeastTwo
    ) { s in
      try s.failures(s.n - 1, "before the threshold")
      for i in 1...(s.n + 2) {
        try s.expect(try s.call(.ignored), .ignored, invoked: true, "uncounted error \(i)")
      }
      try s.expectState(.closed, "after \(s.n - 1) failures and \(s.n + 2) uncounted errors")
      let obs = try s.call(.failure)
      if s.profile.ignoredErrors == .neutral {
        try s.expect(obs, s.trippingResults, invoked: true, "one more counted failure")
        try s.expectState(.open, "uncounted errors must not reset the count (neutral): \(s.n) counted failures in all")
      } else {
        try s.expect(obs, .failure, invoked: true, "one more counted failure")
        try s.expectState(.closed, "uncounted errors count as successes in this profile")
      }
    },
    Check(
      id: "basic.state-after-timeout", title: "The state after the timeout", category: "basic", step: 3,
      expectation:
        "after the timeout and before any call the state reads OPEN (lazy) or HALF_OPEN, never CLOSED, and reading it does not block the next call",
      motivation:
        "pybreaker#15 and failsafe#378: state reads and admission disagree; a read must never skip the trial nor stop it.",
      knobs: ["state_read"], applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.advance(to: opened + s.w + 1)
      let allowed: [BreakerState] =
        switch s.profile.stateRead {
        case .lazy: [.open]
        case .advances: [.halfOpen]
        case .any: [.open, .halfOpen]
        }
      try s.expectState(allowed, "read after the timeout, before any call")
      try s.expectState(allowed, "read a second time")
      try s.expect(try s.call(.success), .success, invoked: true, "the first call after the state reads")
    },
  ]
}
