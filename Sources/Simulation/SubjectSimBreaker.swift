import Conformance

/// One breaker under test, in a subject shared by every service, driven with `begin` and `finish`.
///
/// Each call is a `begin` with its outcome when it starts and a `finish` when it ends; the subject's
/// virtual clock is moved with `advance` before an operation whenever simulated time has moved by at
/// least `SubjectClock.resolution` (10 ms): two requests per call plus at most 100 `advance` a second.
public final class SubjectSimBreaker: SimulatedBreaker {
  private let clock: SubjectClock
  private let name: String
  private var calls: [String?] = []
  private var freeHandles: [Int] = []
  public private(set) var state: BreakerState = .closed

  /// Creates the breaker `name` in the clock's subject with `config`.
  public init(clock: SubjectClock, name: String, config: BreakerConfig) throws(SimulationError) {
    self.clock = clock
    self.name = name
    let reply = try clock.perform(.create(breaker: name, config: config, clock: clock.takeStart()), at: 0)
    state = reply.state ?? .closed
  }

  public func admit(at now: Double, outcome: Outcome) throws(SimulationError) -> Int? {
    let id = clock.nextCallID()
    let reply = try clock.perform(.begin(breaker: name, call: id, outcome: outcome, fallback: false), at: now)
    if let observed = reply.state { state = observed }
    switch reply.status {
    case .running:
      if let handle = freeHandles.popLast() {
        calls[handle] = id
        return handle
      }
      calls.append(id)
      return calls.count - 1
    case .completed:
      if reply.result == .other {
        throw .subjectFailed(
          "the call \(id) on '\(name)' ended with an unexpected error: \(reply.detail ?? "no detail")")
      }
      if reply.invoked == true {
        throw .subjectFailed("the call \(id) on '\(name)' ended before `finish` although its operation ran")
      }
      return nil
    case .blocked, nil:
      throw .subjectFailed("the call \(id) on '\(name)' blocked at `begin` (is a lock held during the call?)")
    }
  }

  public func complete(_ handle: Int, outcome: Outcome, at now: Double) throws(SimulationError) {
    guard let id = calls[handle] else { return }
    calls[handle] = nil
    freeHandles.append(handle)
    let reply = try clock.perform(.finish(call: id), at: now)
    if let observed = reply.state { state = observed }
    if reply.status == .blocked {
      throw .subjectFailed("the call \(id) on '\(name)' did not return after `finish` (is a lock held?)")
    }
    if reply.result == .other {
      throw .subjectFailed("the call \(id) on '\(name)' ended with an unexpected error: \(reply.detail ?? "no detail")")
    }
  }
}

/// The subject and its virtual clock, shared by the breakers of one run.
public final class SubjectClock {
  /// Simulated time that must pass before the subject's clock is advanced (10 ms).
  public static let resolution = 0.01
  /// The subject's clock at simulated time 0: Black Friday 2025, 08:00 UTC.
  public static let epoch: Int64 = 1_764_316_800

  private let subject: any Subject
  private var now = 0.0
  private var started = false
  private var callCounter = 0
  /// Requests sent so far.
  public private(set) var requests = 0

  public init(subject: any Subject) { self.subject = subject }

  /// The clock value for the first `create`, `nil` afterwards.
  func takeStart() -> Int64? {
    defer { started = true }
    return started ? nil : Self.epoch
  }

  func nextCallID() -> String {
    callCounter += 1
    return "c\(callCounter)"
  }

  /// Advances the subject's clock to `time` (if it moved enough), then sends `request`.
  func perform(_ request: Request, at time: Double) throws(SimulationError) -> Reply {
    do {
      if time - now >= Self.resolution {
        requests += 1
        _ = try subject.perform(.advance(seconds: time - now))
        now = time
      }
      requests += 1
      return try subject.perform(request)
    } catch {
      throw .subjectFailed(error.description)
    }
  }

  /// Ends the subject.
  public func terminate() { subject.terminate() }
}
