// Step 9: slow calls and a bulkhead.
//
// Start from your own breaker of step 8: in the tutorial, `next` offers to copy your passing file here
// (`next --from-mine` does it without asking). This file is the other way in: the interface, the
// configuration and the names of the parts are here, and every decision is left blank, for the rules of
// steps 3 to 9. The lessons and your earlier exercises have them.
//
// This step adds: slow_call_duration and slow_call_rate_threshold (a call strictly longer than the
// duration is slow; a slow-call rate at or above the threshold opens the breaker; a slow trial counts as a
// failed trial) and max_concurrent_calls (a bulkhead: calls beyond it are rejected at once, not counted as
// failures, and every admitted call frees its slot on every way out).
//
// Check your work with:  cblearn check 9 Breaker.swift
import Foundation

/// Thrown instead of running the operation when the breaker rejects the call.
struct CircuitOpenError: Error, CustomStringConvertible {
  enum Reason: Sendable { case open, trialsInFlight, bulkheadFull }
  var reason: Reason = .open

  var description: String {
    switch reason {
    case .open: "the circuit breaker is OPEN"
    case .trialsInFlight: "enough trial calls are in flight"
    case .bulkheadFull: "too many calls are in flight"
    }
  }
}

final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
  /// What `admit` hands to `record`.
  private struct Ticket {
    /// The generation the call was admitted in: if the state has changed since, its result is stale.
    let generation: Int
    let trial: Bool
    let started: C.Instant
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

  /// Lifetime counters; once every call has ended, calls = successes + failures + ignored + rejections.
  var metrics: [String: Int] {
    // TODO: yours to write.
    [:]
  }

  func call<T>(_ operation: () throws -> T) throws -> T {
    // TODO: yours to write.
    throw CircuitOpenError()
  }

  /// Like `call(_:)`, but when the breaker rejects the call it returns `fallback(error)` instead of
  /// throwing. Errors of the operation itself always reach the caller unchanged.
  func call<T>(_ operation: () throws -> T, fallback: (any Error) throws -> T) throws -> T {
    // TODO: yours to write.
    throw CircuitOpenError()
  }

  // MARK: Decide, run, record, announce

  private func admitAndAnnounce() throws -> Ticket {
    // TODO: yours to write.
    throw CircuitOpenError()
  }

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
  private func judge(failed: Bool, slow: Bool, at now: C.Instant) {
    // TODO: yours to write.
  }

  /// The window's verdict, made after every recorded outcome (a success included).
  private func ratesExceeded(at now: C.Instant) -> Bool {
    // TODO: yours to write.
    false
  }

  /// Changes state (lock held): a new generation, fresh counters for the new state.
  private func move(to next: BreakerState, at now: C.Instant) {
    // TODO: yours to write.
  }

  private func waitedLongEnough(_ now: C.Instant) -> Bool {
    // TODO: yours to write.
    false
  }

  /// Calls `onStateChange` for the changes noted under the lock, with the lock released, so a callback
  /// may use the breaker (read its state or metrics, even call it) without a deadlock.
  private func announce() {
    // TODO: yours to write.
  }
}
