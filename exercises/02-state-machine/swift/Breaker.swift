// Step 2: complete the state machine.
//
// The plumbing is done: `call` asks `beforeCall()` whether the call may go ahead, runs the operation, and
// reports the outcome to `onSuccess()` or `onFailure()` (all three run with the lock held). Fill them in:
//   CLOSED    --failureThreshold consecutive failures-->        OPEN
//   OPEN      --a call once recoveryTimeout has passed-->       HALF_OPEN (that call is a trial)
//   HALF_OPEN --the trial succeeds-->                           CLOSED
//   HALF_OPEN --the trial fails-->                              OPEN (and the wait starts again)
// While OPEN, beforeCall() must throw CircuitOpenError so the operation never runs.
//
// In this step an error for which configuration.isFailure is false counts as a success (the dependency did
// answer), as in pybreaker and Polly v8: `call` already sends it to onSuccess(). Step 3 changes that rule.
//
// Check your work with:  cblearn check 2 Breaker.swift
import Foundation

/// Thrown instead of running the operation while the breaker is OPEN.
struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  private var current: BreakerState = .closed
  private var failureCount = 0
  private var openedAt: C.Instant?

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { lock.withLock { current } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    try lock.withLock { try beforeCall() }
    do {
      let value = try operation()
      lock.withLock { onSuccess() }
      return value
    } catch where configuration.isFailure(error) {
      lock.withLock { onFailure() }
      throw error
    } catch {
      lock.withLock { onSuccess() }  // an uncounted error: the dependency answered (step 3 changes this)
      throw error
    }
  }

  /// OPEN: throw CircuitOpenError, unless recoveryTimeout has passed since `openedAt` (then HALF_OPEN).
  private func beforeCall() throws {
    // TODO
  }

  /// CLOSED: forget earlier failures. HALF_OPEN: the trial worked, close the breaker.
  private func onSuccess() {
    // TODO
  }

  /// CLOSED: count it, and open at the threshold. HALF_OPEN: the trial failed, open again.
  private func onFailure() {
    // TODO: when opening, remember the time: openedAt = clock.now
  }
}
