// Async reference solution for step 9 as a class: a complete production breaker whose state sits in a `Mutex`.
//
// The same rules as exercises/09-slow-calls-bulkhead/solution/Breaker.swift and Actor09.swift, in the other
// async design: a `final class` the compiler checks for data races (plain `Sendable`, no `@unchecked`), its
// rules in a value type (`Rules`) kept in a `Mutex`, and an `async` `call`. The lock is held only for a
// decision or a record, never across an `await` (`withLock` takes a synchronous closure, so it cannot be): the
// operation, the fallback and the listener all run with the lock released. Unlike an actor, nothing is queued
// behind a busy breaker and no call hops to another executor; like an actor, everything read before the
// `await` may have changed after it, so a ticket carries the generation the call was admitted in.
import Synchronization

/// Thrown instead of running the operation when the breaker rejects the call.
struct CircuitOpenError: Error, CustomStringConvertible {
  enum Reason: Sendable { case open, trialsInFlight, bulkheadFull }
  var reason: Reason = .open

  var description: String {
    switch reason {
    case .open: "the circuit breaker is OPEN"
    case .trialsInFlight: "enough trial calls are in flight"
    case .bulkheadFull: "too many calls are in flight"
    }
  }
}

/// The outcomes of the last `size` calls (`.count`) or of the last `size` seconds (`.time`).
///
/// A time window holds exactly the outcomes of (now − size, now].
struct OutcomeWindow<Instant: InstantProtocol> where Instant.Duration == Duration {
  struct Entry {
    var at: Instant
    var failed: Bool
    var slow: Bool
  }

  let configuration: WindowConfiguration
  private var entries: [Entry] = []

  init(_ configuration: WindowConfiguration) { self.configuration = configuration }

  mutating func add(_ entry: Entry) {
    entries.append(entry)
    evict(at: entry.at)
  }

  /// Calls, failed calls and slow calls in the window at `now`.
  mutating func counts(at now: Instant) -> (total: Int, failed: Int, slow: Int) {
    evict(at: now)
    return (entries.count, entries.count(where: \.failed), entries.count(where: \.slow))
  }

  /// A count window never holds more than `size` calls, so the minimum is capped by it.
  var minimumCalls: Int {
    configuration.kind == .count ? min(configuration.minimumCalls, configuration.size) : configuration.minimumCalls
  }

  mutating func clear() { entries.removeAll() }

  private mutating func evict(at now: Instant) {
    switch configuration.kind {
    case .count:
      if entries.count > configuration.size { entries.removeFirst(entries.count - configuration.size) }
    case .time:
      let size = Duration.seconds(configuration.size)
      entries.removeAll { $0.at.duration(to: now) >= size }
    }
  }
}

/// The breaker's rules over its state: a plain value, changed only inside the breaker's `Mutex`.
struct Rules<Instant: InstantProtocol> where Instant.Duration == Duration {
  /// What `admit` hands to `record`.
  struct Ticket: Sendable {
    /// The generation the call was admitted in: if the state has changed since, its result is stale.
    let generation: Int
    let trial: Bool
    let started: Instant
  }

  enum Outcome { case success, failure, uncounted }

