// Step 4: stuck open.
//
// This breaker passed a quick manual test, went to production, and got stuck: pages kept failing long
// after the pricing service was healthy again. It has four bugs in its reset logic. Find and fix them; the
// checks name the symptom of each. Then make sure `isOpen` honours the recovery timeout, because callers
// use it to fail fast:
//
//     if breaker.isOpen { return cachedPrice() }   // never even tries the service
//     return try breaker.call { try fetchPrice() }
//
// Check your work with:  cblearn check 4 Breaker.swift
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
  private var trialRunning = false

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { lock.withLock { current } }

  var isOpen: Bool { lock.withLock { current == .open } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    try lock.withLock {
      if current == .open {
        if let lastFailure, lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout {
          current = .halfOpen
        } else {
          lastFailure = clock.now
          throw CircuitOpenError()
        }
      }
      if current == .halfOpen {
        if trialRunning { throw CircuitOpenError() }
        trialRunning = true
      }
    }
    do {
      let value = try operation()
      lock.withLock {
        trialRunning = false
        current = .closed
      }
      return value
    } catch where configuration.isFailure(error) {
      lock.withLock {
        trialRunning = false
        failureCount += 1
        lastFailure = clock.now
        if failureCount >= configuration.failureThreshold { current = .open }
      }
      throw error
    }
  }
}
