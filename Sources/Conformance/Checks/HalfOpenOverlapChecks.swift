/// Step 3: with unlimited half-open admission, calls that overlap in HALF_OPEN all run.
enum HalfOpenOverlapChecks {
  static let all: [Check] = [
    Check(
      id: "basic.half-open-admits-all", title: "HALF_OPEN admits every caller", category: "basic", step: 3,
      expectation:
        "after the recovery timeout, three calls that start before any of them ends all run (or wait for a lock held while the first runs, never refused), and their successes close the breaker",
      motivation:
        "The tutorial's breaker lets every call through once the wait is over (half_open_admission: unlimited); admitting a single trial is step 5's rule, and turning callers away here rejects calls the exercise admits.",
      knobs: ["half_open_admission"], features: ["concurrency"],
      applies: { p, c in p.halfOpenAdmission == .unlimited && !p.serializesCalls && Shared.trippable(p, c) }
    ) { s in
      let opened = try s.trip()
      try s.advance(to: s.admissionTime(after: opened))
      try s.expectRunning(try s.begin("T1", .success), "the first call after the recovery timeout")
      for id in ["T2", "T3"] {
        // A breaker that holds its lock while the operation runs makes the call wait (allowed until step 5):
        // blocked is not refused, and the call runs once T1 ends.
        let obs = try s.begin(id, .success)
        if obs.status != .blocked { try s.expectRunning(obs, "call \(id) begins while T1 runs") }
      }
      try s.finishAll(["T1", "T2", "T3"], [.success], "the overlapping calls")
      try s.expectState(.closed, "after the successes")
    }
  ]
}
