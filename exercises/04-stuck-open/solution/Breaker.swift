// Reference solution for step 4: the repaired breaker, with an isOpen that honours the timeout.
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
    try lock.withLock {
      guard current == .open else { return }
      guard waitedLongEnough else { throw CircuitOpenError() }  // a rejection is not a failure
      current = .halfOpen
    }
    do {
      let value = try operation()
      lock.withLock {
        failureCount = 0
        current = .closed
      }
      return value
    } catch where configuration.isFailure(error) {
      lock.withLock {
        failureCount += 1
        lastFailure = clock.now
        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      }
      throw error
    }
  }
}
