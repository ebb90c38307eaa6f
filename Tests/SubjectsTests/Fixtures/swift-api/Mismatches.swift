// Compiles, but the adapter can use none of the later steps' members: a renamed fallback label on a fallback
// that cannot throw, an `isOpen` the adapter cannot see, counters under another name, and a listener of its own.
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  private let lock = NSLock()
  private var current = BreakerState.closed

  init(configuration: BreakerConfiguration, clock: C) {}

  var state: BreakerState { lock.withLock { current } }

  private var isOpen: Bool { lock.withLock { current == .open } }

  var stats: [String: Int] { [:] }

  var onChange: (@Sendable (BreakerState, BreakerState) -> Void)?

  func call<T>(_ operation: () throws -> T) throws -> T { try operation() }

  func call<T>(_ operation: () throws -> T, orElse fallback: (any Error) -> T) throws -> T {
    try operation()
  }
}
