/// An executable specification of a breaker under a profile: what a correct subject does, step by step.
///
/// It is a pure state machine over virtual time with no threads: `admit` decides at the moment a call
/// starts, `complete` records its outcome when it ends. Results of calls admitted in an earlier
/// generation (before a state change) are stale and handled by the profile's `stale_results`.
public struct ReferenceBreaker: Sendable {
  public let config: BreakerConfig
  public let profile: Profile
  public private(set) var state: BreakerState = .closed
  public private(set) var transitions: [Transition] = []
  public private(set) var counters: [String: Double] = [
    "calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0,
  ]
  private var consecutiveFailures = 0
  private var openedAt = 0.0
  private var trialsInFlight = 0
  private var trialSuccesses = 0
  private var generation = 0

  /// A ticket for an admitted call.
  public struct Ticket: Sendable, Equatable {
    let generation: Int
    let trial: Bool
  }

  public init(config: BreakerConfig, profile: Profile) {
    self.config = config
    self.profile = profile
  }

  private func elapsed(_ now: Double) -> Bool {
    profile.openBoundary == .inclusive
      ? now - openedAt >= config.recoveryTimeout : now - openedAt > config.recoveryTimeout
  }

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
    case .closed:
      consecutiveFailures = 0
    }
  }

  /// Decides whether a call starting at `now` runs; `nil` means rejected.
  public mutating func admit(at now: Double) -> Ticket? {
    counters["calls", default: 0] += 1
    if state == .open {
      if elapsed(now) { move(to: .halfOpen, at: now) } else {
        counters["rejections", default: 0] += 1
        return nil
      }
    }
    if state == .halfOpen {
      if profile.halfOpenAdmission == .limited, trialsInFlight >= (config.halfOpenMaxCalls ?? 1) {
        counters["rejections", default: 0] += 1
        return nil
      }
      trialsInFlight += 1
      return Ticket(generation: generation, trial: true)
    }
    return Ticket(generation: generation, trial: false)
  }

  /// Records the outcome of an admitted call that ends at `now`.
  public mutating func complete(_ ticket: Ticket, _ outcome: Outcome, at now: Double) {
    switch outcome {
    case .success: counters["successes", default: 0] += 1
    case .failure: counters["failures", default: 0] += 1
    case .ignored: counters["ignored", default: 0] += 1
    }
    let stale = ticket.generation != generation
    if ticket.trial, !stale { trialsInFlight -= 1 }
    if stale, profile.staleResults != .count { return }
    let counted: Outcome? =
      switch outcome {
      case .success: .success
      case .failure: .failure
      case .ignored: profile.ignoredErrors == .success ? .success : nil
      }
    guard let counted else { return }
    switch (state, counted) {
    case (.closed, .success):
      consecutiveFailures = 0
    case (.closed, _):
      consecutiveFailures += 1
      if consecutiveFailures >= config.failureThreshold { move(to: .open, at: now) }
    case (.halfOpen, .success):
      trialSuccesses += 1
      if trialSuccesses >= config.trialsToClose { move(to: .closed, at: now) }
    case (.halfOpen, _):
      move(to: .open, at: now)
    case (.open, _):
      break  // A late result never closes an OPEN breaker nor re-arms its wait.
    }
  }

  /// The state as a read reports it at `now` (a lazy breaker still says OPEN after the timeout).
  public mutating func read(at now: Double) -> BreakerState {
    if state == .open, profile.stateRead == .advances, elapsed(now) { move(to: .halfOpen, at: now) }
    return state
  }

  /// The fail-fast query: OPEN and still inside the wait.
  public func isOpen(at now: Double) -> Bool { state == .open && !elapsed(now) }
}
