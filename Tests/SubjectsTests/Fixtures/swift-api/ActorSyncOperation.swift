// Does not compile with the adapter: an actor whose `call` takes a synchronous operation, which would run on
// the actor and hold it while the call is in flight.
import Foundation

struct CircuitOpenError: Error {}

actor CircuitBreaker<C: Clock> where C.Duration == Duration {
  init(configuration: BreakerConfiguration, clock: C) {}

  var state: BreakerState { .closed }

  func call<T: Sendable>(_ operation: @Sendable () throws -> T) async throws -> T { try operation() }
}
