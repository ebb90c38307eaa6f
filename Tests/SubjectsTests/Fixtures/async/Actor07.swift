// Async reference solution for step 7: a breaker that reports its state changes and keeps metrics, as an
// actor.
//
// The same rules as exercises/07-observability/solution/Breaker.swift: everything of steps 3 to 6, plus
// `configuration.onStateChange(old, new)`, called once per real transition and in order, and `metrics`,
// counters that add up.
//
// The shape of every call: decide on the actor (`admit`), `await` the operation off it, record the outcome on
// the actor again (`record`), then announce the state changes off the actor (`announce`). The listener runs off
// the actor because it may use the breaker: its own `await breaker.state` would wait behind the listener.
// While a call is suspended in its operation, other calls run on the actor and may move the state on: a
// ticket carries the generation the call was admitted in, and a result of a past generation is stale.

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

  /// State changes not yet announced, oldest first.
  typealias Changes = [(BreakerState, BreakerState)]

  private let configuration: BreakerConfiguration
  private let clock: C
  private var current: BreakerState = .closed
  private var generation = 0
  private var openedAt: C.Instant?
  private var failures = 0
  private var trialsInFlight = 0
  private var trialSuccesses = 0
  private var pending: Changes = []
  private var counters: [String: Int] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "transitions": 0,
  ]

  init(configuration: BreakerConfiguration, clock: C) {
    self.configuration = configuration
    self.clock = clock
  }

  var state: BreakerState { current }

  /// True only while OPEN and still inside the recovery timeout; asking changes nothing.
  var isOpen: Bool { current == .open && !waitedLongEnough(clock.now) }

  /// Lifetime counters; once every call has ended, calls = successes + failures + ignored + rejections.
  var metrics: [String: Int] { counters }

  func call<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
    try await run(operation, try await admitAndAnnounce())
  }

  /// Like `call(_:)`, but when the breaker rejects the call it returns `fallback(error)` instead of
  /// throwing. Errors of the operation itself always reach the caller unchanged.
  func call<T: Sendable>(
    _ operation: @Sendable () async throws -> T, fallback: @Sendable (any Error) async throws -> T
  ) async throws -> T {
    let ticket: Ticket
    do {
      ticket = try await admitAndAnnounce()
    } catch {
      return try await fallback(error)  // off the actor; a fallback's result or error changes nothing
    }
    return try await run(operation, ticket)
  }

  // MARK: Decide, run, record, announce

  /// Admits or rejects the call, and announces OPEN → HALF_OPEN before the trial runs.
  private func admitAndAnnounce() async throws -> Ticket {
    let admission = Result { try admit() }
    await announcePending()
    return try admission.get()
  }

  /// Runs an admitted call: the actor is free while the operation runs.
  private func run<T: Sendable>(_ operation: @Sendable () async throws -> T, _ ticket: Ticket) async throws -> T {
    let value: T
    do {
      value = try await operation()  // leaves the actor: other calls may change the state meanwhile
    } catch {
      record(ticket, configuration.isFailure(error) ? .failure : .uncounted)
      await announcePending()
      throw error
    }
    record(ticket, .success)
    await announcePending()
    return value
  }

  /// Decides whether a call runs; no `await` inside, so nothing interleaves.
  private func admit() throws -> Ticket {
    let now = clock.now
    counters["calls", default: 0] += 1
    if current == .open {
      guard waitedLongEnough(now) else {
        counters["rejections", default: 0] += 1  // a rejection is not a failure
        throw CircuitOpenError(reason: .open)
      }
      move(to: .halfOpen, at: now)
    }
    let trial = current == .halfOpen
    if trial {
      guard trialsInFlight < configuration.halfOpenMaxCalls else {
        counters["rejections", default: 0] += 1
        throw CircuitOpenError(reason: .trialsInFlight)
      }
      trialsInFlight += 1
    }
    return Ticket(generation: generation, trial: trial)
  }

  /// Counts an outcome, and judges it unless the state has moved on since the call was admitted.
  private func record(_ ticket: Ticket, _ outcome: Outcome) {
    switch outcome {
    case .success: counters["successes", default: 0] += 1
    case .failure: counters["failures", default: 0] += 1
    case .uncounted: counters["ignored", default: 0] += 1
    }
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

  /// Changes state: a new generation, fresh counters for the new state, a change to announce.
  private func move(to next: BreakerState, at now: C.Instant) {
    guard next != current else { return }
    pending.append((current, next))
    current = next
    generation += 1
    counters["transitions", default: 0] += 1
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

  /// Announces the changes not yet announced, each once; no hop off the actor when there are none.
  private func announcePending() async {
    guard !pending.isEmpty else { return }
    let changes = pending
    pending.removeAll()
    await announce(changes)
  }

  /// Calls `onStateChange` off the actor (`@concurrent`), so a listener may use the breaker (await its state or
  /// metrics, even call it) without waiting for itself.
  @concurrent
  private nonisolated func announce(_ changes: Changes) async {
    guard let hook = configuration.onStateChange else { return }
    for (old, new) in changes { hook(old, new) }
  }
}
