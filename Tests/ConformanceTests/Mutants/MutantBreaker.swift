@testable import Conformance

/// A copy of `ReferenceBreaker` with exactly one bug switched on (or none, to prove the copy is faithful).
struct MutantBreaker {
  let config: BreakerConfig
  let profile: Profile
  let bug: Bug?
  private(set) var state: BreakerState = .closed
  private(set) var transitions: [Transition] = []
  private(set) var counters: [String: Double] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "slow_calls": 0,
  ]
  private var consecutiveFailures = 0
  private var lastFailureAt = 0.0
  private var streakStartedAt = 0.0
  private var openedAt = 0.0
  private var permitsGrantedAt = 0.0
  private var trialsInFlight = 0
  private var trialSuccesses = 0
  private var callsInFlight = 0
  private var leakedSlots = 0
  private var generation = 0
  private var permitEpoch = 0
  private var stuck = false
  private var window: [(at: Double, failed: Bool, slow: Bool)] = []
  /// Set when a raising listener aborted a state change (bug `listener-error-breaks-breaker`).
  var listenerRaised = false

  struct Ticket {
    let generation: Int
    let epoch: Int
    let trial: Bool
    let start: Double
  }

  init(config: BreakerConfig, profile: Profile, bug: Bug?) {
    self.config = config
    self.profile = profile
    self.bug = bug
  }

  private var rateBased: Bool { profile.tripRule == .rate && config.window != nil }

  private func waited(since start: Double, _ now: Double) -> Bool {
    let inclusive = profile.openBoundary == .inclusive && bug != .exclusiveBoundary
    return inclusive ? now - start >= config.recoveryTimeout : now - start > config.recoveryTimeout
  }

  func trialDue(at now: Double) -> Bool { state == .open && waited(since: openedAt, now) && bug != .neverHalfOpens }

  private mutating func move(to next: BreakerState, at now: Double) {
    guard next != state else { return }
    if bug == .listenerErrorBreaksBreaker, config.listener == .raise {
      listenerRaised = true
      return
    }
    let t = Transition(from: state, to: next, at: now)
    if !(bug == .missingCloseEvent && next == .closed) { transitions.append(t) }
    if bug == .duplicateEvents { transitions.append(t) }
    state = next
    generation += 1
    switch next {
    case .open:
      openedAt = bug == .waitFromFirstFailure && consecutiveFailures > 0 ? streakStartedAt : now
    case .halfOpen:
      if bug != .permitsNotResetEachCycle { trialsInFlight = 0 }
      if bug != .successCountCarriedOver { trialSuccesses = 0 }
      permitsGrantedAt = now
      permitEpoch += 1
    case .closed:
      if bug != .countKeptOnClose { consecutiveFailures = 0 }
      if bug != .windowNotEmptiedOnClose { window.removeAll() }
    }
  }

  private mutating func reject(at now: Double) -> Ticket? {
    counters["rejections", default: 0] += 1
    if bug == .rejectionsRearmWait, state == .open { openedAt = now }
    if bug == .rejectionsCountedAsFailures {
      counters["failures", default: 0] += 1
      if state == .halfOpen { move(to: .open, at: now) }
    }
    return nil
  }

  mutating func admit(at now: Double, viaBegin: Bool = false) -> Ticket? {
    counters["calls", default: 0] += 1
    if bug == .bulkheadLeaksOnRejection, config.maxConcurrentCalls != nil, state == .open, !trialDue(at: now) {
      leakedSlots += 1
    }
    if let limit = config.maxConcurrentCalls, bug != .bulkheadIgnored, callsInFlight + leakedSlots >= limit {
      return reject(at: now)
    }
    if stuck { return reject(at: now) }
    if state == .open {
      if bug == .openStillInvokes || (bug == .beginBypassesBreaker && viaBegin) {
        callsInFlight += 1
        return Ticket(generation: generation, epoch: permitEpoch, trial: false, start: now)
      }
      guard trialDue(at: now) else { return reject(at: now) }
      move(to: .halfOpen, at: now)
    }
    var trial = false
    if state == .halfOpen {
      trial = true
      let limited = profile.halfOpenAdmission == .limited && bug != .unlimitedTrials
      if limited, trialsInFlight >= max(1, config.halfOpenMaxCalls ?? 1) {
        let repermit = profile.hungTrial == .repermit || bug == .hungTrialRepermits
        guard repermit, waited(since: permitsGrantedAt, now) else { return reject(at: now) }
        trialsInFlight = 0
        permitsGrantedAt = now
        permitEpoch += 1
      }
      trialsInFlight += 1
    }
    callsInFlight += 1
    return Ticket(generation: generation, epoch: permitEpoch, trial: trial, start: now)
  }

  func isSlow(_ duration: Double) -> Bool {
    guard let limit = config.slowCallDuration else { return false }
    return bug == .slowAtThreshold ? duration >= limit : duration > limit
  }

  mutating func complete(_ ticket: Ticket, _ outcome: Outcome, at now: Double, fallbackUsed: Bool = false) {
    callsInFlight -= 1
    if bug == .bulkheadLeaksOnError, outcome != .success { leakedSlots += 1 }
    switch outcome {
    case .success: counters["successes", default: 0] += 1
    case .failure: counters["failures", default: 0] += 1
    case .ignored, .fatal: counters["ignored", default: 0] += 1
    }
    let slow = isSlow(now - ticket.start)
    if slow { counters["slow_calls", default: 0] += 1 }
    let stale = ticket.generation != generation
    if ticket.trial, !stale, ticket.epoch == permitEpoch { trialsInFlight -= 1 }
    if stale, bug == .staleResultAddsPermit, state == .halfOpen { trialsInFlight -= 1 }
    if state == .open, stale {
      if bug == .lateSuccessClosesOpen, outcome == .success { move(to: .closed, at: now) }
      if bug == .lateFailureRearmsWait, outcome == .failure { openedAt = now }
    }
    let previousTrial = bug == .previousPeriodTrialCounted && ticket.trial && state == .halfOpen
    if stale, profile.staleResults != .count, bug != .staleResultsCounted, !previousTrial { return }
    var failed: Bool
    switch outcome {
    case .success: failed = false
    case .failure: failed = true
    case .fatal:
      if state == .halfOpen, ticket.trial, bug == .fatalTrialStuck { stuck = true }
      return
    case .ignored:
      if bug == .ignoredCountedAsFailure {
        failed = true
      } else if bug == .ignoredInWindowAsSuccess, rateBased, state == .closed {
        failed = false
      } else if profile.ignoredErrors == .success {
        failed = false
      } else {
        if state == .halfOpen, ticket.trial, bug == .ignoredTrialStuck { stuck = true }
        if state == .halfOpen, bug == .ignoredResetsTrialStreak { trialSuccesses = 0 }
        return
      }
    }
    var slowCounted = slow
    if slow, failed, bug == .slowFailureOnlyFailed { slowCounted = false }
    if slow, failed, bug == .slowFailureOnlySlow { failed = false }
    switch state {
    case .closed:
      record(failed: failed, slow: slowCounted, at: now)
      if failed, bug == .fallbackFailureCountedTwice, fallbackUsed, state == .closed {
        record(failed: true, slow: false, at: now)
      }
    case .halfOpen:
      let slowFails = slow && config.slowCallRateThreshold != nil && bug != .slowTrialCloses
      if failed || slowFails {
        let keep = openedAt
        move(to: .open, at: now)
        if bug == .trialFailureKeepsWait { openedAt = keep }
      } else {
        trialSuccesses += 1
        let need = bug == .closesOnFirstSuccess ? 1 : config.trialsToClose
        if trialSuccesses >= need { move(to: .closed, at: now) }
      }
    case .open:
      if bug == .openStillInvokes, !failed, !stale { move(to: .closed, at: now) }
    }
  }

  private mutating func record(failed: Bool, slow: Bool, at now: Double) {
    guard rateBased, let w = config.window else {
      if failed {
        if bug == .failuresExpire, consecutiveFailures > 0, now - lastFailureAt > config.recoveryTimeout {
          consecutiveFailures = 0
        }
        if consecutiveFailures == 0 { streakStartedAt = now }
        consecutiveFailures += 1
        lastFailureAt = now
        let trips =
          bug == .gtForGe
          ? consecutiveFailures > config.failureThreshold : consecutiveFailures >= config.failureThreshold
        if trips { move(to: .open, at: now) }
      } else if bug != .noResetOnSuccess {
        consecutiveFailures = 0
      }
      return
    }
    window.append((now, failed, slow))
    evict(w, at: now)
    let evaluate = profile.tripEvaluation == .everyOutcome || failed || slow
    if evaluate, exceeds(w) { move(to: .open, at: now) }
  }

  private mutating func evict(_ w: BreakerConfig.Window, at now: Double) {
    switch w.kind {
    case .count:
      let limit = max(1, Int(w.size))
      if bug != .countWindowNeverSlides, window.count > limit { window.removeFirst(window.count - limit) }
    case .time:
      if bug == .timeWindowNeverEvicts { return }
      if bug == .timeWindowInclusiveEdge {
        window.removeAll { $0.at < now - w.size }
      } else {
        window.removeAll { $0.at <= now - w.size }
      }
    }
  }

  private func exceeds(_ w: BreakerConfig.Window) -> Bool {
    let total = window.count
    let minimum = bug == .noMinimumCalls ? 1 : OutcomeWindow(kind: w.kind, size: w.size).minimum(w.minimumCalls)
    guard total >= minimum else { return false }
    let ge = profile.rateComparison == .ge && bug != .rateGtForGe
    func over(_ count: Int, _ threshold: Double) -> Bool {
      let rate = Double(count) * 100 / Double(total)
      return ge ? rate >= threshold : rate > threshold
    }
    if over(window.filter(\.failed).count, w.failureRateThreshold) { return true }
    if let s = config.slowCallRateThreshold, over(window.filter(\.slow).count, s) { return true }
    return false
  }

  /// The state as a read reports it; `query` is an explicit status query (the `state` or `is_open` op).
  mutating func read(at now: Double, query: Bool = false) -> BreakerState {
    if query, bug == .statusQueryTakesPermit, trialDue(at: now) || state == .halfOpen {
      if state == .open { move(to: .halfOpen, at: now) }
      trialsInFlight += 1
    }
    if profile.stateRead == .advances, trialDue(at: now) { move(to: .halfOpen, at: now) }
    return state
  }

  mutating func isOpen(at now: Double) -> Bool {
    if bug == .isOpenRearmsWait, state == .open { openedAt = now }
    if bug == .isOpenIgnoresTimeout { return state == .open }
    return state == .open && !waited(since: openedAt, now)
  }
}
