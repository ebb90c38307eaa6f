// Async reference solution for step 5: half-open done right, as an actor.
//
// The same rules as exercises/05-half-open/solution/Breaker.swift: at most `halfOpenMaxCalls` trials at once,
// `successThreshold` trial successes to close, any trial failure to reopen, fresh slots every HALF_OPEN period,
// and a result that arrives while OPEN changes nothing. (Results of calls admitted before a state change that
// arrive in another state are counted where they land; step 6 discards them.)
//
// The actor replaces the lock: `admit` and `record` run isolated, and `await operation()` leaves the actor, so
// other calls run (and the state may change) while this one is in flight. Anything read before the `await`
// may be out of date after it: the ticket carries the HALF_OPEN period the call was admitted in.

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
    let trial: Bool
    /// The HALF_OPEN period a trial belongs to: only its own period's slot is given back.
    let period: Int
  }

  private enum Outcome { case success, failure, uncounted }

  private let configuration: BreakerConfiguration
  private let clock: C
  private var current: BreakerState = .closed
  private var period = 0
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
    let ticket = try admit()
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

  // MARK: Decide, run, record

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
    return Ticket(trial: trial, period: period)
  }

  /// Records an outcome; the state is whatever it is now, not what `admit` saw.
  private func record(_ ticket: Ticket, _ outcome: Outcome) {
    if ticket.trial, ticket.period == period, current == .halfOpen { trialsInFlight -= 1 }
    guard outcome != .uncounted, current != .open else { return }  // OPEN: a late result changes nothing
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
      break  // unreachable: record() drops results that arrive while OPEN
    }
  }

  /// Changes state, with fresh counters for the new state.
  private func move(to next: BreakerState, at now: C.Instant) {
    guard next != current else { return }
    current = next
    failures = 0
    switch next {
    case .open: openedAt = now
    case .halfOpen:
      period += 1
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
