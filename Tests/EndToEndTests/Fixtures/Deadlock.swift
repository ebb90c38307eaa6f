import Foundation

struct CircuitOpenError: Error {}

/// Deadlocks on its first call: NSLock is not re-entrant.
final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let lock = NSLock()
  init(configuration: BreakerConfiguration, clock: C) {}
  var state: BreakerState { .closed }
  func call<T>(_ operation: () throws -> T) throws -> T {
    lock.lock()
    lock.lock()
    defer { lock.unlock() }
    return try operation()
  }
}
