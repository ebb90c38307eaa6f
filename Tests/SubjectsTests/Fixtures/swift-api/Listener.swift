// Does not compile: the listener is called with the new state only.
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let lock = NSLock()
  private var current = BreakerState.closed

  init(configuration: BreakerConfiguration, clock: C) { self.configuration = configuration }

  var state: BreakerState { lock.withLock { current } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    let notify = configuration.onStateChange
    notify?(.open)
    return try operation()
  }
}
