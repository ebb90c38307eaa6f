// Does not compile with the adapter: `isOpen` is async, and the checks read it synchronously.
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  init(configuration: BreakerConfiguration, clock: C) {}

  var state: BreakerState { .closed }

  var isOpen: Bool { get async { false } }

  func call<T>(_ operation: () throws -> T) throws -> T { try operation() }
}
