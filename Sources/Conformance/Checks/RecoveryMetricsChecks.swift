/// Step 7: the counters through a whole recovery add up, and a close never resets them.
enum RecoveryMetricsChecks {
  static let all: [Check] = [
    Check(
      id: "metrics.whole-recovery", title: "Counters across a recovery", category: "metrics", step: 7,
      expectation:
        "through a trip, rejections while OPEN, rejections in a full HALF_OPEN, the trials and the close, successes, failures and rejections equal what the callers saw (and `calls` every call, or every admitted call), and keep counting after the close",
      motivation:
        "Counters reset on every close, or rejections counted only on the OPEN path, make a dashboard show a healthy service that shed thousands of calls a minute ago.",
      knobs: ["half_open_admission", "success_threshold"], features: ["metrics"],
      applies: { p, c in p.reportsEvents && Shared.trippable(p, c) }, adjust: Shared.twoToClose
    ) { s in
      var seen: [String: Int] = ["calls": 0, "successes": 0, "failures": 0, "rejections": 0]
      func note(_ obs: Observation) {
        seen["calls", default: 0] += 1
        if obs.invoked == false {
          seen["rejections", default: 0] += 1
        } else if obs.result == .success {
          seen["successes", default: 0] += 1
        } else {
          seen["failures", default: 0] += 1
        }
      }
      /// Compares the counters; `calls` only when no call is in flight (a breaker may count a call as it ends).
      func compare(_ context: String, settled: Bool = true) throws {
        let m = try s.metrics()
        for key in ["successes", "failures", "rejections"] {
          let want = Double(seen[key, default: 0])
          try s.expect(
            m[key] == want, expected: "\(key)=\(formatNumber(want))",
            observed: m[key].map { "\(key)=\(formatNumber($0))" } ?? "no \(key) counter", context)
        }
        // `calls` counts every call offered, or (a reading the suite accepts) only the admitted ones.
        if settled, let calls = m["calls"] {
          let offered = Double(seen["calls", default: 0])
          let admitted = offered - Double(seen["rejections", default: 0])
          try s.expect(
            calls == offered || calls == admitted,
            expected: "calls=\(formatNumber(offered)) (every call) or \(formatNumber(admitted)) (admitted calls)",
            observed: "calls=\(formatNumber(calls))", context)
        }
      }
      for _ in 1...100 where try s.state() != .open { note(try s.call(.failure, duration: 0.25)) }
      try s.expectState(.open, "after failures in a row")
      let opened = s.t
      for i in 1...3 {
        let obs = try s.call(.success)
        try s.expect(obs, .rejected, invoked: false, "rejection \(i) while OPEN")
        note(obs)
      }
      try compare("after the trip and three rejections")
      try s.advance(to: s.admissionTime(after: opened))
      if s.profile.halfOpenAdmission == .limited, !s.profile.serializesCalls, s.features.contains("concurrency") {
        let trials = try s.beginRunning(s.k, "T", .success, "the trials")
        seen["calls", default: 0] += trials.count
        for i in 1...2 {
          let obs = try s.begin("X\(i)", .success)
          try s.expectRefused(obs, "extra caller \(i) in a full HALF_OPEN")
          note(obs)
        }
        try compare("while \(s.k) trial(s) run and two extra callers were rejected", settled: false)
        for id in trials {
          try s.expect(try s.finish(id), .success, invoked: true, "finishing \(id)")
          seen["successes", default: 0] += 1
        }
      }
      for i in 1...s.config.trialsToClose where try s.state() != .closed {
        let obs = try s.call(.success)
        try s.expect(obs, .success, invoked: true, "trial \(i)")
        note(obs)
      }
      try s.expectState(.closed, "after the trials")
      try compare("after the close")
      for i in 1...2 {
        let obs = try s.call(.success)
        try s.expect(obs, .success, invoked: true, "success \(i) after the close")
        note(obs)
      }
      try compare("two calls after the close (a close never resets the counters)")
    }
  ]
}
