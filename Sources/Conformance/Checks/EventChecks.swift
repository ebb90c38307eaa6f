/// Step 7: state-change events and counters.
enum EventChecks {
  static let reports: @Sendable (Profile, BreakerConfig) -> Bool = { p, c in p.reportsEvents && Shared.trippable(p, c) }

  static let all: [Check] = [
    Check(
      id: "events.one-per-transition", title: "One event per transition", category: "events", step: 7,
      expectation:
        "two cycles give exactly CLOSED→OPEN, OPEN→HALF_OPEN, HALF_OPEN→CLOSED, CLOSED→OPEN, OPEN→HALF_OPEN, HALF_OPEN→OPEN in order; calls that change nothing add none",
      motivation:
        "resilience4j#1591 lost HALF_OPEN→CLOSED events and #891 emitted duplicates: dashboards and alerts built on them lie.",
      features: ["events"], applies: reports, adjust: Shared.roomy
    ) { s in
      func expectEvents(_ expected: [String], _ context: String) throws {
        let events = try s.events()
        let seen = events.map(\.description)
        try s.expect(
          seen == expected, expected: expected.isEmpty ? "no events" : expected.joined(separator: ", "),
          observed: seen.isEmpty ? "no events" : seen.joined(separator: ", "), context)
        let times = events.compactMap(\.at)
        try s.expect(
          times == times.sorted(), expected: "event times in order",
          observed: times.map(formatNumber).joined(separator: ", "),
          context)
      }
      for _ in 1...3 { try s.expect(try s.call(.success), .success, invoked: true, "a success in CLOSED") }
      try expectEvents([], "after three successes in CLOSED")
      var opened = try s.trip()
      try s.expectRejected("while OPEN", count: 3)
      try expectEvents(["CLOSED→OPEN"], "after the trip and three rejections")
      try s.advance(to: s.admissionTime(after: opened))
      if s.features.contains("concurrency"), !s.profile.serializesCalls {
        try s.expectRunning(try s.begin("P", .success), "the first trial, held in flight")
        try expectEvents(
          ["CLOSED→OPEN", "OPEN→HALF_OPEN"], "while the first trial runs (OPEN→HALF_OPEN comes before it)")
        try s.finishAll(["P"], [.success], "the first trial")
      }
      try s.closeWithSuccesses("recovering")
      let cycle = ["CLOSED→OPEN", "OPEN→HALF_OPEN", "HALF_OPEN→CLOSED"]
      try expectEvents(cycle, "after recovery")
      opened = try s.trip("tripping again")
      try s.trial(.failure, openedAt: opened, "a failing trial")
      try expectEvents(cycle + ["CLOSED→OPEN", "OPEN→HALF_OPEN", "HALF_OPEN→OPEN"], "after the failed trial")
    },
    Check(
      id: "metrics.counters-match-outcomes", title: "Counters match what callers saw", category: "metrics", step: 7,
      expectation:
        "successes, failures, uncounted errors and rejections equal the calls that ended that way, and never decrease",
      motivation:
        "resilience4j#1335 and #1262 drifted counters negative; opossum#45 counted rejections as failures: a dashboard must add up.",
      knobs: ["ignored_errors"], features: ["metrics"], applies: reports, adjust: Shared.roomy
    ) { s in
      var seen: [String: Int] = [:]
      var previous: [String: Double] = [:]
      func run(_ outcome: Outcome, _ context: String) throws {
        let obs = try s.call(outcome)
        let key =
          obs.invoked == false
          ? "rejections" : ["success": "successes", "failure": "failures", "ignored": "ignored"][outcome.rawValue]!
        seen[key, default: 0] += 1
      }
      func compare(_ context: String) throws {
        let m = try s.metrics()
        for (key, value) in m where value < 0 {
          try s.fail(expected: "no negative counter", observed: "\(key)=\(formatNumber(value))", context)
        }
        for (key, value) in previous where (m[key] ?? value) < value {
          try s.fail(
            expected: "\(key) never decreases",
            observed: "\(key) went from \(formatNumber(value)) to \(formatNumber(m[key]!))", context)
        }
        previous = m
        var keys = ["failures", "rejections"]
        if s.profile.ignoredErrors == .neutral { keys += ["successes", "ignored"] }
        let expected = keys.map { ($0, Double(seen[$0, default: 0])) }
        for (key, want) in expected where m[key] != want {
          try s.fail(
            expected: "\(key)=\(formatNumber(want))",
            observed: m[key].map { "\(key)=\(formatNumber($0))" } ?? "no \(key) counter", context)
        }
      }
      for outcome: Outcome in [.success, .failure, .ignored, .success, .ignored] { try run(outcome, "mixed calls") }
      try compare("after five mixed calls")
      for _ in 1...100 where try s.state() != .open { try run(.failure, "tripping") }
      try s.expectState(.open, "after failures in a row")
      for _ in 1...4 { try run(.success, "while OPEN") }
      try compare("after the trip and four rejections")
    },
    Check(
      id: "events.raising-listener-harmless", title: "A raising listener changes nothing", category: "events",
      step: 7,
      expectation:
        "with a state-change listener that raises, the breaker still opens at the threshold, callers still get their own results, and it recovers",
      motivation:
        "pybreaker 1.4.1 (PR #41): a listener that raised stopped the breaker from ever opening; resilience4j and Failsafe swallow listener errors.",
      features: ["events"], applies: reports,
      adjust: { c in
        Shared.roomy(&c)
        c.listener = .raise
      }
    ) { s in
      let opened = try s.trip("tripping the breaker with a raising listener")
      try s.expectRejected("while OPEN")
      try s.advance(to: s.admissionTime(after: opened))
      try s.closeWithSuccesses("recovering with a raising listener")
      try s.expect(try s.call(.success), .success, invoked: true, "a call after recovery")
    },
    Check(
      id: "events.reentrant-listener-no-deadlock", title: "A listener may call the breaker", category: "events",
      step: 7,
      expectation:
        "a state-change listener that reads the breaker's state and counters does not deadlock, and sees a consistent breaker",
      motivation:
        "gobreaker#37: OnStateChange ran under the breaker's mutex, so a callback that read the state deadlocked the service.",
      features: ["events"], applies: reports,
      adjust: { c in
        Shared.roomy(&c)
        c.listener = .reenter
      }
    ) { s in
      let opened = try s.trip("tripping the breaker with a re-entrant listener")
      try s.expectRejected("while OPEN")
      try s.advance(to: s.admissionTime(after: opened))
      try s.closeWithSuccesses("recovering with a re-entrant listener")
      let events = try s.events()
      try s.expect(
        events.map(\.description) == ["CLOSED→OPEN", "OPEN→HALF_OPEN", "HALF_OPEN→CLOSED"],
        expected: "CLOSED→OPEN, OPEN→HALF_OPEN, HALF_OPEN→CLOSED",
        observed: events.map(\.description).joined(separator: ", "), "events with a re-entrant listener")
    },
  ]
}