  let configuration: BreakerConfiguration
  private(set) var current: BreakerState = .closed
  private(set) var counters: [String: Int] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "slow_calls": 0, "transitions": 0,
  ]
  /// State changes not yet announced, oldest first.
  var pending: [(BreakerState, BreakerState)] = []
  private var generation = 0
  private var openedAt: Instant?
  private var failures = 0
  private var trialsInFlight = 0
  private var trialSuccesses = 0
  private var callsInFlight = 0
  private var window: OutcomeWindow<Instant>?

  init(_ configuration: BreakerConfiguration) {
    self.configuration = configuration
    window = configuration.window.map { OutcomeWindow($0) }
  }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  func isOpen(at now: Instant) -> Bool { current == .open && !waitedLongEnough(now) }

  /// Decides whether a call runs.
  mutating func admit(at now: Instant) throws(CircuitOpenError) -> Ticket {
    counters["calls", default: 0] += 1
    if let limit = configuration.maxConcurrentCalls, callsInFlight >= limit {
      counters["rejections", default: 0] += 1
      throw CircuitOpenError(reason: .bulkheadFull)
    }
    if current == .open {
      guard waitedLongEnough(now) else {
        counters["rejections", default: 0] += 1  // a rejection is not a failure
        throw CircuitOpenError(reason: .open)
      }
      move(to: .halfOpen, at: now)
    }
    let trial = current == .halfOpen
    if trial {
      guard trialsInFlight < configuration.halfOpenMaxCalls else {
        counters["rejections", default: 0] += 1
        throw CircuitOpenError(reason: .trialsInFlight)
      }
      trialsInFlight += 1
    }
    callsInFlight += 1
    return Ticket(generation: generation, trial: trial, started: now)
  }

  /// Counts an outcome, and judges it unless the state has moved on since the call was admitted.
  mutating func record(_ ticket: Ticket, _ outcome: Outcome, at now: Instant) {
    callsInFlight -= 1  // the bulkhead slot comes back whatever happened, stale or not
    switch outcome {
    case .success: counters["successes", default: 0] += 1
    case .failure: counters["failures", default: 0] += 1
    case .uncounted: counters["ignored", default: 0] += 1
    }
    let slow = configuration.slowCallDuration.map { ticket.started.duration(to: now) > $0 } ?? false
    if slow { counters["slow_calls", default: 0] += 1 }
    guard ticket.generation == generation else { return }  // stale: the state has moved on
    if ticket.trial { trialsInFlight -= 1 }
    guard outcome != .uncounted else { return }
    judge(failed: outcome == .failure, slow: slow, at: now)
  }

  /// Applies a fresh counted outcome to the current state.
  private mutating func judge(failed: Bool, slow: Bool, at now: Instant) {
    switch current {
    case .halfOpen:
      if failed || (slow && configuration.slowCallRateThreshold != nil) {
        move(to: .open, at: now)  // a slow trial is evidence that the service is still slow
      } else {
        trialSuccesses += 1
        if trialSuccesses >= configuration.successThreshold { move(to: .closed, at: now) }
      }
    case .closed:
      if window != nil {
        window?.add(.init(at: now, failed: failed, slow: slow))
        if ratesExceeded(at: now) { move(to: .open, at: now) }
      } else if failed {
        failures += 1
        if failures >= configuration.failureThreshold { move(to: .open, at: now) }
      } else {
        failures = 0
      }
    case .open:
      break  // unreachable: no call is admitted in OPEN, and older tickets are stale
    }
  }

  /// The window's verdict, made after every recorded outcome (a success included).
  private mutating func ratesExceeded(at now: Instant) -> Bool {
    guard let settings = configuration.window, let minimum = window?.minimumCalls,
      let (total, failed, slow) = window?.counts(at: now)
    else { return false }
    guard total > 0, total >= minimum else { return false }
    if Double(failed) * 100 >= settings.failureRateThreshold * Double(total) { return true }
    guard let slowRate = configuration.slowCallRateThreshold else { return false }
    return Double(slow) * 100 >= slowRate * Double(total)
  }

  /// Changes state: a new generation, fresh counters for the new state, a change to announce.
  private mutating func move(to next: BreakerState, at now: Instant) {
    guard next != current else { return }
    pending.append((current, next))
    current = next
    generation += 1
    counters["transitions", default: 0] += 1
    failures = 0
    switch next {
    case .open: openedAt = now
    case .halfOpen:
      trialsInFlight = 0
      trialSuccesses = 0
    case .closed: window?.clear()  // CLOSED starts with an empty window
    }
  }

  private func waitedLongEnough(_ now: Instant) -> Bool {
    guard let openedAt else { return true }
    return openedAt.duration(to: now) >= configuration.recoveryTimeout
  }
}

final class CircuitBreaker<C: Clock>: Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let rules: Mutex<Rules<C.Instant>>

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
    rules = Mutex(Rules(configuration))
  }

  var state: BreakerState { rules.withLock { $0.current } }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { rules.withLock { $0.isOpen(at: clock.now) } }

  /// Lifetime counters; once every call has ended, calls = successes + failures + ignored + rejections.
  var metrics: [String: Int] { rules.withLock { $0.counters } }

  func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
    try await run(operation, try admitAndAnnounce())
  }

  /// Like `call(_:)`, but when the breaker rejects the call it returns `fallback(error)` instead of
  /// throwing. Errors of the operation itself always reach the caller unchanged.
  func call<T: Sendable>(
    _ operation: @Sendable () async throws -> T, fallback: @Sendable (any Error) async throws -> T
  ) async throws -> T {
    let ticket: Rules<C.Instant>.Ticket
    do {
      ticket = try admitAndAnnounce()
    } catch {
      return try await fallback(error)  // the lock is free; a fallback's result or error changes nothing
    }
    return try await run(operation, ticket)
  }

  // MARK: Decide, run, record, announce

  /// Admits or rejects the call under the lock, then announces OPEN → HALF_OPEN before the trial runs.
  private func admitAndAnnounce() throws(CircuitOpenError) -> Rules<C.Instant>.Ticket {
    defer { announce() }
    return try rules.withLock { rules throws(CircuitOpenError) in try rules.admit(at: clock.now) }
  }

  /// Runs an admitted call with the lock released, then records its outcome under the lock.
  private func run<T: Sendable>(
    _ operation: @Sendable () async throws -> T, _ ticket: Rules<C.Instant>.Ticket
  ) async throws -> T {
    let value: T
    do {
      value = try await operation()
    } catch {
      record(ticket, configuration.isFailure(error) ? .failure : .uncounted)
      throw error
    }
    record(ticket, .success)
    return value
  }

  private func record(_ ticket: Rules<C.Instant>.Ticket, _ outcome: Rules<C.Instant>.Outcome) {
    rules.withLock { $0.record(ticket, outcome, at: clock.now) }
    announce()
  }

  /// Calls `onStateChange` for the changes noted under the lock, with the lock released, so a listener may use
  /// the breaker (read its state or metrics, even call it) without a deadlock.
  private func announce() {
    let changes = rules.withLock { rules in
      defer { rules.pending.removeAll() }
      return rules.pending
    }
    guard let hook = configuration.onStateChange else { return }
    for (old, new) in changes { hook(old, new) }
  }
}
