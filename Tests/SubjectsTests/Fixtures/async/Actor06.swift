// Async reference solution for step 6: a breaker with a fallback, as an actor.
//
// The same rules as exercises/06-fallbacks/solution/Breaker.swift: everything of step 5, plus
// `call(_:fallback:)`, which returns `await fallback(error)` when the breaker rejects the call. The fallback runs
// off the actor and changes nothing; failures and business errors of the operation reach the caller unchanged.
//
// The actor replaces the lock, and reentrancy replaces the race: while `await operation()` is suspended, other
// calls run on the actor and may move the state on. A ticket carries the generation the call was admitted in,
// and a result whose generation has passed is stale: it changes nothing, and frees no slot of a later period.

/// Thrown instead of running the operation when the breaker rejects the call.
struct CircuitOpenError: Error, CustomStringConvertible {
  enum Reason: Sendable { case open, trialsInFlight }
  var reason: Reason = .open

  var description: String {
    switch reason {
    case .open: "the circuit breaker is OPEN"
    case .trialsInFlight: "enough trial calls are in flight"
    }
  }
}

actor CircuitBreaker<C: Clock> where C.Duration == Duration {
  /// What `admit` hands to `record`.
  private struct Ticket {
    /// The generation the call was admitted in: if the state has changed since, its result is stale.
    let generation: Int
    let trial: Bool
  }

  private enum Outcome { case success, failure, uncounted }

  private let configuration: BreakerConfiguration
  private let clock: C
  private var current: BreakerState = .closed
  private var generation = 0
  private var openedAt: C.Instant?
  private var failures = 0
  private var trialsInFlight = 0
  private var trialSuccesses = 0

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { current }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { current == .open && !waitedLongEnough(clock.now) }

  func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
    try await run(operation, try admit())
  }

  /// Like `call(_:)`, but when the breaker rejects the call it returns `fallback(error)` instead of
  /// throwing. Errors of the operation itself always reach the caller unchanged.
  func call<T: Sendable>(
    _ operation: @Sendable () async throws -> T, fallback: @Sendable (any Error) async throws -> T
  ) async throws -> T {
    let ticket: Ticket
    do {
      ticket = try admit()
    } catch {
      return try await fallback(error)  // off the actor; a fallback's result or error changes nothing
    }
    return try await run(operation, ticket)
  }

  // MARK: Decide, run, record

  /// Runs an admitted call: the only `await` between `admit` and `record`.
  private func run<T: Sendable>(_ operation: @Sendable () async throws -> T, _ ticket: Ticket) async throws -> T {
    let value: T
    do {
      value = try await operation()  // leaves the actor: other calls may change the state meanwhile
    } catch {
      record(ticket, configuration.isFailure(error) ? .failure : .uncounted)
      throw error
    }
    record(ticket, .success)
    return value
  }

  /// Decides whether a call runs; no `await` inside, so nothing interleaves.
  private func admit() throws -> Ticket {
    let now = clock.now
    if current == .open {
      guard waitedLongEnough(now) else { throw CircuitOpenError(reason: .open) }  // not a failure
      move(to: .halfOpen, at: now)
    }
    let trial = current == .halfOpen
    if trial {
      guard trialsInFlight < configuration.halfOpenMaxCalls else {
        throw CircuitOpenError(reason: .trialsInFlight)
      }
      trialsInFlight += 1
    }
    return Ticket(generation: generation, trial: trial)
  }

  /// Records an outcome, unless the state has moved on since the call was admitted.
  private func record(_ ticket: Ticket, _ outcome: Outcome) {
    guard ticket.generation == generation else { return }  // stale: the state has moved on
    if ticket.trial { trialsInFlight -= 1 }
    guard outcome != .uncounted else { return }
    judge(failed: outcome == .failure, at: clock.now)
  }

  /// Applies a fresh counted outcome to the current state.
  private func judge(failed: Bool, at now: C.Instant) {
    switch current {
    case .halfOpen:
      if failed {
        move(to: .open, at: now)
      } else {
        trialSuccesses += 1
        if trialSuccesses >= configuration.successThreshold { move(to: .closed, at: now) }
      }
    case .closed:
      if failed {
        failures += 1
        if failures >= configuration.failureThreshold { move(to: .open, at: now) }
      } else {
        failures = 0
      }
    case .open:
      break  // unreachable: no call is admitted in OPEN, and older tickets are stale
    }
  }

  /// Changes state: a new generation, fresh counters for the new state.
  private func move(to next: BreakerState, at now: C.Instant) {
    guard next != current else { return }
    current = next
    generation += 1
    failures = 0
    switch next {
    case .open: openedAt = now
    case .halfOpen:
      trialsInFlight = 0
      trialSuccesses = 0
    case .closed: break
    }
  }

  private func waitedLongEnough(_ now: C.Instant) -> Bool {
    guard let openedAt else { return true }
    return openedAt.duration(to: now) >= configuration.recoveryTimeout
  }
}
