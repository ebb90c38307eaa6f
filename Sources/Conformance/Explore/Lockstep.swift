/// Runs one sequence against a subject and the reference model in lockstep and finds the first divergence.
///
/// Where the profile leaves a choice open the model is a set of candidates: one per value of `state_read`,
/// `hung_trial`, `open_boundary` and `ignored_errors` when they are `any`, and a stale result forks a candidate once per handling the profile
/// allows (`ReferenceBreaker.staleChoices`). An observation is accepted while at least one candidate agrees;
/// candidates that disagree drop out, and candidates left in the same state are merged. Only what the profile fixes is judged: results (a
/// rejection by `rejected` or `other` alike), whether the operation ran, `running`/`completed`, the state
/// (OPEN read as HALF_OPEN once the wait is over when the read is not fixed), `is_open`, and the order of
/// events; counters only when asked.
struct Lockstep {
  let script: ExploreScript
  let compareMetrics: Bool
  /// Whether both timelines are recorded; off while searching, since formatting every reply costs more
  /// than comparing it.
  var traced = true

  /// What one replay showed.
  struct Outcome {
    var divergence: (index: Int, expected: String, observed: String)?
    var subjectTrace: [TraceEntry] = []
    var modelTrace: [TraceEntry] = []
    /// Whether the subject must be replaced before it is used again.
    var subjectSpoilt = false
    /// The most candidate models alive at once.
    var peakCandidates = 1
  }

  /// The candidate profiles for the open choices of `profile`.
  static func candidates(_ profile: Profile) -> [Profile] {
    var list = [profile]
    func expand<V>(_ key: WritableKeyPath<Profile, V>, _ isOpen: (V) -> Bool, _ values: [V]) {
      list = list.flatMap { p in
        isOpen(p[keyPath: key])
          ? values.map { v in
            var q = p; q[keyPath: key] = v; return q
          } : [p]
      }
    }
    expand(\.hungTrial, { $0 == .any }, [.blocks, .repermit])
    expand(\.stateRead, { $0 == .any }, [.lazy, .advances])
    expand(\.openBoundary, { $0 == .any }, [.inclusive, .exclusive])
    expand(\.ignoredErrors, { $0 == .any }, [.neutral, .success])
    return list
  }

  func run(on subject: any Subject) -> Outcome {
    var result = Outcome()
    let profiles = Lockstep.candidates(script.profile)
    var models = profiles.map { ReferenceSubject(profile: $0) }
    let loose = script.profile.stateRead == .any
    var inFlight: Set<String> = []
    var peakCandidates = models.count
    let create = Request.create(breaker: Session.main, config: script.config, clock: script.clock)
    do {
      _ = try subject.perform(create)
    } catch {
      result.divergence = (0, "the breaker is created", "\(error)")
      result.subjectSpoilt = true
      return result
    }
    for m in models { _ = try? m.perform(create) }
    let start = Double(script.clock)
    for (index, op) in script.ops.enumerated() {
      switch op {
      case .finish(let id) where !inFlight.contains(id): continue
      case .begin(let id, _, _) where inFlight.contains(id): continue
      default: break
      }
      let request = op.request(Session.main)
      // Every candidate's allowed replies: a stale result forks a candidate once per allowed handling.
      var forks: [(model: ReferenceSubject, reply: Reply?)] = []
      for m in models {
        if let alternatives = try? m.alternatives(request) {
          forks += alternatives.map { ($0.model, Optional($0.reply)) }
        } else {
          forks.append((m, nil))
        }
      }
      let observed: Reply
      do {
        observed = try subject.perform(request)
      } catch {
        result.subjectTrace.append(
          TraceEntry(t: models[0].clock - start, op: op.description, observed: "\(error)", state: nil, failed: true))
        result.divergence = (index, Lockstep.describe(forks[0].reply, op), "\(error)")
        result.subjectSpoilt = true
        return result
      }
      switch op {
      case .begin(let id, _, _) where observed.status == .running || observed.status == .blocked: inFlight.insert(id)
      case .finish(let id) where observed.status != .blocked: inFlight.remove(id)
      default: break
      }
      if traced {
        let t = (observed.now ?? models[0].clock) - start
        result.subjectTrace.append(
          TraceEntry(t: t, op: op.description, observed: Lockstep.describe(observed, op), state: observed.state))
      }
      let agreeing = forks.indices.filter { i in
        guard let reply = forks[i].reply else { return false }
        let due = forks[i].model.model()?.trialDue(at: forks[i].model.clock) ?? false
        return agrees(observed, reply, op, loose: loose, trialDue: due || reply.state == .halfOpen)
      }
      if traced {
        let shown = agreeing.first ?? 0
        result.modelTrace.append(
          TraceEntry(
            t: forks[shown].model.clock - start, op: op.description,
            observed: Lockstep.describe(forks[shown].reply, op), state: forks[shown].reply?.state))
      }
      if agreeing.isEmpty {
        if traced {
          result.subjectTrace[result.subjectTrace.count - 1].failed = true
          result.modelTrace[result.modelTrace.count - 1].failed = true
        }
        result.divergence = (index, Lockstep.describe(forks[0].reply, op), Lockstep.describe(observed, op))
        break
      }
      // Candidates that agree and hold the same state would answer alike from now on: keep one of each.
      models = []
      for i in agreeing where !models.contains(where: { $0.sameState(as: forks[i].model) }) {
        models.append(forks[i].model)
      }
      peakCandidates = max(peakCandidates, models.count)
    }
    result.peakCandidates = peakCandidates
    for id in inFlight.sorted() {
      guard let reply = try? subject.perform(.finish(call: id)), reply.status != .blocked else {
        result.subjectSpoilt = true
        break
      }
    }
    return result
  }

