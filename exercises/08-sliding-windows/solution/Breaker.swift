// Reference solution for step 8: a breaker that trips on a failure rate over a sliding window, in Swift.
//
// Everything of steps 3 to 7, plus rate-based tripping: with `configuration.window` the breaker opens when
// the failure rate of the window reaches `failureRateThreshold` percent, once it holds `minimumCalls` calls.
// Only successes and counted failures go in, and the window is emptied on closing. Without a window it trips
// on `failureThreshold` consecutive failures, as before.
//
// The shape of every call: decide under the lock (`admit`), run the operation without it, record the
// outcome under the lock again (`record`), then announce state changes with the lock released (`announce`).
import Foundation

/// Thrown instead of running the operation when the breaker rejects the call.
struct CircuitOpenError: Error, CustomStringConvertible {
  enum Reason: Sendable { case open, trialsInFlight }
  var reason: Reason = .open

  var description: String {
    switch reason {
    case .open: "the circuit breaker is OPEN"
    case .trialsInFlight: "enough trial calls are in flight"
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
  }

  let configuration: WindowConfiguration
  private var entries: [Entry] = []

  init(_ configuration: WindowConfiguration) { self.configuration = configuration }

  mutating func add(_ entry: Entry) {
    entries.append(entry)
    evict(at: entry.at)
  }

  /// Calls and failed calls in the window at `now`.
  mutating func counts(at now: Instant) -> (total: Int, failed: Int) {
    evict(at: now)
    return (entries.count, entries.count(where: \.failed))
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

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  /// What `admit` hands to `record`.
  private struct Ticket {
    /// The generation the call was admitted in: if the state has changed since, its result is stale.
    let generation: Int
    let trial: Bool
  }

  private enum Outcome { case success, failure, uncounted }

  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  // Everything below is guarded by `lock`.
  private var current: BreakerState = .closed
  private var generation = 0
  private var openedAt: C.Instant?
  private var failures = 0
  private var trialsInFlight = 0
  private var trialSuccesses = 0
  private var window: OutcomeWindow<C.Instant>?
  private var pending: [(BreakerState, BreakerState)] = []
  private var counters: [String: Int] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "transitions": 0,
  ]

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
    window = configuration.window.map { OutcomeWindow($0) }
  }

  var state: BreakerState { lock.withLock { current } }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough(clock.now) } }

  /// Lifetime counters; once every call has ended, calls = successes + failures + ignored + rejections.
  var metrics: [String: Int] { lock.withLock { counters } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    let ticket = try admitAndAnnounce()
    return try run(operation, ticket)
  }

  /// Like `call(_:)`, but when the breaker rejects the call it returns `fallback(error)` instead of
  /// throwing. Errors of the operation itself always reach the caller unchanged.
  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    let ticket: Ticket
    do {
      ticket = try admitAndAnnounce()
    } catch {
      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    return try run(operation, ticket)
  }

  // MARK: Decide, run, record, announce

  private func admitAndAnnounce() throws -> Ticket {
    defer { announce() }  // OPEN → HALF_OPEN is announced before the trial runs
    return try lock.withLock { try admit() }
  }

  private func run<T>(_ operation: () throws -> T, _ ticket: Ticket) throws -> T {
    let value: T
    do {
      value = try operation()
    } catch {
      record(ticket, configuration.isFailure(error) ? .failure : .uncounted)
      throw error
    }
    record(ticket, .success)
    return value
  }

  /// Decides whether a call runs (lock held).
  private func admit() throws -> Ticket {
    let now = clock.now
    counters["calls", default: 0] += 1
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
    return Ticket(generation: generation, trial: trial)
  }

  private func record(_ ticket: Ticket, _ outcome: Outcome) {
    lock.withLock {
      switch outcome {
      case .success: counters["successes", default: 0] += 1
      case .failure: counters["failures", default: 0] += 1
      case .uncounted: counters["ignored", default: 0] += 1
      }
      guard ticket.generation == generation else { return }  // stale: the state has moved on
      if ticket.trial { trialsInFlight -= 1 }
      guard outcome != .uncounted else { return }
      judge(failed: outcome == .failure, at: clock.now)
    }
    announce()
  }

  /// Applies a fresh counted outcome to the current state (lock held).
  private func judge(failed: Bool, at now: C.Instant) {
    switch current {
    case .halfOpen:
      if failed {
        move(to: .open, at: now)
      } else {
        trialSuccesses += 1
        if trialSuccesses >= configuration.successThreshold { move(to: .closed, at: now) }
      }
    case .closed:
      if window != nil {
        window?.add(.init(at: now, failed: failed))
        if rateExceeded(at: now) { move(to: .open, at: now) }
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
  private func rateExceeded(at now: C.Instant) -> Bool {
    guard let settings = configuration.window, let minimum = window?.minimumCalls,
      let (total, failed) = window?.counts(at: now)
    else { return false }
    guard total > 0, total >= minimum else { return false }
    return Double(failed) * 100 >= settings.failureRateThreshold * Double(total)  // >=, compared exactly
  }

  /// Changes state (lock held): a new generation, fresh counters for the new state.
  private func move(to next: BreakerState, at now: C.Instant) {
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

  private func waitedLongEnough(_ now: C.Instant) -> Bool {
    guard let openedAt else { return true }
    return openedAt.duration(to: now) >= configuration.recoveryTimeout
  }

  /// Calls `onStateChange` for the changes noted under the lock, with the lock released, so a callback
  /// may use the breaker (read its state or metrics, even call it) without a deadlock.
  private func announce() {
    let changes = lock.withLock { () -> [(BreakerState, BreakerState)] in
      defer { pending.removeAll() }
      return pending
    }
    guard let hook = configuration.onStateChange else { return }
    for (old, new) in changes { hook(old, new) }
  }
}
