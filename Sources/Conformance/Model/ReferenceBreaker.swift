/// An executable specification of a breaker under a profile: what a correct subject does, step by step.
///
/// It is a pure state machine over virtual time with no threads: `admit` decides at the moment a call
/// starts, `complete` records its outcome when it ends. Results of calls admitted in an earlier
/// generation (before a state change) are stale: `staleChoices` lists what the profile's `stale_results`
/// allows for one of them (`docs/profiles.md`), and `complete` applies the choice it is given, so explore
/// mode can follow whichever allowed behaviour the breaker under test shows.
public struct ReferenceBreaker: Sendable, Equatable {
  public let config: BreakerConfig
  public let profile: Profile
  public private(set) var state: BreakerState = .closed
  /// Every state change, in order.
  public private(set) var transitions: [Transition] = []
  /// Lifetime counters, as the `metrics` operation reports them.
  public private(set) var counters: [String: Double] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "slow_calls": 0,
  ]
  private var consecutiveFailures = 0
  private var openedAt = 0.0
  private var permitsGrantedAt = 0.0
  private var trialsInFlight = 0
  private var trialSuccesses = 0
  private var callsInFlight = 0
  private var generation = 0
  private var permitEpoch = 0
  private var window: OutcomeWindow?

  /// What a stale result does (see `staleChoices`).
  public enum StaleChoice: Sendable, Equatable {
    /// It changes nothing.
    case discard
    /// It counts in the current state like a fresh result; OPEN ignores it.
    case count
    /// It counts, and while OPEN a failure re-arms the wait (the tutorial's breaker).
    case rearm
    /// It counts, and while OPEN a success closes the breaker (the tutorial's breaker).
    case close
  }

  /// A ticket for an admitted call.
  public struct Ticket: Sendable, Equatable {
    let generation: Int
    let epoch: Int
    let trial: Bool
    /// Virtual time at which the call was admitted.
    public let start: Double
  }

  public init(config: BreakerConfig, profile: Profile) {
    self.config = config
    self.profile = profile
    if profile.tripRule == .rate, let w = config.window { window = OutcomeWindow(kind: w.kind, size: w.size) }
  }

  /// Whether the wait from `start` is over at `now`. Under `open_boundary: any` the model is exclusive;
  /// explore replaces it by one candidate per boundary (`Lockstep.candidates`).
  private func waited(since start: Double, _ now: Double) -> Bool {
    profile.openBoundary == .inclusive
      ? now - start >= config.recoveryTimeout : now - start > config.recoveryTimeout
  }

  /// Whether the breaker is OPEN and its wait is over: the next call would be admitted as a trial.
  public func trialDue(at now: Double) -> Bool { state == .open && waited(since: openedAt, now) }

  /// The outcomes in the rate window (`trip_rule: rate`), oldest first.
  public var windowEntries: [OutcomeWindow.Entry] { window?.entries ?? [] }

  /// Trial successes of the current HALF_OPEN period.
  public var trialSuccessCount: Int { state == .halfOpen ? trialSuccesses : 0 }

  /// Virtual time at which the breaker last opened.
  public var lastOpenedAt: Double? { state == .open ? openedAt : nil }

  private mutating func move(to next: BreakerState, at now: Double) {
    guard next != state else { return }
    transitions.append(Transition(from: state, to: next, at: now))
    state = next
    generation += 1
    switch next {
    case .open:
      openedAt = now
    case .halfOpen:
      trialsInFlight = 0
      trialSuccesses = 0
      permitsGrantedAt = now
      permitEpoch += 1
    case .closed:
      consecutiveFailures = 0
      window?.clear()
    }
  }

  private mutating func reject() -> Ticket? {
    counters["rejections", default: 0] += 1
    return nil
  }

  /// Decides whether a call starting at `now` runs; `nil` means rejected (by the bulkhead or the breaker).
  public mutating func admit(at now: Double) -> Ticket? {
    counters["calls", default: 0] += 1
    if let limit = config.maxConcurrentCalls, callsInFlight >= limit { return reject() }
    if state == .open {
      guard waited(since: openedAt, now) else { return reject() }
      move(to: .halfOpen, at: now)
    }
    var trial = false
    if state == .halfOpen {
      trial = true
      if profile.halfOpenAdmission == .limited, trialsInFlight >= max(1, config.halfOpenMaxCalls ?? 1) {
        guard profile.hungTrial == .repermit, waited(since: permitsGrantedAt, now) else { return reject() }
        trialsInFlight = 0
        permitsGrantedAt = now
        permitEpoch += 1
      }
      trialsInFlight += 1
    }
    callsInFlight += 1
    return Ticket(generation: generation, epoch: permitEpoch, trial: trial, start: now)
  }

  /// Whether a call lasting `duration` seconds is slow (strictly longer than `slow_call_duration`).
  public func isSlow(_ duration: Double) -> Bool {
    guard let limit = config.slowCallDuration else { return false }
    return duration > limit
  }

  /// Whether the result of `ticket` would be stale: the state changed since the call was admitted.
  public func isStale(_ ticket: Ticket) -> Bool { ticket.generation != generation }

  /// What a result of `ticket` with `outcome` may do, the first being the default.
  ///
  /// A fresh result has one choice. A stale one: `discard` ignores it, except that a stale result arriving
  /// in CLOSED may also be counted (the step-5 rules forbid what a stale result does in OPEN and HALF_OPEN;
  /// a breaker that only tags trial calls counts it in CLOSED); `count` counts it, OPEN ignoring it;
  /// `any` allows each of these, and while OPEN also the tutorial's handling (a failure re-arms the wait, a
  /// success closes).
  public func staleChoices(_ ticket: Ticket, _ outcome: Outcome) -> [StaleChoice] {
    guard isStale(ticket) else { return [.count] }
    let counted: Bool
    switch outcome {
    case .success, .failure: counted = true
    case .ignored: counted = profile.ignoredErrors == .success
    case .fatal: counted = false
    }
    guard counted else { return [.discard] }
    switch profile.staleResults {
    case .count: return [.count]
    case .discard: return state == .closed ? [.discard, .count] : [.discard]
    case .any:
      guard state == .open else { return [.discard, .count] }
      return [.discard, outcome == .failure ? .rearm : .close]
    }
  }

  /// Records the outcome of an admitted call that ends at `now`, a stale result handled by the first of
  /// `staleChoices`.
  public mutating func complete(_ ticket: Ticket, _ outcome: Outcome, at now: Double) {
    complete(ticket, outcome, at: now, choice: staleChoices(ticket, outcome)[0])
  }

  /// Records the outcome of an admitted call that ends at `now`; a stale result is handled by `choice`.
  public mutating func complete(_ ticket: Ticket, _ outcome: Outcome, at now: Double, choice: StaleChoice) {
    callsInFlight -= 1
    switch outcome {
    case .success: counters["successes", default: 0] += 1
    case .failure: counters["failures", default: 0] += 1
    case .ignored, .fatal: counters["ignored", default: 0] += 1
    }
    let slow = isSlow(now - ticket.start)
    if slow { counters["slow_calls", default: 0] += 1 }
    let stale = ticket.generation != generation
    if ticket.trial, !stale, ticket.epoch == permitEpoch { trialsInFlight -= 1 }
    if stale, choice == .discard { return }
    let failed: Bool
    switch outcome {
    case .success: failed = false
    case .failure: failed = true
    case .ignored:
      guard profile.ignoredErrors == .success else { return }
      failed = false
    case .fatal:
      return  // Neither counted nor a success: only the permit and the bulkhead slot come back.
    }
    switch state {
    case .closed:
      record(failed: failed, slow: slow, at: now)
    case .halfOpen:
      if failed || (slow && config.slowCallRateThreshold != nil) {
        move(to: .open, at: now)
      } else {
        trialSuccesses += 1
        if trialSuccesses >= config.trialsToClose { move(to: .closed, at: now) }
      }
    case .open:
      // Only the tutorial's handling, allowed by `stale_results: any`, lets a late result act while OPEN.
      if choice == .rearm, failed {
        openedAt = now
      } else if choice == .close, !failed {
        move(to: .closed, at: now)
      }
    }
  }

  private mutating func record(failed: Bool, slow: Bool, at now: Double) {
    guard var window, let w = config.window else {
      if failed {
        consecutiveFailures += 1
        if consecutiveFailures >= config.failureThreshold { move(to: .open, at: now) }
      } else {
        consecutiveFailures = 0
      }
      return
    }
    window.add(failed: failed, slow: slow, at: now)
    let evaluate = profile.tripEvaluation == .everyOutcome || failed || slow
    let trips =
      evaluate
      && window.exceeds(
        at: now, minimumCalls: w.minimumCalls, failureRate: w.failureRateThreshold,
        slowRate: config.slowCallRateThreshold, comparison: profile.rateComparison)
    self.window = window
    if trips { move(to: .open, at: now) }
  }

  /// The state as a read reports it at `now` (a lazy breaker still says OPEN after the timeout).
  public mutating func read(at now: Double) -> BreakerState {
    if profile.stateRead == .advances, trialDue(at: now) { move(to: .halfOpen, at: now) }
    return state
  }

  /// The fail-fast query: OPEN and still inside the wait.
  public func isOpen(at now: Double) -> Bool { state == .open && !waited(since: openedAt, now) }
}
