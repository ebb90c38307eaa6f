/// Steps 4 and 8: `is_open()` at the end of every wait, not only the first one.
enum WaitEndChecks {
  /// Asks `is_open()` and expects `open`.
  static func expectIsOpen(_ s: Session, _ open: Bool, _ context: String) throws {
    let answer = try s.isOpen()
    try s.expect(
      answer == open, expected: String(open), observed: answer.map { String($0) } ?? "no answer", context)
  }

  /// After a wait that began at `openedAt`: true 1 ms before its end, false at its end (by the boundary).
  static func probeWaitEnd(_ s: Session, openedAt: Double, _ what: String) throws {
    try s.advance(to: openedAt + s.w - Session.epsilon)
    try expectIsOpen(s, true, "is_open() 1 ms before the end of the wait after \(what)")
    try s.advance(to: s.admissionTime(after: openedAt))
    try expectIsOpen(s, false, "is_open() when the wait after \(what) is over")
  }

  /// The step-4 check, under the consecutive rule (registered with the stuck-open checks).
  static var stuck: [Check] { all.filter { $0.category == "stuck-open" } }

  /// The step-8 check, under the rate rule.
  static var rate: [Check] { all.filter { $0.category != "stuck-open" } }

  static let all: [Check] = [
    Check(
      id: "stuck.is-open-every-wait", title: "is_open through every wait", category: "stuck-open", step: 4,
      expectation:
        "is_open() is true until recovery_timeout after a failed trial (timed from that failure, not from the first trip), false at its end, false in HALF_OPEN and after an uncounted trial",
      motivation:
        "A fail-fast query that times the wait from the first trip, or reads a flag the trial never resets, tells callers to skip the breaker while it would admit a trial, or to call while it rejects.",
      knobs: ["exposes_is_open", "open_boundary", "ignored_errors"], features: ["is_open"],
      applies: { p, c in p.exposesIsOpen && p.tripRule == .consecutive },
      adjust: { c in
        Shared.roomy(&c)
        c.successThreshold = c.successThreshold.map { _ in 2 }
      }
    ) { s in
      let first = try s.trip()
      try probeWaitEnd(s, openedAt: first, "the trip")
      try s.advance(s.w / 4)
      try s.expect(try s.call(.failure), .failure, invoked: true, "a failing trial a quarter of a wait later")
      let reopened = s.t
      try s.expectState(.open, "after the failed trial")
      try expectIsOpen(s, true, "is_open() right after the failed trial")
      try probeWaitEnd(s, openedAt: reopened, "the failed trial")
      if s.profile.ignoredErrors == .neutral {
        try s.expect(try s.call(.ignored), .ignored, invoked: true, "a trial that ends in an uncounted error")
        try expectIsOpen(s, false, "is_open() after the uncounted trial (it neither closes nor reopens)")
      }
      try s.expect(try s.call(.success), .success, invoked: true, "a successful trial")
      if try s.state() == .halfOpen {
        try expectIsOpen(s, false, "is_open() in HALF_OPEN")
        try s.closeWithSuccesses("closing")
      }
      try expectIsOpen(s, false, "is_open() once CLOSED again")
    },
    Check(
      id: "window.is-open-after-rate-trip", title: "is_open after a rate trip", category: "window", step: 8,
      expectation:
        "after the failure rate opens the breaker, is_open() is true 1 ms before recovery_timeout and false at it; after a failed trial the same holds from that failure",
      motivation:
        "A breaker whose rate rule opens it through a second code path that forgets the trip time answers is_open() from a stale or missing time.",
      knobs: ["exposes_is_open", "trip_rule", "open_boundary"], features: ["is_open"],
      applies: { p, c in p.exposesIsOpen && p.tripRule == .rate && Shared.trippable(p, c) },
      adjust: Shared.roomy
    ) { s in
      for i in 1...2 { try s.expect(try s.call(.success, duration: 0.125), .success, invoked: true, "success \(i)") }
      try s.advance(0.25)
      let opened = try s.trip("failures until the rate opens the breaker")
      try probeWaitEnd(s, openedAt: opened, "the rate trip")
      try s.expect(try s.call(.failure), .failure, invoked: true, "a failing trial")
      try probeWaitEnd(s, openedAt: s.t, "the failed trial")
    },
  ]
}
