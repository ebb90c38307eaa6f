/// The reference breaker as an in-process subject: the model the suite and explore mode compare with.
public final class ReferenceSubject: Subject {
  public let info: SubjectInfo
  private let profile: Profile
  private var breakers: [String: ReferenceBreaker] = [:]
  private var inFlight: [String: (breaker: String, ticket: ReferenceBreaker.Ticket, outcome: Outcome, fallback: Bool)] = [:]
  private var now = 0.0

  public init(profile: Profile, name: String = "reference") {
    self.profile = profile
    info = SubjectInfo(
      name: name, language: "swift (in process)",
      features: ["is_open", "events", "metrics", "fallback", "concurrency"])
  }

  public func terminate() {}

  private func breaker(_ name: String) throws(SubjectFault) -> ReferenceBreaker {
    guard let b = breakers[name] else {
      throw .adapterError(kind: "bad_request", message: "no breaker named '\(name)'; send create first")
    }
    return b
  }

  private func finishResult(_ outcome: Outcome, _ fallback: Bool) -> CallResult {
    switch outcome {
    case .success: .success
    case .failure: fallback && profile.fallbackOn == .openAndFailure ? .fallback : .failure
    case .ignored: .ignored
    }
  }

  public func perform(_ request: Request) throws(SubjectFault) -> Reply {
    switch request {
    case .create(let name, let config, let clock):
      if let clock { now = Double(clock) }
      breakers[name] = ReferenceBreaker(config: config, profile: profile)
      return Reply(state: .closed, now: now)
    case .call(let name, let outcome, let duration, let fallback):
      var b = try breaker(name)
      guard let ticket = b.admit(at: now) else {
        breakers[name] = b
        return Reply(result: fallback && profile.fallbackOn != .none ? .fallback : .rejected, invoked: false, status: .completed, state: b.state, now: now)
      }
      now += duration
      b.complete(ticket, outcome, at: now)
      breakers[name] = b
      return Reply(result: finishResult(outcome, fallback), invoked: true, status: .completed, state: b.state, now: now)
    case .begin(let name, let id, let outcome, let fallback):
      var b = try breaker(name)
      guard let ticket = b.admit(at: now) else {
        breakers[name] = b
        return Reply(result: fallback && profile.fallbackOn != .none ? .fallback : .rejected, invoked: false, status: .completed, state: b.state, now: now)
      }
      breakers[name] = b
      inFlight[id] = (name, ticket, outcome, fallback)
      return Reply(invoked: true, status: .running, state: b.state, now: now)
    case .finish(let id):
      guard let call = inFlight.removeValue(forKey: id) else {
        throw .adapterError(kind: "bad_request", message: "no call '\(id)' is in flight")
      }
      var b = try breaker(call.breaker)
      b.complete(call.ticket, call.outcome, at: now)
      breakers[call.breaker] = b
      return Reply(result: finishResult(call.outcome, call.fallback), invoked: true, status: .completed, state: b.state, now: now)
    case .advance(let seconds):
      now += seconds
      return Reply(now: now)
    case .state(let name):
      var b = try breaker(name)
      let s = b.read(at: now)
      breakers[name] = b
      return Reply(state: s, now: now)
    case .isOpen(let name):
      let b = try breaker(name)
      return Reply(state: b.state, isOpen: b.isOpen(at: now), now: now)
    case .events(let name):
      let b = try breaker(name)
      return Reply(state: b.state, events: b.transitions, now: now)
    case .metrics(let name):
      let b = try breaker(name)
      return Reply(state: b.state, metrics: b.counters, now: now)
    }
  }
}

/// Makes in-process reference subjects.
public struct ReferenceFactory: SubjectFactory {
  public let profile: Profile

  public init(profile: Profile) { self.profile = profile }

  public func launch() throws(SubjectFault) -> any Subject { ReferenceSubject(profile: profile) }
}
