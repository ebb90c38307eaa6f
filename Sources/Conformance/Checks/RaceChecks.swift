/// Steps 5, 7 and 9: real races. Calls are released on many threads at once behind a barrier (`race`),
/// round after round, so a permit checked under one hold of the lock and taken under another is caught.
///
/// `docs/races.md` gives the rounds and the measured rate at which a check-then-act breaker is caught.
enum RaceChecks {
  /// Rounds of each race check: enough to catch a check-then-act race in at least 99 % of runs.
  static let rounds = 4
  /// Callers beyond the limit in each round.
  static let extra = 6

  static let all: [Check] = [
    Check(
      id: "race.half-open-admission", title: "Trials admitted under a real race", category: "race", step: 5,
      expectation:
        "round after round, half_open_max_calls + 6 callers released at once on their own threads after the timeout: exactly half_open_max_calls run their operation, the others are rejected",
      motivation:
        "Checking `trials < max` under one hold of the lock and incrementing under another lets several threads pass the same check: the stampede the limit exists to stop (Polly#216).",
      knobs: ["half_open_admission", "half_open_max_calls"], features: ["race"],
      applies: Shared.overlapping(Shared.limited), adjust: Shared.roomy
    ) { s in
      let callers = s.k + extra
      for round in 1...rounds {
        if round > 1 { try s.create() }
        let opened = try s.trip("round \(round): tripping")
        try s.advance(to: s.admissionTime(after: opened))
        let race = try s.race(callers, .success)
        try s.expect(
          race.entered == s.k, expected: "\(s.k) trial(s) ran",
          observed: "\(race.entered) ran (\(race.peak) at once)",
          "round \(round): \(callers) callers released at once after the timeout")
        try s.expect(
          race.count(.success) == s.k && race.results.count - race.count(.success) == extra,
          expected: "\(s.k) success, \(extra) rejected",
          observed: CallResult.allCases.filter { race.count($0) > 0 }.map { "\(race.count($0)) \($0)" }
            .joined(separator: ", "), "round \(round): what the callers saw")
      }
    },
    Check(
      id: "race.bulkhead-limit", title: "The bulkhead under a real race", category: "race", step: 9,
      expectation:
        "round after round, max_concurrent_calls + 6 callers released at once in CLOSED: never more than max_concurrent_calls inside at once, and exactly that many run",
      motivation:
        "A bulkhead that reads the count and increments it in two steps lets a burst overrun it: the dependency sees more calls than it was promised.",
      features: ["race"], applies: BulkheadChecks.applies, adjust: BulkheadChecks.adjust, vary: BulkheadChecks.vary
    ) { s in
      let limit = s.config.maxConcurrentCalls ?? 1
      for round in 1...rounds {
        let race = try s.race(limit + extra, .success)
        try s.expect(
          race.peak <= limit && race.entered == limit, expected: "\(limit) ran, at most \(limit) at once",
          observed: "\(race.entered) ran, \(race.peak) at once",
          "round \(round): \(limit + extra) callers released at once")
      }
      try s.expectState(.closed, "after \(rounds) rounds of successes")
    },
    Check(
      id: "race.one-trip", title: "One trip under a burst of failures", category: "race", step: 7,
      expectation:
        "round after round, a burst of failures released at once on their own threads opens a fresh breaker exactly once: one CLOSED→OPEN event, and it is OPEN",
      motivation:
        "Deciding to trip under one hold of the lock and tripping under another lets two threads both trip: two OPEN events, two alerts, and a wait restarted by the second.",
      knobs: ["trip_rule"], features: ["race", "events"], applies: EventChecks.reports, adjust: Shared.roomy
    ) { s in
      let burst = s.failuresToTrip + extra
      for round in 1...rounds {
        if round > 1 { try s.create() }
        _ = try s.race(burst, .failure)
        try s.expectState(.open, "round \(round): after \(burst) failures released at once")
        let events = try s.events()
        try s.expect(
          events == [Transition(from: .closed, to: .open)] || events.map(\.description) == ["CLOSED→OPEN"],
          expected: "one event: CLOSED→OPEN",
          observed: events.isEmpty ? "none" : events.map(\.description).joined(separator: ", "),
          "round \(round): the events")
      }
    },
  ]
}
