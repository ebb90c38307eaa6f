// Does not compile with the adapter: the error type and the initialiser's label have other names.
import Foundation

struct BreakerOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let lock = NSLock()
  private var current = BreakerState.closed

  init(config: BreakerConfiguration, clock: C) {}

  var state: BreakerState { lock.withLock { current } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    guard state != .open else { throw BreakerOpenError() }
    return try operation()
  }
}
