// Step 3: the basic circuit breaker.
//
// Build the tutorial's breaker. The checks expect, with the configuration you are given:
//   * consecutive failures >= failureThreshold open the breaker (a success resets the count);
//   * while OPEN, calls throw CircuitOpenError without running the operation;
//   * once recoveryTimeout has passed since the last recorded failure (>=, inclusive), the next call is let
//     through as a trial (HALF_OPEN): success closes the breaker and resets the count, failure opens it
//     again and restarts the wait;
//   * errors for which configuration.isFailure(error) is false propagate and change nothing.
//
// Time comes only from the injected clock: `clock.now` and `instant.duration(to: other)`.
// BreakerState and BreakerConfiguration are provided by cblearn (see the exercise README).
// Check your work with:  cblearn check 3 Breaker.swift
import Foundation

/// Thrown instead of running the operation while the breaker is OPEN.
struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  private var current: BreakerState = .closed
  // TODO: what else must the breaker remember? (a failure count, the time of the last failure)

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { lock.withLock { current } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    // TODO: reject while OPEN (unless the recovery timeout has passed), count failures, reset on success.
    try operation()
  }
}