  /// Whether the subject's reply agrees with a candidate's on what the profile fixes.
  private func agrees(_ s: Reply, _ m: Reply, _ op: ExploreOp, loose: Bool, trialDue: Bool) -> Bool {
    func sameState(_ a: BreakerState?, _ b: BreakerState?) -> Bool {
      guard let a, let b else { return true }
      return a == b || (loose && trialDue && b == .open && a == .halfOpen)
    }
    switch op {
    case .call, .begin, .finish:
      if s.status == .blocked { return false }
      if (s.status == .running) != (m.status == .running) { return false }
      // `begin` answers `running` without `invoked` (the operation was entered, so it ran).
      if let si = s.invoked, let mi = m.invoked, si != mi { return false }
      if Lockstep.kind(s.result, s.invoked) != Lockstep.kind(m.result, m.invoked) { return false }
      return sameState(s.state, m.state)
    case .advance:
      return true
    case .state:
      return sameState(s.state, m.state)
    case .isOpen:
      return s.isOpen == m.isOpen
    case .events:
      return (s.events ?? []).map(\.description) == (m.events ?? []).map(\.description)
    case .metrics:
      guard compareMetrics else { return true }
      return ["successes", "failures", "ignored", "rejections"].allSatisfy { s.metrics?[$0] == m.metrics?[$0] }
    }
  }

  /// A result with rejections and breaker errors folded together.
  static func kind(_ result: CallResult?, _ invoked: Bool?) -> String {
    guard let result else { return "-" }
    if result == .rejected || result == .other { return invoked == true ? "breaker-error" : "rejected" }
    return result.rawValue
  }

  /// What a reply shows for an operation, in the words of a trace.
  static func describe(_ reply: Reply?, _ op: ExploreOp) -> String {
    guard let reply else { return "no reply" }
    switch op {
    case .call, .begin, .finish:
      var text = reply.status == .running ? "running" : (reply.status == .blocked ? "blocked" : "")
      if let result = reply.result {
        text = result.rawValue + ((reply.invoked ?? true) ? " (invoked)" : " (not invoked)")
      }
      return (text.isEmpty ? "-" : text) + (reply.state.map { ", \($0)" } ?? "")
    case .advance: return "now=\(formatNumber(reply.now ?? 0))"
    case .state: return reply.state?.rawValue ?? "unknown"
    case .isOpen: return reply.isOpen.map { String($0) } ?? "unknown"
    case .events: return (reply.events ?? []).map(\.description).joined(separator: ", ")
    case .metrics:
      let m = reply.metrics ?? [:]
      return m.keys.sorted().map { "\($0)=\(formatNumber(m[$0]!))" }.joined(separator: " ")
    }
  }
}
