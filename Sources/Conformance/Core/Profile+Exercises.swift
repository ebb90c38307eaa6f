/// The profile and configuration each breaker exercise of the path fixes (steps 3 to 9).
///
/// Exercise manifests (`exercises/NN-slug/exercise.yaml`) repeat these values; `docs/profiles.md` explains
/// them. Each step keeps the choices of the steps before it.
extension Profile {
  /// The profile of the breaker exercise of `step` (the tutorial's before step 3, the last one after 9).
  public static func exercise(step: Int) -> Profile {
    var p = Profile()
    p.openBoundary = .inclusive
    p.stateRead = .any
    if step >= 4 { p.exposesIsOpen = true }
    if step >= 5 {
      p.halfOpenAdmission = .limited
      p.hungTrial = .blocks
      p.serializesCalls = false
    }
    if step >= 6 {
      p.staleResults = .discard
      p.fallbackOn = .open
    }
    if step >= 7 { p.reportsEvents = true }
    if step >= 8 {
      p.tripRule = .rate
      p.rateComparison = .ge
      p.tripEvaluation = .everyOutcome
      p.windowKinds = .both
      p.timeWindow = .sliding
    }
    return p
  }
}

extension BreakerConfig {
  /// The configuration of the breaker exercise of `step` (the tutorial's threshold table where it applies).
  public static func exercise(step: Int) -> BreakerConfig {
    var c = BreakerConfig(failureThreshold: 5, recoveryTimeout: 60)
    if step >= 5 {
      c.recoveryTimeout = 45
      c.halfOpenMaxCalls = 2
      c.successThreshold = 2
    }
    if step >= 8 {
      c.window = .init(kind: .count, size: 10, minimumCalls: 5, failureRateThreshold: 50)
    }
    if step >= 9 {
      c.slowCallDuration = 2
      c.slowCallRateThreshold = 60
      c.maxConcurrentCalls = 4
    }
    return c
  }
}
