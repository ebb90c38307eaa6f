// Async reference solution for step 4: the repaired breaker, with an isOpen that honours the timeout, as an
// actor.
//
// The same rules as exercises/04-stuck-open/solution/Breaker.swift. The actor replaces the lock: the code
// before and after `await operation()` runs isolated, and the operation runs off the actor. After the `await`
// the breaker is judged as it is then, never by a copy of the state taken before it.

/// Thrown instead of running the operation while the breaker is OPEN.
struct CircuitOpenError: Error {}

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

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { current == .open && !waitedLongEnough }

  private var waitedLongEnough: Bool {
    guard let lastFailure else { return true }
    return lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout
  }

  func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
    if current == .open {
      guard waitedLongEnough else { throw CircuitOpenError() }  // a rejection is not a failure
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
