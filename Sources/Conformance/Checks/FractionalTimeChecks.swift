/// Step 3: time is not whole seconds. Calls last fractions of a second, and timeouts may be fractional.
enum FractionalTimeChecks {
  static let all: [Check] = [
    Check(
      id: "time.fractional-call-durations", title: "Calls that last fractions of a second",
      category: "time", step: 3,
      expectation:
        "failures lasting 0.25 s to 1.75 s trip the breaker; the wait is timed from the end of the last one: a call 1 ms before it ends is rejected, a call at its end is admitted",
      motivation:
        "Stamping the failure when the call started, or storing the time as whole seconds (int(time.time())), admits the trial up to a second early while the service is still down.",
      knobs: ["open_boundary"], applies: Shared.trippable,
      adjust: { c in
        c.recoveryTimeout = max(1, c.recoveryTimeout.rounded(.down))
        c.slowCallDuration = nil
        c.slowCallRateThreshold = nil
      }
    ) { s in
      try s.advance(0.375)
      let m = s.failuresToTrip
      for i in 1...m {
        let duration = [0.25, 0.75, 1.375, 1.75][(i - 1) % 4]
        let obs = try s.call(.failure, duration: duration)
        try s.expect(
          obs, i == m ? s.trippingResults : [.failure], invoked: true,
          "failure \(i), lasting \(formatSeconds(duration))")
      }
      let opened = s.t
      try s.expectState(.open, "after \(m) failures that lasted fractions of a second")
      try s.advance(to: opened + s.w - Session.epsilon)
      try s.expectRejected("1 ms before recovery_timeout has passed since the last failure ended")
      try s.trial(.success, openedAt: opened, "recovery_timeout after the last failure ended")
    },
    Check(
      id: "time.fractional-recovery-timeout", title: "A fractional recovery timeout",
      category: "time", step: 3,
      expectation:
        "with recovery_timeout = W + 0.375 s, a call at W + 0.374 s after the trip is rejected and a call at W + 0.375 s is admitted (binary fractions: exact in floating point too)",
      motivation:
        "A timeout converted with int() or whole-second Durations waits 0.375 s too little: the trial reaches a service the operator asked to leave alone longer.",
      knobs: ["open_boundary"], applies: Shared.trippable,
      adjust: { c in c.recoveryTimeout = max(1, c.recoveryTimeout.rounded(.down)) + 0.375 }
    ) { s in
      try s.advance(0.625)
      let opened = try s.trip()
      try s.advance(to: opened + s.w - Session.epsilon)
      try s.expectRejected("1 ms before the fractional recovery_timeout (\(formatSeconds(s.w))) has passed")
      try s.trial(.success, openedAt: opened, "at the fractional recovery_timeout")
    },
  ]
}
