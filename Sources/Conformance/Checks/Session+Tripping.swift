/// Building blocks for the checks of steps 5 to 9, which run under either trip rule.
extension Session {
  /// Whether the breaker trips on a rate over a window (step 8) rather than on consecutive failures.
  public var rateBased: Bool { profile.tripRule == .rate && config.window != nil }

  /// Counted failures in a row that open a fresh (or freshly closed) breaker under either rule.
  public var failuresToTrip: Int {
    guard rateBased, let w = config.window else { return n }
    return OutcomeWindow(kind: w.kind, size: w.size).minimum(w.minimumCalls)
  }

  /// Trial calls admitted at once in HALF_OPEN (`half_open_max_calls`, at least one).
  public var k: Int { max(1, config.halfOpenMaxCalls ?? 1) }

  /// Opens the breaker with failures in a row under either rule; returns the trip time.
  ///
  /// Under the consecutive rule exactly `failure_threshold` failures must trip it. Under a rate rule the
  /// window may still hold earlier successes, so failures go on until the breaker opens (a fresh window
  /// opens at exactly `failuresToTrip`; other checks judge the exact point).
  @discardableResult
  public func trip(_ context: String = "tripping the breaker") throws -> Double {
    guard rateBased, let w = config.window else {
      try because(Session.tripFirst, owner: "sm.closed-to-open") {
        try failures(n, trips: true, context)
        try expectState(.open, "after \(n) consecutive failures")
      }
      return t
    }
    let bound = w.kind == .count ? max(Int(w.size), failuresToTrip) : max(100, failuresToTrip)
    for i in 1...bound {
      let obs = try call(.failure)
      try expect(obs, [.failure] + trippingResults, invoked: true, "\(context), failure \(i)")
      let state = try obs.state ?? self.state()
      if state == .open { return t }
    }
    try expectState(.open, "after \(bound) failures in a row")
    return t
  }

  /// Expects a `begin` to have entered the operation (`running`).
  public func expectRunning(_ obs: Observation, _ context: String) throws {
    if obs.status == .running { return }
    let observed =
      obs.status == .blocked
      ? "the call blocked: it neither entered the operation nor returned (is a lock held while another call runs?)"
      : obs.summary
    try fail(expected: "running (the operation was entered)", observed: observed, context)
  }

  /// Expects a `begin` to have ended at once, refused without invoking the operation.
  public func expectRefused(
    _ obs: Observation, _ context: String, results: [CallResult] = [.rejected, .other]
  )
    throws
  {
    if obs.status == .running {
      try fail(
        expected: results.map(\.rawValue).joined(separator: " or ") + " (not invoked)",
        observed: "running: the operation was invoked", context)
    }
    try expect(obs, results, invoked: false, context)
  }

  /// Begins `count` calls named `prefix1`, `prefix2`… with `outcome` and expects each to be running.
  public func beginRunning(_ count: Int, _ prefix: String, _ outcome: Outcome, _ context: String) throws -> [String] {
    var ids: [String] = []
    for i in 1...max(1, count) where i <= count {
      let id = "\(prefix)\(i)"
      try expectRunning(try begin(id, outcome), "\(context), call \(id)")
      ids.append(id)
    }
    return ids
  }

  /// Finishes calls and expects each to end with `result` (invoked).
  public func finishAll(_ ids: [String], _ results: [CallResult], _ context: String) throws {
    for id in ids {
      try expect(try finish(id), results, invoked: true, "\(context), finishing \(id)")
    }
  }

  /// Makes successful calls until the breaker is CLOSED (at most `success_threshold`), expecting each admitted.
  public func closeWithSuccesses(_ context: String) throws {
    for i in 1...config.trialsToClose {
      guard try state() != .closed else { return }
      try expect(try call(.success), .success, invoked: true, "\(context), trial \(i)")
    }
    try expectState(.closed, "\(context): after \(config.trialsToClose) successful trial call(s)")
  }

  /// The time of a late result: shortly before the wait that started at `openedAt` ends.
  public func lateInWait(_ openedAt: Double) -> Double { openedAt + w - min(1, w / 8) }
}
