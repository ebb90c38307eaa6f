// cblearn's Swift adapter: the glue between the learner's types and the adapter's runtime, and the entry point.
// The protocol is in docs/protocol.md. The other files of this folder are the runtime: cblearn builds them once,
// optimised, into a cached module, and compiles only this file with the learner's (docs/architecture.md).

/// Foundation's lock names as the learner's file sees them: the runtime's racing lock (RacingLock.swift) and,
/// with batches on coroutines, the re-entrant lock owned by a batch call (Locks.swift). Declared in the
/// learner's module, they take the place of Foundation's.
typealias NSLock = CBPausingLock
#if canImport(Glibc) && !CBLEARN_THREAD_BATCH
  typealias NSRecursiveLock = CBRecursiveLock
#endif

extension CircuitBreaker: CBLearnerBreaker {}

/// The learner's breaker behind the runtime's `SubjectBreaker`: each member is looked up here, where the
/// learner's types are known, so any signature the compiler can call with the adapter's arguments is used.
final class LearnerSubject: CBSubjectBreaker, Sendable {
  let breaker: CircuitBreaker<CBVirtualClock>
  init(_ breaker: CircuitBreaker<CBVirtualClock>) { self.breaker = breaker }
  var stateName: String { breaker.stateName }
  var protocolState: CBState? { breaker.protocolState }
  func isOpenValue() throws -> Bool { try evaluate(breaker.isOpen) }
  func metricsValue() throws -> Any { try evaluate(breaker.metrics) }
  func callPlain(_ operation: @escaping @Sendable () throws -> CBPayload) throws -> CBPayload {
    try breaker.call(operation)
  }
  func callWithFallback(
    _ operation: @escaping @Sendable () throws -> CBPayload,
    fallback: @escaping @Sendable (any Error) throws -> CBPayload
  ) throws -> CBPayload {
    try breaker.call(operation, fallback: fallback)
  }
}

runSubject(
  make: { LearnerSubject(CircuitBreaker(configuration: $0, clock: $1)) }, isRejection: { $0 is CircuitOpenError })
