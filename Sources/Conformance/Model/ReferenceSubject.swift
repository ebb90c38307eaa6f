/// The reference breaker as an in-process subject: the model the suite and explore mode compare with.
public final class ReferenceSubject: Subject {
  public let info: SubjectInfo
  private let profile: Profile
  private var breakers: [String: ReferenceBreaker] = [:]
  private var inFlight:
    [String: (breaker: String, ticket: ReferenceBreaker.Ticket, outcome: Outcome, fallback: Fallback)] =
      [:]
  private var now = 0.0

  public init(profile: Profile, name: String = "reference") {
    self.profile = profile
    info = SubjectInfo(
      name: name, language: "swift (in process)",
      features: ["is_open", "events", "metrics", "fallback", "concurrency", "batch", "fatal", "race"])
  }

  public func terminate() {}

  /// The model behind breaker `name`, for explore mode and tests.
  public func model(_ name: String = Session.main) -> ReferenceBreaker? { breakers[name] }

  /// The current virtual time (Unix seconds).
  public var clock: Double { now }

  private func breaker(_ name: String) throws(SubjectFault) -> ReferenceBreaker {
    guard let b = breakers[name] else {
      throw .adapterError(kind: "bad_request", message: "no breaker named '\(name)'; send create first")
    }
    return b
  }

  private func finishResult(_ outcome: Outcome, _ fallback: Fallback) -> CallResult {
    switch outcome {
    case .success: .success
    case .failure: fallback.isSet && profile.fallbackOn == .openAndFailure ? fallback.result : .failure
    case .ignored: .ignored
    case .fatal: .fatal
    }
  }

  private func rejected(_ name: String, _ b: inout ReferenceBreaker, _ fallback: Fallback) -> Reply {
    let used = fallback.isSet && profile.fallbackOn != .none
    if used { reenter(&b, fallback) }
    let state = b.read(at: now)
    breakers[name] = b
    return Reply(result: used ? fallback.result : .rejected, invoked: false, status: .completed, state: state, now: now)
  }

  /// What a fallback that re-enters the breaker does: one more call through it, whose operation succeeds.
  private func reenter(_ b: inout ReferenceBreaker, _ fallback: Fallback) {
    guard fallback.behaviour == .reenter, let ticket = b.admit(at: now) else { return }
    b.complete(ticket, .success, at: now)
  }

  /// Completes an admitted call and replies; `tripped` says whether this very call opened a CLOSED breaker.
  private func ended(
    _ name: String, _ b: inout ReferenceBreaker, _ ticket: ReferenceBreaker.Ticket, _ outcome: Outcome,
    _ fallback: Fallback
  ) -> Reply {
    let before = b.transitions.count
    b.complete(ticket, outcome, at: now)
    if outcome == .failure, profile.fallbackOn == .openAndFailure, fallback.isSet { reenter(&b, fallback) }
    let tripped =
      b.transitions.count > before && b.transitions.last.map { $0.from == .closed && $0.to == .open } == true
    var result = finishResult(outcome, fallback)
    if tripped, profile.tripCallError == .breaker, result == .failure { result = .rejected }
    let state = b.read(at: now)
    breakers[name] = b
    return Reply(result: result, invoked: true, status: .completed, state: state, now: now)
  }

