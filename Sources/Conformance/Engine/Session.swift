/// What one call, `begin` or `finish` showed the caller.
public struct Observation: Sendable, Equatable {
  public var result: CallResult?
  public var invoked: Bool?
  public var status: CallStatus?
  public var state: BreakerState?
  public var detail: String?

  /// `failure (invoked)`, `rejected (not invoked)`, `running`, `blocked`.
  public var summary: String {
    var text = ""
    if let status, status != .completed { text = status.rawValue }
    if let result {
      text = result.rawValue
      if let invoked { text += invoked ? " (invoked)" : " (not invoked)" }
    }
    if let detail, result == .other || status == .blocked { text += ": " + detail }
    return text.isEmpty ? "-" : text
  }
}

/// A check's connection to one subject: sends operations, records the trace, and judges expectations.
///
/// Times in a session are virtual seconds since the main breaker was created (`t`); the subject's clock
/// started at the Unix time `clockStart`.
public final class Session {
  public let config: BreakerConfig
  public let profile: Profile
  public let clockStart: Int64
  /// The operations so far, with what was observed.
  public private(set) var trace: [TraceEntry] = []
  /// Virtual seconds since creation.
  public var t: Double { Double(nanoseconds) / 1e9 }
  /// Virtual time since creation in whole nanoseconds: the driver keeps time exactly, never from replies.
  private var nanoseconds: Int64 = 0
  /// Calls begun and not yet finished, by id.
  public private(set) var inFlight: [String: String] = [:]
  let subject: any Subject
  private var breakers: Set<String> = []
  /// The id of the check running in this session (set by the runner), for `because(_:owner:_:)`.
  public internal(set) var checkID: String?
  /// The explanation `because` puts on failures.
  private var why: String?

  /// The name of the breaker most checks use.
  public static let main = "main"

  /// A session on `subject` whose clock starts at the Unix time `clockStart`: the suite's runner makes one per
  /// check and configuration; Curriculum's `Demo` makes one for a lesson's timeline.
  public init(subject: any Subject, config: BreakerConfig, profile: Profile, clockStart: Int64) {
    self.subject = subject
    self.config = config
    self.profile = profile
    self.clockStart = clockStart
  }

  /// The features the subject declared in its handshake.
  public var features: Set<String> { subject.info.features }

  private func send(_ request: Request) throws(SubjectFault) -> Reply {
    try subject.perform(request)
  }

  private func record(_ op: String, _ observed: String, _ state: BreakerState?, _ breaker: String) {
    trace.append(
      TraceEntry(t: t, op: op, observed: observed, state: state, breaker: breakers.count > 1 ? breaker : nil))
  }

  /// Creates a breaker; the runner creates `main` before the scenario starts.
  public func create(_ breaker: String = Session.main, config: BreakerConfig? = nil) throws {
    let first = breakers.isEmpty
    let cfg = config ?? self.config
    _ = try send(.create(breaker: breaker, config: cfg, clock: first ? clockStart : nil))
    breakers.insert(breaker)
    record(first ? "create" : "create(\(breaker))", cfg.summary, .closed, breaker)
  }

  /// Calls the breaker with a scripted operation lasting `duration` virtual seconds.
  @discardableResult
  public func call(
    _ outcome: Outcome, duration: Double = 0, fallback: Fallback = false, on breaker: String = Session.main
  ) throws -> Observation {
    let reply = try send(.call(breaker: breaker, outcome: outcome, duration: duration, fallback: fallback))
    if reply.invoked == true { nanoseconds += Session.nanoseconds(duration) }
    let obs = Observation(
      result: reply.result, invoked: reply.invoked, status: .completed, state: reply.state, detail: reply.detail)
    var op = "call(\(outcome.rawValue)"
    if duration > 0 { op += ", \(formatSeconds(duration))" }
    if fallback != false { op += ", \(fallback)" }
    record(op + ")", obs.summary, reply.state, breaker)
    return obs
  }

  /// Starts an in-flight call `id` whose operation waits for `finish(id)`.
  @discardableResult
  public func begin(
    _ id: String, _ outcome: Outcome, fallback: Fallback = false, on breaker: String = Session.main
  ) throws -> Observation {
    let reply = try send(.begin(breaker: breaker, call: id, outcome: outcome, fallback: fallback))
    if reply.status == .running || reply.status == .blocked { inFlight[id] = breaker }
    let obs = Observation(
      result: reply.result, invoked: reply.invoked, status: reply.status, state: reply.state, detail: reply.detail)
    let extras = fallback == false ? "" : ", \(fallback)"
    record("begin(\(id), \(outcome.rawValue)\(extras))", obs.summary, reply.state, breaker)
    return obs
  }

  /// Lets in-flight call `id` end.
  @discardableResult
  public func finish(_ id: String) throws -> Observation {
    let breaker = inFlight[id] ?? Session.main
    let reply = try send(.finish(call: id))
    if reply.status != .blocked { inFlight[id] = nil }
    let obs = Observation(
      result: reply.result, invoked: reply.invoked, status: reply.status, state: reply.state, detail: reply.detail)
    record("finish(\(id))", obs.summary, reply.state, breaker)
    return obs
  }

  /// Advances the virtual clock by `seconds`.
  public func advance(_ seconds: Double) throws {
    let delta = Session.nanoseconds(seconds)
    guard delta > 0 else { return }
    _ = try send(.advance(seconds: Double(delta) / 1e9))
    nanoseconds += delta
    record("advance(\(formatSeconds(seconds)))", "t=\(formatNumber(t))", nil, Session.main)
  }

