// Step 10 solution: a breaker that keeps the Black Friday shop up.
//
// Consecutive failures (or a failure / slow-call rate over a window) open it; OPEN rejects at once until
// the recovery timeout; HALF_OPEN admits at most `halfOpenMaxCalls` trials and closes after
// `successThreshold` successes; a bulkhead caps the calls in flight. Results of calls admitted before a
// state change are stale and ignored. The lock is never held while the operation runs.
import Foundation

/// Thrown instead of running the operation when the breaker rejects the call.
struct CircuitOpenError: Error, CustomStringConvertible {
  var description: String { "the circuit breaker rejected the call" }
}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private struct Ticket {
    let generation: Int
    let trial: Bool
    let start: C.Instant
  }

  private struct Record {
    let at: C.Instant
    let failed: Bool
    let slow: Bool
  }

  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  private var current: BreakerState = .closed
  private var generation = 0
  private var openedAt: C.Instant
  private var failures = 0
  private var trials = 0
  private var trialSuccesses = 0
  private var inFlight = 0
  private var window: [Record] = []
  private var counters = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "slow_calls": 0, "transitions": 0,
  ]
  /// State changes made under the lock, announced once it is released.
  private var pending: [(BreakerState, BreakerState)] = []

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
    openedAt = clock.now
  }

  var state: BreakerState { lock.withLock { current } }

  var isOpen: Bool { lock.withLock { current == .open && !elapsed(clock.now) } }

  var metrics: [String: Int] { lock.withLock { counters } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    let admitted = lock.withLock { admit(clock.now) }
    announce()
    guard let ticket = admitted else { throw CircuitOpenError() }
    return try run(operation, ticket)
  }

  /// Only the breaker's own rejection goes to `fallback`: an error of the operation, even a
  /// `CircuitOpenError` of a breaker further down, reaches the caller unchanged.
  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    let admitted = lock.withLock { admit(clock.now) }
    announce()
    guard let ticket = admitted else { return try fallback(CircuitOpenError()) }
    return try run(operation, ticket)
  }

  /// Runs an admitted call without the lock, then records its outcome under it.
  private func run<T>(_ operation: () throws -> T, _ ticket: Ticket) throws -> T {
    let value: T
    do {
      value = try operation()
    } catch {
      lock.withLock { record(ticket, failed: configuration.isFailure(error) ? true : nil) }
      announce()
      throw error
    }
    lock.withLock { record(ticket, failed: false) }
    announce()
    return value
  }

  private func elapsed(_ now: C.Instant) -> Bool { openedAt.duration(to: now) >= configuration.recoveryTimeout }

  private func admit(_ now: C.Instant) -> Ticket? {
    counters["calls", default: 0] += 1
    if current == .open, elapsed(now) { move(to: .halfOpen, at: now) }
    let bulkheadFull = configuration.maxConcurrentCalls.map { inFlight >= $0 } ?? false
    if current == .open || bulkheadFull || (current == .halfOpen && trials >= configuration.halfOpenMaxCalls) {
      counters["rejections", default: 0] += 1
      return nil
    }
    if current == .halfOpen { trials += 1 }
    inFlight += 1
    return Ticket(generation: generation, trial: current == .halfOpen, start: now)
  }

  /// Records an outcome: `failed` is `nil` for an error the breaker does not count.
  private func record(_ ticket: Ticket, failed: Bool?) {
    let now = clock.now
    inFlight -= 1
    let key = failed == nil ? "ignored" : failed == true ? "failures" : "successes"
    counters[key, default: 0] += 1
    let slow = configuration.slowCallDuration.map { ticket.start.duration(to: now) > $0 } ?? false
    if slow { counters["slow_calls", default: 0] += 1 }
    guard ticket.generation == generation, let failed else {
      if ticket.trial, ticket.generation == generation { trials -= 1 }
      return
    }
    if ticket.trial {
      trials -= 1
      if failed || slow {
        move(to: .open, at: now)
      } else {
        trialSuccesses += 1
        if trialSuccesses >= configuration.successThreshold { move(to: .closed, at: now) }
      }
      return
    }
    if shouldTrip(now, failed: failed, slow: slow) { move(to: .open, at: now) }
  }

  private func shouldTrip(_ now: C.Instant, failed: Bool, slow: Bool) -> Bool {
    let rateThreshold = configuration.slowCallRateThreshold
    guard configuration.window != nil || rateThreshold != nil else {
      failures = failed ? failures + 1 : 0
      return failures >= configuration.failureThreshold
    }
    window.append(Record(at: now, failed: failed, slow: slow))
    let kind = configuration.window?.kind ?? .count
    let size = configuration.window?.size ?? 10
    if kind == .time {
      window.removeAll { $0.at.duration(to: now) >= .seconds(size) }
    } else if window.count > size {
      window.removeFirst(window.count - size)
    }
    let minimum = configuration.window.map { kind == .count ? min($0.minimumCalls, size) : $0.minimumCalls } ?? 5
    guard window.count >= minimum else { return false }
    let calls = Double(window.count)
    if let rate = configuration.window?.failureRateThreshold,
      Double(window.count(where: \.failed)) * 100 >= rate * calls
    {
      return true
    }
    return rateThreshold.map { Double(window.count(where: \.slow)) * 100 >= $0 * calls } ?? false
  }

  private func move(to next: BreakerState, at now: C.Instant) {
    guard next != current else { return }
    let previous = current
    current = next
    generation += 1
    counters["transitions", default: 0] += 1
    trials = 0
    trialSuccesses = 0
    failures = 0
    window.removeAll()
    if next == .open { openedAt = now }
    pending.append((previous, next))
  }

  /// Calls `onStateChange` with the lock released, so a listener may use the breaker.
  private func announce() {
    let changes = lock.withLock { () -> [(BreakerState, BreakerState)] in
      defer { pending.removeAll() }
      return pending
    }
    guard let listener = configuration.onStateChange else { return }
    for (old, new) in changes { listener(old, new) }
  }
}
