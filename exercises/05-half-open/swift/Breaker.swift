// Step 5: half-open done right.
//
// Below is the breaker of step 4 (or paste in your own). It is correct only while calls arrive one at a
// time. Make it correct when they overlap:
//   * configuration.halfOpenMaxCalls: at most that many trial calls in flight at once in HALF_OPEN; any
//     other call meanwhile throws CircuitOpenError without running the operation;
//   * configuration.successThreshold: that many trial successes in a row close the breaker; any trial
//     failure reopens it and restarts the full wait; every HALF_OPEN period starts afresh;
//   * thread safety without holding the lock while the operation runs: decide under the lock, run, record
//     under it again;
//   * stale results: a call admitted before the last state change decides nothing when it ends (it does not
//     close, re-arm the wait, or free a trial slot). Number the state changes (a generation) and compare;
//   * an error for which configuration.isFailure(error) is false gives its trial slot back, counts nothing.
//
// Check your work with:  cblearn check 5 Breaker.swift
import Foundation

/// Thrown instead of running the operation while the breaker is OPEN.
struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  private var current: BreakerState = .closed
  private var failureCount = 0
  private var lastFailure: C.Instant?
  // TODO: a generation number (+1 on every state change), trial calls in flight, trial successes.

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { lock.withLock { current } }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough } }

  private var waitedLongEnough: Bool {
    guard let lastFailure else { return true }
    return lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    // TODO: in HALF_OPEN admit at most configuration.halfOpenMaxCalls trials, give each admitted call a
    // ticket (the generation, and whether it is a trial), and record its outcome with that ticket.
    try lock.withLock {
      guard current == .open else { return }
      guard waitedLongEnough else { throw CircuitOpenError() }  // a rejection is not a failure
      current = .halfOpen
    }
    do {
      let value = try operation()
      // TODO: ignore stale results; in HALF_OPEN close only after configuration.successThreshold successes.
      lock.withLock {
        failureCount = 0
        current = .closed
      }
      return value
    } catch where configuration.isFailure(error) {
      // TODO: ignore stale results: a late failure must not re-arm the wait of an OPEN breaker.
      lock.withLock {
        failureCount += 1
        lastFailure = clock.now
        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      }
      throw error
    }
    // TODO: an error for which configuration.isFailure(error) is false must give its trial slot back.
  }
}
