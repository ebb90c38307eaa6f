/// Step 6: fallbacks and business errors that must never trip the breaker.
enum FallbackChecks {
  static let hasFallback: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in
    p.fallbackOn != .none && Shared.trippable(p, c)
  }

  static let all: [Check] = [
    Check(
      id: "fallback.used-when-open", title: "The fallback answers while OPEN", category: "fallback", step: 6,
      expectation:
        "while OPEN a call with a fallback returns the fallback's value without invoking the operation, and the wait is unchanged",
      motivation:
        "fabfuel/circuitbreaker#5: the fallback ran and the wrapped call ran too while OPEN, hammering the dead service anyway.",
      knobs: ["fallback_on"], features: ["fallback"], applies: hasFallback, adjust: Shared.roomy
    ) { s in
      let opened = try s.trip()
      for i in 1...10 {
        try s.advance(to: opened + s.w * Double(i) / 16)
        try s.expect(
          try s.call(.success, fallback: true), .fallback, invoked: false, "call \(i) with a fallback while OPEN")
      }
      try s.expectState(.open, "after ten fallbacks")
      try s.trial(.success, openedAt: opened, "at the recovery timeout after the trip")
    },
    Check(
      id: "fallback.on-failure-per-profile", title: "A failure and the fallback", category: "fallback", step: 6,
      expectation:
        "in CLOSED a counted failure with a fallback returns the original error (`open`) or the fallback (`open_and_failure`), and counts exactly once",
      motivation:
        "fabfuel#52 and opossum#196 differ on fallback-on-failure; either way a failure counted twice, or not at all, moves the trip point.",
      knobs: ["fallback_on"], features: ["fallback"], applies: hasFallback, adjust: Shared.roomy
    ) { s in
      let m = s.failuresToTrip
      let onFailure: CallResult = s.profile.fallbackOn == .openAndFailure ? .fallback : .failure
      for i in 1..<m {
        try s.expect(try s.call(.failure, fallback: true), onFailure, invoked: true, "failure \(i) with a fallback")
      }
      try s.expectState(.closed, "after \(m - 1) failures with a fallback (\(m) trip)")
      let last = try s.call(.failure, fallback: true)
      let allowed = onFailure == .fallback ? [.fallback] : s.trippingResults
      try s.expect(last, allowed, invoked: true, "failure \(m) with a fallback")
      try s.expectState(.open, "after \(m) failures with a fallback")
    },
    Check(
      id: "fallback.success-untouched", title: "A success ignores the fallback", category: "fallback", step: 6,
      expectation: "a successful call with a fallback returns the operation's own value, in CLOSED and as a trial",
      motivation: "Failsafe#75: with a fallback configured the breaker returned null for successful calls.",
      knobs: ["fallback_on"], features: ["fallback"], applies: hasFallback, adjust: Shared.roomy
    ) { s in
      for i in 1...3 {
        try s.expect(try s.call(.success, fallback: true), .success, invoked: true, "success \(i) with a fallback")
      }
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      try s.expect(try s.call(.success, fallback: true), .success, invoked: true, "a trial with a fallback")
    },
    Check(
      id: "fallback.business-errors-bypass", title: "Business errors skip the fallback", category: "fallback",
      step: 6,
      expectation:
        "an error outside expected_exception reaches the caller unchanged even with a fallback, and never trips the breaker",
      motivation:
        "opossum#540 (PR #556): filtered business errors went to the fallback, hiding a declined payment behind a cached answer.",
      knobs: ["fallback_on", "ignored_errors"], features: ["fallback"], applies: hasFallback, adjust: Shared.roomy
    ) { s in
      let m = s.failuresToTrip
      for i in 1...(m + 3) {
        try s.expect(
          try s.call(.ignored, fallback: true), .ignored, invoked: true, "business error \(i) with a fallback")
      }
      try s.expectState(.closed, "after \(m + 3) business errors")
    },
  ]
}
