/// Generates random operation sequences from a seed, steered by the reference model toward boundaries.
///
/// Times are multiples of 1/8 s so that the subject's clock arithmetic is exact, and often fractional:
/// call durations, clock jumps that land exactly on, just before or just after the end of the open wait or
/// the moment an outcome leaves a time window. In HALF_OPEN the generator keeps trials in flight, mixes in
/// uncounted errors, and lets a further wait pass, so trials cross into the next period or outlive a close.
struct SequenceGenerator {
  let profile: Profile
  let config: BreakerConfig
  let features: Set<String>
  let length: Int
  let compareMetrics: Bool
  /// Whether calls may overlap (see `Explorer.overlapping`).
  var overlapping = true

  private static let ids = ["A", "B", "C", "D", "E", "F"]

  /// A sequence of `length` operations, followed by `finish` for every call still in flight and an `events` read.
  func generate(clock: Int64, using rng: inout SeededRandom) -> [ExploreOp] {
    let model = ReferenceSubject(profile: Lockstep.candidates(profile)[0])
    _ = try? model.perform(.create(breaker: Session.main, config: config, clock: clock))
    var ops: [ExploreOp] = []
    var inFlight: [String] = []
    // A breaker that holds a lock during the call (serializes_calls) is never given overlapping calls.
    let concurrency = overlapping && features.contains("concurrency") && !profile.serializesCalls
    let reads = features.contains("is_open") && profile.exposesIsOpen
    let metrics = compareMetrics && features.contains("metrics")
    // Each run has its own temper: mostly healthy, flaky, or mostly down.
    let failing = [4, 10, 16].randomElement(using: &rng)!
    while ops.count < length {
      let roll = Int.random(in: 0..<100, using: &rng)
      let breaker = model.model()
      let due = breaker?.trialDue(at: model.clock) ?? false
      let halfOpen = breaker?.state == .halfOpen
      let trialWins = halfOpen ? breaker?.trialSuccessCount : nil
      let waiting = breaker?.state == .open && !due
      // More overlapping calls around HALF_OPEN, where trials race each other and outlive their period;
      // while OPEN, calls in flight are mostly held so that they end in a later state.
      let beginShare = halfOpen || due ? 30 : (waiting ? 4 : 16)
      // A call admitted before the last state change, once the breaker is past the wait: let it end now,
      // in a new HALF_OPEN period or after the close, where a breaker may wrongly count it.
      let stale = breaker?.state == .open ? nil : inFlight.first { model.isStale(call: $0) }
      let finishShare = waiting ? 5 : (stale == nil ? 14 : 24)
      var op: ExploreOp
      if due, roll % 3 == 0 {
        // The wait is over and no call has come: what do the reads say?
        op = reads && roll % 2 == 0 ? .isOpen : .state
      } else if concurrency, roll < beginShare, inFlight.count < 4 {
        let id = Self.ids.first { !inFlight.contains($0) } ?? "A"
        op = .begin(id, outcome(failing, halfOpen: trialWins, &rng), fallback: fallback(&rng))
      } else if concurrency, roll < beginShare + finishShare, let id = inFlight.randomElement(using: &rng) {
        op = .finish(stale.map { roll % 2 == 0 ? $0 : id } ?? id)
      } else if roll < (halfOpen ? 75 : 62) {
        // In HALF_OPEN, calls rather than clock jumps: the trials decide the period.
        op = .call(outcome(failing, halfOpen: trialWins, &rng), duration: duration(&rng), fallback: fallback(&rng))
      } else if roll < 85 {
        op = .advance(advance(model, &rng))
      } else if metrics, roll < 88 {
        op = .metrics
      } else if roll < 95 || !reads {
        op = .state
      } else {
        op = .isOpen
      }
      if let reply = try? model.perform(op.request(Session.main)) {
        switch op {
        case .begin(let id, _, _) where reply.status == .running: inFlight.append(id)
        case .finish(let id): inFlight.removeAll { $0 == id }
        default: break
        }
      }
      ops.append(op)
    }
    ops += inFlight.map { .finish($0) }
    if profile.reportsEvents, features.contains("events") { ops.append(.events) }
    if metrics { ops.append(.metrics) }
    return ops
  }

  /// An outcome that is a failure `failing` times in 20 and an uncounted error once in 20; in HALF_OPEN
  /// (whatever the temper) a failure 5 times in 20 and an uncounted error 3 times, 6 once a trial has
  /// succeeded (an uncounted error between trial successes must not break the streak).
  private func outcome(_ failing: Int, halfOpen: Int?, _ rng: inout SeededRandom) -> Outcome {
    let roll = Int.random(in: 0..<20, using: &rng)
    let (failures, ignored) = halfOpen.map { $0 > 0 ? (5, 6) : (5, 3) } ?? (failing, 1)
    return roll < failures ? .failure : (roll < 20 - ignored ? .success : .ignored)
  }

  private func fallback(_ rng: inout SeededRandom) -> Bool {
    profile.fallbackOn != .none && features.contains("fallback") && Int.random(in: 0..<4, using: &rng) == 0
  }

  /// How long a call lasts: often zero, often a fraction of a second, around `slow_call_duration` when set.
  private func duration(_ rng: inout SeededRandom) -> Double {
    if let slow = config.slowCallDuration, Int.random(in: 0..<3, using: &rng) == 0 {
      let base = (slow * 8).rounded() / 8
      return [base, base + 0.125, max(0, base - 0.125), base * 2].randomElement(using: &rng)!
    }
    return [0, 0, 0, 0.125, 0.375, 0.5, 1.25, 2.625].randomElement(using: &rng)!
  }

  private func advance(_ model: ReferenceSubject, _ rng: inout SeededRandom) -> Double {
    let w = config.recoveryTimeout
    var choices: [Double] = [0.125, 0.375, 0.5, 1, 1.625, 5, w / 2, w, w * 2]
    if let b = model.model(), let opened = b.lastOpenedAt {
      let remaining = opened + w - model.clock
      if remaining > 0.125 {
        choices = [0.375, 1.25, remaining / 2, remaining, remaining, remaining, remaining - 0.125, remaining + 0.125]
      }
    }
    // A further wait in HALF_OPEN: hung trials, and trials that finish after a reopen and a fresh wait.
    if model.model()?.state == .halfOpen { choices += [w, w, w + 0.125, w - 0.125] }
    if let window = config.window, window.kind == .time {
      choices += [window.size, window.size / 2]
      // The moment the oldest recorded outcome leaves the window, and just before it.
      if let oldest = model.model()?.windowEntries.first {
        let leaves = oldest.at + window.size - model.clock
        if leaves > 0.125 { choices += [leaves, leaves, leaves - 0.125] }
      }
    }
    let pick = choices.randomElement(using: &rng)!
    return max(0.125, (pick * 8).rounded() / 8)
  }
}