  /// Advances the virtual clock to `time` seconds since creation (no-op if already there).
  public func advance(to time: Double) throws {
    let delta = Session.nanoseconds(time) - nanoseconds
    if delta > 0 { try advance(Double(delta) / 1e9) }
  }

  /// Seconds as whole nanoseconds, rounded.
  static func nanoseconds(_ seconds: Double) -> Int64 { Int64((seconds * 1e9).rounded()) }

  /// Releases `calls` calls with `outcome` on as many threads at once (feature `race`); see `RaceReply`.
  public func race(_ calls: Int, _ outcome: Outcome, on breaker: String = Session.main) throws -> RaceReply {
    let reply = try send(.race(breaker: breaker, calls: calls, outcome: outcome))
    guard let race = reply.race else {
      throw SubjectFault.protocolViolation("a race reply without `results`, `entered` and `peak`")
    }
    let tally = CallResult.allCases.compactMap { r in race.count(r) > 0 ? "\(race.count(r)) \(r.rawValue)" : nil }
    record(
      "race(\(calls) × \(outcome.rawValue))",
      tally.joined(separator: ", ") + "; \(race.entered) ran, at most \(race.peak) at once", reply.state, breaker)
    return race
  }

  /// Reads a breaker's state.
  public func state(of breaker: String = Session.main) throws -> BreakerState? {
    let reply = try send(.state(breaker: breaker))
    record("state()", reply.state?.rawValue ?? "unknown", reply.state, breaker)
    return reply.state
  }

  /// Asks `is_open()`.
  public func isOpen(_ breaker: String = Session.main) throws -> Bool? {
    let reply = try send(.isOpen(breaker: breaker))
    record("is_open()", reply.isOpen.map { String($0) } ?? "unknown", reply.state, breaker)
    return reply.isOpen
  }

  /// Reads the state-change events.
  public func events(_ breaker: String = Session.main) throws -> [Transition] {
    let reply = try send(.events(breaker: breaker))
    let events = reply.events ?? []
    record(
      "events()", events.isEmpty ? "none" : events.map(\.description).joined(separator: ", "), reply.state, breaker)
    return events
  }

  /// Reads the counters.
  public func metrics(_ breaker: String = Session.main) throws -> [String: Double] {
    let reply = try send(.metrics(breaker: breaker))
    let metrics = reply.metrics ?? [:]
    let text = metrics.keys.sorted().map { "\($0)=\(formatNumber(metrics[$0]!))" }.joined(separator: " ")
    record("metrics()", text.isEmpty ? "none" : text, reply.state, breaker)
    return metrics
  }

  // MARK: Expectations

  /// Fails the check, marking the last trace entry.
  public func fail(expected: String, observed: String, _ context: String) throws -> Never {
    if !trace.isEmpty { trace[trace.count - 1].failed = true }
    throw CheckFailure(expected: expected, observed: observed, context: context, why: why)
  }

  /// Runs `body` with `why` as the explanation of any expectation it fails (instead of the check's motivation).
  ///
  /// `owner` names the check whose own subject the body is (the trip is `sm.closed-to-open`'s): in that
  /// check the check's motivation stays. The innermost explanation wins.
  public func because<T>(_ why: String, owner: String? = nil, _ body: () throws -> T) rethrows -> T {
    let previous = self.why
    if owner != checkID { self.why = why }
    defer { self.why = previous }
    return try body()
  }

  /// Expects a call to have ended with one of `results`, and (when given) to have invoked the operation or not.
  public func expect(
    _ obs: Observation, _ results: [CallResult], invoked: Bool? = nil, _ context: String
  ) throws {
    if obs.status == .blocked {
      try fail(
        expected: describe(results, invoked),
        observed:
          "the call blocked: it neither entered the operation nor returned (is a lock held while another call runs?)",
        context)
    }
    guard let result = obs.result, results.contains(result) else {
      try fail(expected: describe(results, invoked), observed: obs.summary, context)
    }
    if let invoked, let actual = obs.invoked, actual != invoked {
      try fail(expected: describe(results, invoked), observed: obs.summary, context)
    }
  }

  /// Expects a call to have ended with `result`.
  public func expect(_ obs: Observation, _ result: CallResult, invoked: Bool? = nil, _ context: String) throws {
    try expect(obs, [result], invoked: invoked, context)
  }

  /// Reads the state and expects it to be one of `allowed`.
  public func expectState(_ allowed: [BreakerState], _ context: String, of breaker: String = Session.main) throws {
    let state = try state(of: breaker)
    guard let state, allowed.contains(state) else {
      try fail(
        expected: allowed.map(\.rawValue).joined(separator: " or "), observed: state?.rawValue ?? "no state", context)
    }
  }

  /// Reads the state and expects `state`.
  public func expectState(_ state: BreakerState, _ context: String, of breaker: String = Session.main) throws {
    try expectState([state], context, of: breaker)
  }

  /// Expects a condition, with the words to show if it does not hold.
  public func expect(
    _ condition: Bool, expected: String, observed: @autoclosure () -> String, _ context: String
  )
    throws
  {
    if !condition { try fail(expected: expected, observed: observed(), context) }
  }

  /// Fails unless the subject's reply to a call had a state (some checks need the state after each call).
  private func describe(_ results: [CallResult], _ invoked: Bool?) -> String {
    var text = results.map(\.rawValue).joined(separator: " or ")
    if let invoked { text += invoked ? " (invoked)" : " (not invoked)" }
    return text
  }

  /// Finishes every in-flight call (used between checks); returns false if one stayed blocked.
  func drain() -> Bool {
    for id in inFlight.keys.sorted() {
      guard let reply = try? subject.perform(.finish(call: id)), reply.status != .blocked else { return false }
      inFlight[id] = nil
    }
    return true
  }
}
