// Reference solution for step 3: the tutorial's basic circuit breaker, in Swift.
import Foundation

/// Thrown instead of running the operation while the breaker is OPEN.
struct CircuitOpenError: Error {}

/// A circuit breaker that opens after `failureThreshold` consecutive failures.
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

  func call<T>(_ operation: () throws -> T) throws -> T {
    // Decide under the lock, but never hold it while the operation runs.
    try lock.withLock {
      guard current == .open else { return }
      guard let lastFailure, lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout else {
        throw CircuitOpenError()
      }
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
