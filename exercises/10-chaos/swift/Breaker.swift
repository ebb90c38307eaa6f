// Step 10, the capstone: your breaker inside the cascade simulator.
//
// Paste in your breaker of step 9 (or finish this skeleton). The simulator creates one breaker per service
// between the API gateway and the service, with the configuration of the `chaos` scenario
// (failureThreshold 5, recoveryTimeout 30 s, halfOpenMaxCalls 1, and for pricing maxConcurrentCalls 8),
// then drives about two hundred calls a second through them on a virtual clock while the pricing database
// is slow. What the checks need from you:
//   * OPEN after `failureThreshold` consecutive counted failures; while OPEN, reject at once;
//   * after `recoveryTimeout`, HALF_OPEN admits at most `halfOpenMaxCalls` trials; a success closes
//     (`successThreshold` in a row), a failure re-opens and restarts the wait;
//   * a bulkhead: at most `maxConcurrentCalls` calls in flight, extra calls rejected at once;
//   * never hold the lock while the operation runs: calls overlap.
//
// Run it with:  cblearn simulate --scenario chaos --breaker Breaker.swift
// Check it with: cblearn simulate --scenario chaos --breaker Breaker.swift --checks
import Foundation

/// Thrown instead of running the operation when the breaker rejects the call.
struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  private var current: BreakerState = .closed
  // TODO: failure count, the instant the breaker opened, trials in flight, calls in flight, a generation.

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { lock.withLock { current } }

  /// True only while OPEN and inside the recovery timeout (step 4).
  var isOpen: Bool {
    // TODO
    false
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    // TODO: admit under the lock (OPEN, HALF_OPEN trials, bulkhead), run the operation without it,
    // then record the outcome under the lock (configuration.isFailure decides what counts).
    try operation()
  }

  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    do { return try call(operation) } catch let error as CircuitOpenError { return try fallback(error) }
  }
}
