// A step-3 breaker the compiler checks for data races: plain `Sendable`, its state in a `Mutex`, a
// `@Sendable` operation with a `Sendable` result, and a final class error.
import Synchronization

final class CircuitOpenError: Error {
  let openedFor: Duration
  init(openedFor: Duration) { self.openedFor = openedFor }
}

final class CircuitBreaker<C: Clock<Duration>>: Sendable {
  private struct Inner {
    var state = BreakerState.closed
    var failures = 0
    var lastFailure: C.Instant?
  }

  private let configuration: BreakerConfiguration
  private let clock: C
  private let inner = Mutex(Inner())

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { inner.withLock { $0.state } }

  @discardableResult
  func call<T: Sendable>(_ operation: @Sendable () throws -> T) throws -> T {
    try inner.withLock { inner throws(CircuitOpenError) in
      guard inner.state == .open else { return }
      let waited = inner.lastFailure.map { $0.duration(to: clock.now) } ?? .zero
      guard waited >= configuration.recoveryTimeout else { throw CircuitOpenError(openedFor: waited) }
      inner.state = .halfOpen
    }
    do {
      let value = try operation()
      inner.withLock {
        $0.failures = 0
        $0.state = .closed
      }
      return value
    } catch  where configuration.isFailure(error) {
      inner.withLock {
        $0.failures += 1
        $0.lastFailure = clock.now
        if $0.state == .halfOpen || $0.failures >= configuration.failureThreshold { $0.state = .open }
      }
      throw error
    }
  }
}