  public func perform(_ request: Request) throws(SubjectFault) -> Reply {
    switch request {
    case .create(let name, let config, let clock):
      if let clock { now = Double(clock) }
      breakers[name] = ReferenceBreaker(config: config, profile: profile)
      inFlight = inFlight.filter { $0.value.breaker != name }
      return Reply(state: .closed, now: now)
    case .call(let name, let outcome, let duration, let fallback):
      var b = try breaker(name)
      guard let ticket = b.admit(at: now) else { return rejected(name, &b, fallback) }
      now += max(0, duration)
      return ended(name, &b, ticket, outcome, fallback)
    case .begin(let name, let id, let outcome, let fallback):
      guard inFlight[id] == nil else {
        throw .adapterError(kind: "bad_request", message: "call '\(id)' is already in flight")
      }
      var b = try breaker(name)
      guard let ticket = b.admit(at: now) else { return rejected(name, &b, fallback) }
      inFlight[id] = (name, ticket, outcome, fallback)
      let state = b.read(at: now)
      breakers[name] = b
      return Reply(invoked: true, status: .running, state: state, now: now)
    case .finish(let id):
      guard let call = inFlight.removeValue(forKey: id) else {
        throw .adapterError(kind: "bad_request", message: "no call '\(id)' is in flight")
      }
      var b = try breaker(call.breaker)
      return ended(call.breaker, &b, call.ticket, call.outcome, call.fallback)
    case .advance(let seconds):
      now += max(0, seconds)
      return Reply(now: now)
    case .state(let name):
      var b = try breaker(name)
      let s = b.read(at: now)
      breakers[name] = b
      return Reply(state: s, now: now)
    case .isOpen(let name):
      var b = try breaker(name)
      let open = b.isOpen(at: now)
      let s = b.read(at: now)
      breakers[name] = b
      return Reply(state: s, isOpen: open, now: now)
    case .events(let name):
      var b = try breaker(name)
      let s = b.read(at: now)
      breakers[name] = b
      return Reply(state: s, events: b.transitions, now: now)
    case .metrics(let name):
      var b = try breaker(name)
      let s = b.read(at: now)
      breakers[name] = b
      return Reply(state: s, metrics: b.counters, now: now)
    case .batch(let events):
      return try batch(events)
    case .race(let name, let calls, let outcome):
      return try race(name, calls, outcome)
    }
  }

  /// Runs a race: every call is admitted or rejected at the same instant, then the admitted ones end together.
  private func race(_ name: String, _ calls: Int, _ outcome: Outcome) throws(SubjectFault) -> Reply {
    var b = try breaker(name)
    var results = [CallResult](repeating: .rejected, count: max(0, calls))
    var tickets: [(Int, ReferenceBreaker.Ticket)] = []
    for index in results.indices {
      if let ticket = b.admit(at: now) { tickets.append((index, ticket)) }
    }
    for (index, ticket) in tickets {
      let reply = ended(name, &b, ticket, outcome, false)
      b = breakers[name] ?? b
      results[index] = reply.result ?? .other
    }
    let state = b.read(at: now)
    breakers[name] = b
    return Reply(
      state: state, now: now, race: RaceReply(results: results, entered: tickets.count, peak: tickets.count))
  }

  /// Runs a batch's events in order as `begin` and `finish`; the outcome of a call is the one its finish
  /// gives.
  private func batch(_ events: [BatchEvent]) throws(SubjectFault) -> Reply {
    var answer = BatchReply(results: [], states: [])
    for (index, event) in events.enumerated() {
      now += Double(max(0, event.delay)) / 1e9
      do throws(SubjectFault) {
        switch event.kind {
        case .begin(let name):
          let reply = try perform(.begin(breaker: name, call: event.call, outcome: .success, fallback: false))
          answer.results.append(reply.status == .running ? .running : .rejected)
          answer.states.append(reply.state ?? .closed)
        case .finish(let outcome):
          inFlight[event.call]?.outcome = outcome
          let reply = try perform(.finish(call: event.call))
          answer.results.append(.done)
          answer.states.append(reply.state ?? .closed)
        }
      } catch .adapterError(let kind, let message) {
        throw .adapterError(kind: kind, message: "event \(index): \(message)")
      } catch {
        throw error
      }
    }
    return Reply(now: now, batch: answer)
  }
}

/// Makes in-process reference subjects.
public struct ReferenceFactory: SubjectFactory {
  public let profile: Profile

  public init(profile: Profile) { self.profile = profile }

  public func launch() throws(SubjectFault) -> any Subject { ReferenceSubject(profile: profile) }
}
