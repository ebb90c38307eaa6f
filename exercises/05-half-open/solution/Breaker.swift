// Reference solution for step 5: half-open done right, in Swift.
//
// Everything of steps 3 and 4, plus: at most `halfOpenMaxCalls` trial calls at once (extra calls are
// rejected without running), `successThreshold` trial successes in a row to close, any trial failure to
// reopen, every HALF_OPEN period with fresh slots and a zero count; thread safety without holding the lock
// during the call; and a result that arrives while OPEN changes nothing. (Results of calls admitted before
// a state change that arrive in another state are counted where they land; step 6 discards them.)
//
// The shape of every call: decide under the lock (`admit`), run the operation without it, and record the
// outcome under the lock again (`record`).
import Foundation

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

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  /// What `admit` hands to `record`.
  private struct Ticket {
    let trial: Bool
    /// The HALF_OPEN period a trial belongs to: only its own period's slot is given back.
    let period: Int
  }

  private enum Outcome { case success, failure, uncounted }

  private let configuration: BreakerConfiguration
  private let clock: C
  private let lock = NSLock()
  // Everything below is guarded by `lock`.
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

  var state: BreakerState { lock.withLock { current } }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough(clock.now) } }

  func call<T>(_ operation: () throws -> T) throws -> T {
    let ticket = try lock.withLock { try admit() }
    return try run(operation, ticket)
  }

  // MARK: Decide, run, record

  private func run<T>(_ operation: () throws -> T, _ ticket: Ticket) throws -> T {
    let value: T
    do {
      value = try operation()
    } catch {
      record(ticket, configuration.isFailure(error) ? .failure : .uncounted)
      throw error
    }
    record(ticket, .success)
    return value
  }

  /// Decides whether a call runs (lock held).
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

  private func record(_ ticket: Ticket, _ outcome: Outcome) {
    lock.withLock {
      if ticket.trial, ticket.period == period, current == .halfOpen { trialsInFlight -= 1 }
      guard outcome != .uncounted, current != .open else { return }  // OPEN: a late result changes nothing
      judge(failed: outcome == .failure, at: clock.now)
    }
  }

  /// Applies a fresh counted outcome to the current state (lock held).
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

  /// Changes state (lock held), with fresh counters for the new state.
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
