/// Building blocks that several checks share.
extension Session {
  /// The configured consecutive-failure threshold.
  public var n: Int { config.failureThreshold }
  /// The configured recovery timeout in seconds.
  public var w: Double { config.recoveryTimeout }
  /// A short time, well above clock resolution, used to probe "just before" a boundary.
  public static let epsilon = 0.001

  /// The earliest time at which a trial is admitted when the breaker opened at `openedAt`.
  public func admissionTime(after openedAt: Double) -> Double {
    profile.openBoundary == .inclusive ? openedAt + w : openedAt + w + Session.epsilon
  }

  /// The results the caller may see from the call that trips the breaker.
  public var trippingResults: [CallResult] {
    profile.tripCallError == .original ? [.failure] : [.rejected, .other]
  }

  /// Makes `count` counted failures, `spacing` seconds apart, each of which must reach the operation.
  ///
  /// The last one may be the tripping call; its result is judged by the profile's `trip_call_error`.
  public func failures(_ count: Int, spacing: Double = 0, trips: Bool = false, _ context: String) throws {
    for i in 0..<count {
      if i > 0 { try advance(spacing) }
      let obs = try call(.failure)
      let last = i == count - 1
      try expect(obs, last && trips ? trippingResults : [.failure], invoked: true, "\(context), failure \(i + 1)")
    }
  }

  /// Opens a fresh breaker with exactly `n` consecutive failures and checks it is OPEN; returns the trip time.
  @discardableResult
  public func tripConsecutive(_ context: String = "tripping the breaker") throws -> Double {
    try because(Session.tripFirst, owner: "sm.closed-to-open") {
      try failures(n, trips: true, context)
      try expectState(.open, "after \(n) consecutive failures")
    }
    return t
  }

  /// The explanation of a failure while a check opens the breaker before what it is about.
  static let tripFirst =
    "This check starts by opening the breaker with failure_threshold failures in a row, and the breaker did "
    + "not open: that is what `sm.closed-to-open` checks. Make it pass first; this check could not reach "
    + "what it tests."

  /// Waits out the recovery timeout from `openedAt` and expects the next call to be admitted with `outcome`.
  @discardableResult
  public func trial(
    _ outcome: Outcome, openedAt: Double, extra: Double = 0, _ context: String
  ) throws -> Observation {
    try advance(to: admissionTime(after: openedAt) + extra)
    let obs = try call(outcome)
    try expect(obs, CallResult(passing: outcome), invoked: true, context)
    return obs
  }

  /// Closes a breaker that opened at `openedAt` with enough successful trials.
  /// `extra` seconds after the wait keep the trial away from the boundary (step 2's checks test each arrow,
  /// step 3 the boundary).
  public func recover(openedAt: Double, extra: Double = 0, _ context: String = "recovering") throws {
    try trial(.success, openedAt: openedAt, extra: extra, "\(context): first trial call after the recovery timeout")
    for i in 1..<config.trialsToClose {
      try expect(try call(.success), .success, invoked: true, "\(context): trial \(i + 1)")
    }
    try expectState(.closed, "\(context): after \(config.trialsToClose) successful trial call(s)")
  }

  /// Expects `count` calls to be rejected without invoking the operation.
  public func expectRejected(_ context: String, count: Int = 1, spacing: Double = 0) throws {
    for i in 0..<count {
      if i > 0 { try advance(spacing) }
      try expect(try call(.success), .rejected, invoked: false, count > 1 ? "\(context), call \(i + 1)" : context)
    }
  }
}
