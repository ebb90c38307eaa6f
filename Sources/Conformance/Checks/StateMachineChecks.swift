/// Step 2: the three states and the transitions between them, judged coarsely.
enum StateMachineChecks {
  static let consecutive: @Sendable (Profile, BreakerConfig) -> Bool = { p, _ in p.tripRule == .consecutive }
  static let atLeastTwo: @Sendable (inout BreakerConfig) -> Void = { $0.failureThreshold = max(2, $0.failureThreshold) }

  static let all: [Check] = [
    Check(
      id: "sm.pass-through", title: "Closed passes calls through", category: "state-machine", step: 2,
      expectation: "in CLOSED every call reaches the operation once and its value or error comes back unchanged",
      motivation: "A breaker that swallows, wraps or repeats calls while healthy changes the program it protects.",
      adjust: atLeastTwo
    ) { s in
      try s.expect(try s.call(.success), .success, invoked: true, "a successful call in CLOSED")
      try s.expect(try s.call(.failure), .failure, invoked: true, "a failing call in CLOSED")
      try s.expect(try s.call(.ignored), .ignored, invoked: true, "a call raising an error the breaker does not count")
      try s.expectState(.closed, "after one failure with failure_threshold \(s.n)")
    },
    Check(
      id: "sm.closed-to-open", title: "Failures open the breaker", category: "state-machine", step: 2,
      expectation: "failure_threshold consecutive failures move CLOSED to OPEN",
      motivation: "Without the trip, callers keep waiting on a dead service and the cascade begins.",
      applies: consecutive
    ) { s in
      try s.tripConsecutive()
    },
    Check(
      id: "sm.open-rejects", title: "Open rejects", category: "state-machine", step: 2,
      expectation: "in OPEN a call is rejected with the breaker's error and the operation is not invoked",
      motivation:
        "Failing fast is the point of the breaker: an OPEN breaker that still calls the service protects nothing.",
      applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.advance(to: opened + s.w / 2)
      try s.expectRejected("halfway through the recovery timeout")
    },
    Check(
      id: "sm.open-to-half-open", title: "The timeout admits a trial", category: "state-machine", step: 2,
      expectation: "once recovery_timeout has passed, the next call is admitted as a trial",
      motivation: "A breaker that never tries again stays open forever, even after the service is back.",
      applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.trial(.success, openedAt: opened, extra: 1, "one second after the recovery timeout")
    },
    Check(
      id: "sm.half-open-to-closed", title: "A good trial closes", category: "state-machine", step: 2,
      expectation: "successful trial calls move HALF_OPEN to CLOSED, and calls flow again",
      motivation: "If a successful trial does not close the breaker, traffic never returns to a healthy service.",
      applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.recover(openedAt: opened, extra: 1, "one second after the recovery timeout")
      try s.expect(try s.call(.success), .success, invoked: true, "the first call after closing")
    },
    Check(
      id: "sm.half-open-to-open", title: "A bad trial reopens", category: "state-machine", step: 2,
      expectation: "a failed trial call moves HALF_OPEN back to OPEN, and the next call is rejected",
      motivation: "A failed trial means the service is still down; letting traffic through would restart the cascade.",
      applies: consecutive
    ) { s in
      let opened = try s.tripConsecutive()
      try s.trial(.failure, openedAt: opened, extra: 1, "a failing trial call")
      try s.expectState(.open, "after the trial call failed")
      try s.expectRejected("right after the failed trial")
    },
  ]
}
