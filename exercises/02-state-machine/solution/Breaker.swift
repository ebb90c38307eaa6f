// Reference solution for step 2: the completed state machine.
//
// The wait is over once strictly more than recoveryTimeout has passed (`>`, as in resilience4j and
// gobreaker); uncounted errors count as successes (pybreaker, Polly v8). Step 3 replaces both rules with the
// tutorial's.
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

  private func open() {
    current = .open
    openedAt = clock.now
  }

  private func beforeCall() throws {
    guard current == .open else { return }
    guard let openedAt, openedAt.duration(to: clock.now) > configuration.recoveryTimeout else {
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
