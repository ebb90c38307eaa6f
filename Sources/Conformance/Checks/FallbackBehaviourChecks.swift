/// Step 6: what the fallback itself may do. It may raise, return a falsy value, look at the error it is
/// given, or call the breaker again; and it answers for a rejected call without ever becoming a trial.
enum FallbackBehaviourChecks {
  /// While `half_open_max_calls` trials run, a call with `fallback` is answered by it; then the trials close.
  static func inFullHalfOpen(_ s: Session, _ fallback: Fallback, _ context: String) throws {
    guard s.profile.halfOpenAdmission == .limited, !s.profile.serializesCalls, s.features.contains("concurrency")
    else { return }
    let opened = try s.trip("tripping again")
    try s.advance(to: s.admissionTime(after: opened))
    let trials = try s.beginRunning(s.k, "T", .success, "the trials")
    try s.expect(try s.call(.success, fallback: fallback), fallback.result, invoked: false, context)
    try s.finishAll(trials, [.success], "the trials")
    try s.closeWithSuccesses("after the trials")
  }

  static let all: [Check] = [
    Check(
      id: "fallback.raising-fallback-propagates", title: "A fallback that raises", category: "fallback", step: 6,
      expectation:
        "while OPEN and in a full HALF_OPEN, a fallback that raises its own error: that error reaches the caller unchanged, and the wait is unchanged",
      motivation:
        "Catching the fallback's error and raising the breaker's own instead (or swallowing it) hides why the degraded path failed, the one error an operator needs during an outage.",
      knobs: ["fallback_on"], features: ["fallback"], applies: FallbackChecks.hasFallback, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.advance(to: opened + s.w / 2)
      try s.expect(
        try s.call(.success, fallback: Fallback(.raise)), .fallbackError, invoked: false,
        "while OPEN, a call whose fallback raises")
      try s.expectState(.open, "after the fallback raised")
      try s.trial(.success, openedAt: opened, "recovery_timeout after the trip")
      try s.closeWithSuccesses("closing")
      try inFullHalfOpen(s, Fallback(.raise), "in a full HALF_OPEN, a call whose fallback raises")
    },
    Check(
      id: "fallback.falsy-values", title: "Falsy values are values", category: "fallback", step: 6,
      expectation:
        "a fallback returning 0, an empty string or None/nil gives the caller exactly that; an operation that succeeds with 0, '' or None/nil is never replaced by the fallback",
      motivation:
        "`return fallback(e) or raise`, `result or fallback()` and Swift's `try?` flattening a nil: falsy is not missing, and a cached 0 is still an answer.",
      knobs: ["fallback_on"], features: ["fallback"], applies: FallbackChecks.hasFallback, adjust: Shared.roomy
    ) { s in
      for value in [Fallback.Value.zero, .empty, .noValue] {
        try s.expect(
          try s.call(.success, fallback: Fallback(.value, returns: value)), .success, invoked: true,
          "in CLOSED, an operation that succeeds with \(value.rawValue), with a fallback")
      }
      let opened = try s.trip()
      for behaviour in [Fallback.Behaviour.zero, .empty, .noValue] {
        try s.expect(
          try s.call(.success, fallback: Fallback(behaviour)), .fallback, invoked: false,
          "while OPEN, a fallback that returns \(behaviour.rawValue)")
      }
      try s.expectState(.open, "after three falsy fallbacks")
      try s.trial(.success, openedAt: opened, "recovery_timeout after the trip")
      try s.closeWithSuccesses("closing")
      if s.profile.halfOpenAdmission == .limited {
        try inFullHalfOpen(s, Fallback(.noValue), "in a full HALF_OPEN, a fallback that returns none")
      }
    },
    Check(
      id: "fallback.receives-rejection-error", title: "The fallback gets the rejection",
      category: "fallback", step: 6,
      expectation:
        "the fallback is called with the breaker's rejection error (CircuitOpenError or a subclass), while OPEN and in a full HALF_OPEN",
      motivation:
        "Passing the call's own arguments (pybreaker-style fallback_function) or nothing at all leaves a fallback that branches on the error blind.",
      knobs: ["fallback_on"], features: ["fallback"], applies: FallbackChecks.hasFallback, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.expect(
        try s.call(.success, fallback: Fallback(.checkError)), .fallback, invoked: false,
        "while OPEN, a fallback that checks its argument")
      try s.trial(.success, openedAt: opened, "recovery_timeout after the trip")
      try s.closeWithSuccesses("closing")
      try inFullHalfOpen(s, Fallback(.checkError), "in a full HALF_OPEN, a fallback that checks its argument")
    },
    Check(
      id: "fallback.reentrant-fallback", title: "A fallback that calls the breaker", category: "fallback",
      step: 6,
      expectation:
        "a fallback that calls through the same breaker from another thread gets an answer within the grace: no lock is held while the fallback runs",
      motivation:
        "Running the fallback inside the breaker's lock deadlocks a fallback that asks the breaker anything, and serialises every rejected caller behind the slowest fallback.",
      knobs: ["fallback_on"], features: ["fallback", "concurrency"], applies: FallbackChecks.hasFallback,
      adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      try s.expect(
        try s.call(.success, fallback: Fallback(.reenter)), .fallback, invoked: false,
        "while OPEN, a fallback that calls the breaker from another thread")
      try s.expectState(.open, "after the re-entering fallback")
      try s.trial(.success, openedAt: opened, "recovery_timeout after the trip")
      try s.closeWithSuccesses("closing")
      try inFullHalfOpen(s, Fallback(.reenter), "in a full HALF_OPEN, a fallback that calls the breaker")
    },
    Check(
      id: "fallback.full-half-open-not-a-trial", title: "A fallback in a full HALF_OPEN", category: "fallback",
      step: 6,
      expectation:
        "while half_open_max_calls trials run, extra calls with a fallback get the fallback's answer; they are not trials: they neither free a permit nor count toward closing",
      motivation:
        "Reporting the fallback's answer as a success (or releasing a permit in a `finally` the rejected call never took) closes the breaker on answers the service never gave.",
      knobs: ["fallback_on", "half_open_admission", "success_threshold"], features: ["fallback", "concurrency"],
      applies: Shared.overlapping { p, c in FallbackChecks.hasFallback(p, c) && Shared.limited(p, c) },
      adjust: Shared.twoToClose
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let trials = try s.beginRunning(s.k, "T", .success, "the trials")
      for i in 1...3 {
        try s.expect(
          try s.call(.success, fallback: true), .fallback, invoked: false,
          "extra call \(i) with a fallback while \(s.k) trial(s) run")
      }
      try s.expectState(.halfOpen, "after three extra calls answered by the fallback")
      try s.expectRefused(try s.begin("X", .success), "one more caller: every permit is still taken")
      let need = s.config.trialsToClose
      try s.finishAll([trials[0]], [.success], "the first trial")
      if need > 1 { try s.expectState(.halfOpen, "after 1 trial success (\(need) needed)") }
      try s.finishAll(Array(trials.dropFirst()), [.success], "the other trials")
      try s.closeWithSuccesses("after the trials")
    },
  ]
}
