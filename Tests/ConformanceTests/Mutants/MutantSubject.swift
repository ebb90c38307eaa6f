@testable import Conformance

/// An in-process subject around `MutantBreaker`: the reference subject with one injected bug.
final class MutantSubject: Subject {
  let info: SubjectInfo
  let bug: Bug?
  private let profile: Profile
  private var breakers: [String: MutantBreaker] = [:]
  private var inFlight:
    [String: (breaker: String, ticket: MutantBreaker.Ticket, outcome: Outcome, fallback: Fallback)] =
      [:]
  private var now = 0.0

  init(profile: Profile, bug: Bug?) {
    self.profile = profile
    self.bug = bug
    info = SubjectInfo(
      name: bug?.rawValue ?? "faithful-copy", language: "swift (in process)",
      features: ["is_open", "events", "metrics", "fallback", "concurrency", "fatal", "race"])
  }

  func terminate() {}

  private func breaker(_ name: String) throws(SubjectFault) -> MutantBreaker {
    guard let b = breakers[name] else { throw .adapterError(kind: "bad_request", message: "no breaker '\(name)'") }
    return b
  }

  private func rejected(_ name: String, _ b: inout MutantBreaker, _ fallback: Fallback) -> Reply {
    if fallback.behaviour == .reenter, profile.fallbackOn != .none, let inner = b.admit(at: now) {
      b.complete(inner, .success, at: now, fallbackUsed: false)
    }
    let state = b.read(at: now)
    breakers[name] = b
    var result: CallResult = fallback.isSet && profile.fallbackOn != .none ? fallback.result : .rejected
    if bug == .noFallbackWhenOpen { result = .rejected }
    return Reply(result: result, invoked: false, status: .completed, state: state, now: now)
  }

  private func ended(
    _ name: String, _ b: inout MutantBreaker, _ ticket: MutantBreaker.Ticket, _ outcome: Outcome,
    _ extras: Fallback, wasOpen: Bool
  ) -> Reply {
    let before = b.transitions.count
    let fallback = extras.isSet
    b.listenerRaised = false
    b.complete(ticket, outcome, at: now, fallbackUsed: fallback)
    let tripped =
      b.transitions.count > before && b.transitions.last.map { $0.from == .closed && $0.to == .open } == true
    var result: CallResult
    switch outcome {
    case .success: result = fallback && bug == .fallbackReplacesSuccess ? .fallback : .success
    case .failure: result = fallback && profile.fallbackOn == .openAndFailure ? extras.result : .failure
    case .ignored: result = fallback && bug == .fallbackOnBusinessError ? .fallback : .ignored
    case .fatal: result = .fatal
    }
    if tripped, result == .failure, profile.tripCallError == .breaker || bug == .tripErrorReplaced {
      result = .rejected
    }
    if wasOpen, fallback, bug == .fallbackInvokesOperation { result = extras.result }
    if b.listenerRaised { result = .other }
    let state = b.read(at: now)
    breakers[name] = b
    return Reply(result: result, invoked: true, status: .completed, state: state, now: now)
  }

  private func admit(_ b: inout MutantBreaker, viaBegin: Bool, fallback: Fallback) -> MutantBreaker.Ticket? {
    if bug == .fallbackInvokesOperation, fallback.isSet, b.state == .open, !b.trialDue(at: now) {
      _ = b.admit(at: now)  // counted as a rejection, yet the operation runs below
      return MutantBreaker.Ticket(generation: -1, epoch: -1, trial: false, start: now)
    }
    return b.admit(at: now, viaBegin: viaBegin)
  }

  func perform(_ request: Request) throws(SubjectFault) -> Reply {
    let before = breakers.values.map(\.transitions.count).reduce(0, +)
    let reply = try performRequest(request)
    let after = breakers.values.map(\.transitions.count).reduce(0, +)
    if bug == .listenerUnderLock, after > before, breakers.values.contains(where: { $0.config.listener == .reenter }) {
      throw .unresponsive(op: request.op, seconds: 2)
    }
    return reply
  }

  private func performRequest(_ request: Request) throws(SubjectFault) -> Reply {
    if bug == .lockHeldDuringCall, !inFlight.isEmpty {
      switch request {
      case .call: throw .unresponsive(op: "call", seconds: 2)
      case .begin: return Reply(status: .blocked, now: now)
      default: break
      }
    }
    switch request {
    case .create(let name, let config, let clock):
      if let clock { now = Double(clock) }
      breakers[name] = MutantBreaker(config: config, profile: profile, bug: bug)
      inFlight = inFlight.filter { $0.value.breaker != name }
      return Reply(state: .closed, now: now)
    case .call(let name, let outcome, let duration, let fallback):
      var b = try breaker(name)
      let wasOpen = b.state == .open
      guard let ticket = admit(&b, viaBegin: false, fallback: fallback) else { return rejected(name, &b, fallback) }
      now += max(0, duration)
      return ended(name, &b, ticket, outcome, fallback, wasOpen: wasOpen)
    case .begin(let name, let id, let outcome, let fallback):
      var b = try breaker(name)
      guard let ticket = admit(&b, viaBegin: true, fallback: fallback) else { return rejected(name, &b, fallback) }
      inFlight[id] = (name, ticket, outcome, fallback)
      let state = b.read(at: now)
      breakers[name] = b
      return Reply(invoked: true, status: .running, state: state, now: now)
    case .finish(let id):
      guard let call = inFlight.removeValue(forKey: id) else {
        throw .adapterError(kind: "bad_request", message: "no call '\(id)' is in flight")
      }
      var b = try breaker(call.breaker)
      return ended(call.breaker, &b, call.ticket, call.outcome, call.fallback, wasOpen: false)
    case .advance(let seconds):
      now += max(0, seconds)
      return Reply(now: now)
    case .state(let name):
      var b = try breaker(name)
      var s = b.read(at: now, query: true)
      if bug == .stateReadSaysClosed, b.trialDue(at: now) { s = .closed }
      breakers[name] = b
      return Reply(state: s, now: now)
    case .isOpen(let name):
      var b = try breaker(name)
      let open = b.isOpen(at: now)
      let s = b.read(at: now, query: true)
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
      var m = b.counters
      if bug == .rejectionsNotInMetrics { m["rejections"] = 0 }
      return Reply(state: s, metrics: m, now: now)
    case .batch:
      throw .adapterError(kind: "unsupported", message: "the mutants do not run batches")
    case .race(let name, let calls, let outcome):
      var b = try breaker(name)
      var tickets: [(Int, MutantBreaker.Ticket)] = []
      var results = [CallResult](repeating: .rejected, count: calls)
      for index in 0..<calls {
        if let ticket = admit(&b, viaBegin: true, fallback: false) { tickets.append((index, ticket)) }
      }
      breakers[name] = b
      for (index, ticket) in tickets {
        var current = try breaker(name)
        results[index] = ended(name, &current, ticket, outcome, false, wasOpen: false).result ?? .other
      }
      let state = try breaker(name).state
      return Reply(
        state: state, now: now, race: RaceReply(results: results, entered: tickets.count, peak: tickets.count))
    }
  }
}

/// Makes mutant subjects.
struct MutantFactory: SubjectFactory {
  let profile: Profile
  let bug: Bug?

  func launch() throws(SubjectFault) -> any Subject { MutantSubject(profile: profile, bug: bug) }
}
