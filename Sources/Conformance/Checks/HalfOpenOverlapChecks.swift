/// Step 3: with unlimited half-open admission, calls that overlap in HALF_OPEN all run.
enum HalfOpenOverlapChecks {
  static let all: [Check] = [
    Check(
      id: "basic.half-open-admits-all", title: "HALF_OPEN admits every caller", category: "basic", step: 3,
      expectation:
        "after the recovery timeout, three calls that start before any of them ends all run, and their successes close the breaker",
      motivation:
        "The tutorial's breaker lets every call through once the wait is over (half_open_admission: unlimited); admitting a single trial is step 5's rule, and turning callers away here rejects calls the exercise admits.",
      knobs: ["half_open_admission"], features: ["concurrency"],
      applies: { p, c in p.halfOpenAdmission == .unlimited && !p.serializesCalls && Shared.trippable(p, c) }
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      let ids = try s.beginRunning(3, "T", .success, "calls overlapping after the recovery timeout")
      try s.finishAll(ids, [.success], "the overlapping calls")
      try s.expectState(.closed, "after the successes")
    }
  ]
}
