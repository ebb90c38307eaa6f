// cblearn's Swift adapter: the glue for an async breaker (an actor, or a class whose `call` is `async`), and
// the entry point. cblearn compiles this file instead of ../main.swift when the learner's `call` is async
// (docs/tracks.md); the runtime is the same. Every member is awaited inside a task that runs on the calling
// thread (`blockOn`, AsyncBridge.swift), so the runtime's threads drive an async breaker as they drive a
// synchronous one.

/// Foundation's lock names as the learner's file sees them, as in ../main.swift.
typealias NSLock = CBPausingLock
#if canImport(Glibc) && !CBLEARN_THREAD_BATCH
  typealias NSRecursiveLock = CBRecursiveLock
#endif

extension CircuitBreaker: CBAsyncLearnerBreaker {}

/// The learner's async breaker behind the runtime's `AsyncSubjectBreaker`: each member is awaited here, where
/// the learner's types are known (an `await` on a synchronous member is allowed, so a class may keep its
/// `state` and `isOpen` synchronous).
final class LearnerSubject: CBAsyncSubjectBreaker, Sendable {
  let breaker: CircuitBreaker<CBVirtualClock>
  init(_ breaker: CircuitBreaker<CBVirtualClock>) { self.breaker = breaker }

  /// The state's protocol name and description, read in one visit. An actor held by a call waits here, as a
  /// lock held during the operation does: the driver's deadline then reports the breaker unresponsive.
  private func observe() -> (state: CBState?, text: String) {
    blockOn {
      let value = await self.breaker.state
      return (stateNamed(by: value), "\(value)")
    }
  }

  var stateName: String {
    let (state, text) = observe()
    return state?.rawValue ?? "unrecognised state \(text)"
  }
  var protocolState: CBState? { observe().state }
  func isOpenValue() throws -> Bool { try blockOn { try await evaluate(self.breaker.isOpen) } }
  func metricsValue() throws -> Any { try blockOn { try await evaluate(self.breaker.metrics) } }
  // The runtime's operations and fallbacks are synchronous; each is wrapped in an async closure, which leaves
  // the breaker's actor when called (a synchronous function converted to an async type would run on it, and
  // an operation waiting for its finish would hold the actor).
  func callPlain(_ operation: @escaping @Sendable () throws -> CBPayload) throws -> CBPayload {
    try blockOn { try await self.breaker.call { try operation() } }
  }
  func protocolStateAsync() async -> CBState? { stateNamed(by: await breaker.state) }
  func callAsync(_ operation: @escaping @Sendable () async throws -> CBPayload) async throws -> CBPayload {
    try await breaker.call(operation)
  }
  func callWithFallback(
    _ operation: @escaping @Sendable () throws -> CBPayload,
    fallback: @escaping @Sendable (any Error) throws -> CBPayload
  ) throws -> CBPayload {
    try blockOn { try await self.breaker.call({ try operation() }, fallback: { try fallback($0) }) }
  }
}

runSubject(
  make: { LearnerSubject(CircuitBreaker(configuration: $0, clock: $1)) }, isRejection: { $0 is CircuitOpenError })
