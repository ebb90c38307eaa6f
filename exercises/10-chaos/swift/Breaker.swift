// Step 10, the capstone: your breaker inside the cascade simulator.
//
// Paste in your breaker of step 9 (or finish this skeleton). The simulator creates one breaker per service
// between the API gateway and the service, with the configuration of the `chaos` scenario: every breaker
// failureThreshold 5, recoveryTimeout 30 s, halfOpenMaxCalls 1; inventory's also a count window of 100
// calls; pricing's also a count window of 20, slowCallDuration 1 s, slowCallRateThreshold 60 and
// maxConcurrentCalls 8. It drives a few hundred calls a second through them on a virtual clock while
// pricing's database is down, inventory is flaky, then pricing is slow. What the checks need from you:
//   * without a window, OPEN after `failureThreshold` consecutive counted failures; with one, OPEN when
//     the failure rate or the slow-call rate of the window reaches its threshold (steps 8 and 9);
//   * while OPEN, reject at once;
//   * after `recoveryTimeout`, HALF_OPEN admits at most `halfOpenMaxCalls` trials; a success closes
//     (`successThreshold` in a row), a failure or a slow trial re-opens and restarts the wait;
//   * a bulkhead: at most `maxConcurrentCalls` calls in flight, extra calls rejected at once;
//   * never hold the lock while the operation runs: calls overlap.
//
// Check it with: cblearn check 10 swift/Breaker.swift
// Watch it with: cblearn simulate --scenario chaos --breaker swift/Breaker.swift --checks
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
    guard let ticket = lock.withLock({ admit() }) else { throw CircuitOpenError() }
    return try run(operation, ticket)
  }

  /// A rejected call returns `fallback(error)`. Only the breaker's own rejection goes to the fallback: an
  /// error of the operation (even a `CircuitOpenError` from a breaker further down) reaches the caller.
  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    guard let ticket = lock.withLock({ admit() }) else { return try fallback(CircuitOpenError()) }
    return try run(operation, ticket)
  }

  /// What `record` needs to know about an admitted call.
  private struct Ticket {
    // TODO: the generation it was admitted in, whether it is a trial, when it started.
  }

  /// Decides whether a call runs (lock held); `nil` rejects it: OPEN, every trial taken, or the bulkhead full.
  private func admit() -> Ticket? {
    // TODO
    Ticket()
  }

  /// Runs an admitted call without the lock.
  private func run<T>(_ operation: () throws -> T, _ ticket: Ticket) throws -> T {
    // TODO: record the outcome under the lock on every path (configuration.isFailure decides what counts).
    try operation()
  }
}
