// Reference solution for step 7: a breaker that reports its state changes and keeps metrics, in Swift.
//
// Everything of steps 3 to 6, plus `configuration.onStateChange(old, new)`, called once per real transition,
// in order and never under the lock; and `metrics`, counters that add up.
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
  private var pending: [(BreakerState, BreakerState)] = []
  private var counters: [String: Int] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "transitions": 0,
  ]

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
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
      if failed {
        failures += 1
        if failures >= configuration.failureThreshold { move(to: .open, at: now) }
      } else {
        failures = 0
      }
    case .open:
      break  // unreachable: no call is admitted in OPEN, and older tickets are stale
    }
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
    case .closed: break
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
