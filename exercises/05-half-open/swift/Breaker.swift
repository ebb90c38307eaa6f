// Step 5: half-open done right.
//
// Start from your own breaker of step 4: in the tutorial, `next` offers to copy your passing file here
// (`next --from-mine` does it without asking). This file is the other way in: the interface, the
// configuration and the names of the parts are here, and every decision is left blank, for the rules of
// steps 3 to 5. The lessons and your earlier exercises have them.
//
// This step adds: at most half_open_max_calls trial calls in flight at once in HALF_OPEN (any other
// call meanwhile is rejected without running), success_threshold trial successes in a row to close, any
// trial failure to reopen, fresh slots and a zero count every HALF_OPEN period; calls overlap, so decide
// under the lock, run without it, and record under it again; a result that arrives while OPEN changes
// nothing.
//
// Check your work with:  cblearn check 5 Breaker.swift
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
  // TODO: the fields your decisions need (counts, times, tickets, ...).

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { lock.withLock { current } }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool {
    // TODO: yours to write.
    false
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    // TODO: yours to write.
    throw CircuitOpenError()
  }

  // MARK: Decide, run, record

  private func run<T>(_ operation: () throws -> T, _ ticket: Ticket) throws -> T {
    // TODO: yours to write.
    throw CircuitOpenError()
  }

  /// Decides whether a call runs (lock held).
  private func admit() throws -> Ticket {
    // TODO: yours to write.
    throw CircuitOpenError()
  }

  private func record(_ ticket: Ticket, _ outcome: Outcome) {
    // TODO: yours to write.
  }

  /// Applies a fresh counted outcome to the current state (lock held).
  private func judge(failed: Bool, at now: C.Instant) {
    // TODO: yours to write.
  }

  /// Changes state (lock held), with fresh counters for the new state.
  private func move(to next: BreakerState, at now: C.Instant) {
    // TODO: yours to write.
  }

  private func waitedLongEnough(_ now: C.Instant) -> Bool {
    // TODO: yours to write.
    false
  }
}
