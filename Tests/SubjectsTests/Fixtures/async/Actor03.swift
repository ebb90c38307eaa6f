// Async reference solution for step 3: the tutorial's basic circuit breaker, as an actor.
//
// The same rules as exercises/03-basic-breaker/solution/Breaker.swift. The actor replaces the lock: the code
// before and after `await operation()` runs isolated, and the operation runs off the actor, so other calls
// (and `state`) are served while it is in flight. After the `await` the breaker is judged as it is then, never
// by a copy of the state taken before it.

/// Thrown instead of running the operation while the breaker is OPEN.
struct CircuitOpenError: Error {}

/// A circuit breaker that opens after `failureThreshold` consecutive failures.
actor CircuitBreaker<C: Clock> where C.Duration == Duration {
  private let configuration: BreakerConfiguration
  private let clock: C
  private var current: BreakerState = .closed
  private var failureCount = 0
  private var lastFailure: C.Instant?

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { current }

  func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
    // Decide with no `await` in between, so no other call interleaves with the decision.
    if current == .open {
      guard let lastFailure, lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout else {
        throw CircuitOpenError()
      }
      current = .halfOpen
    }
    do {
      let value = try await operation()  // leaves the actor while the operation runs
      failureCount = 0
      current = .closed
      return value
    } catch  where configuration.isFailure(error) {
      failureCount += 1
      lastFailure = clock.now
      if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      throw error
    }
  }
}
