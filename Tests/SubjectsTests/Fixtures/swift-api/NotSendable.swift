// Does not compile with the adapter: the breaker is not Sendable.
import Foundation

struct CircuitOpenError: Error {}

final class CircuitBreaker<C: Clock> where C.Duration == Duration {
  private var current = BreakerState.closed

  init(configuration: BreakerConfiguration, clock: C) {}

  var state: BreakerState { current }

  func call<T>(_ operation: () throws -> T) throws -> T { try operation() }
}
