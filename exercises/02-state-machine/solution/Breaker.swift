// Reference solution for step 2: the completed state machine.
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
    }
  }

  private func open() {
    current = .open
    openedAt = clock.now
  }

  private func beforeCall() throws {
    guard current == .open else { return }
    guard let openedAt, openedAt.duration(to: clock.now) >= configuration.recoveryTimeout else {
      throw CircuitOpenError()
    }
    current = .halfOpen
  }

  private func onSuccess() {
    failureCount = 0
    current = .closed
  }

  private func onFailure() {
    if current == .halfOpen {
      open()
      return
    }
    failureCount += 1
    if failureCount >= configuration.failureThreshold { open() }
  }
}
