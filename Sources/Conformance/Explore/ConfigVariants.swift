/// The configurations explore mode draws its runs from: the step's own and seeded variants of it.
///
/// A variant changes only the keys the base configuration already has (a breaker of step 3 never sees a
/// trial limit), and every time in it is a multiple of 1/8 s so that clock arithmetic stays exact in any
/// language: fractional recovery timeouts, small failure thresholds that trip often, trial limits and
/// success thresholds from 1 to 3, count windows of other sizes and minimums, time windows of whole seconds
/// (the Swift track's `WindowConfiguration.size` is an `Int`; fractional offsets come from the clock) when the
/// profile implements them, and fractional slow-call durations.
struct ConfigVariants {
  let base: BreakerConfig
  let profile: Profile

  /// The configuration of a run: the base one for a quarter of the runs, a variant otherwise.
  func draw(using rng: inout SeededRandom) -> BreakerConfig {
    guard Int.random(in: 0..<4, using: &rng) != 0 else { return base }
    var c = base
    // Small thresholds trip within a few operations, leaving the rest of the run to the later states.
    c.failureThreshold = [1, 1, 2, 2, 3, 5].randomElement(using: &rng)!
    c.recoveryTimeout = [0.75, 1.5, 2.5, 7.25, 12.5, 30, base.recoveryTimeout].randomElement(using: &rng)!
    if c.halfOpenMaxCalls != nil { c.halfOpenMaxCalls = Int.random(in: 1...3, using: &rng) }
    if c.successThreshold != nil { c.successThreshold = [1, 2, 2, 3].randomElement(using: &rng)! }
    if var w = c.window {
      let sliding = profile.timeWindow == .sliding
      let timed =
        sliding && profile.windowKinds.includes(.time)
        && (!profile.windowKinds.includes(.count) || Bool.random(using: &rng))
      guard timed || profile.windowKinds.includes(.count) else { return base }
      w.kind = timed ? .time : .count
      w.size = timed ? [3, 5, 8, 10].randomElement(using: &rng)! : Double(Int.random(in: 3...10, using: &rng))
      w.minimumCalls = Int.random(in: 1...5, using: &rng)
      // Thresholds a rate can equal exactly in binary (25, 50, 75, 100) or never reach exactly (34, 67).
      w.failureRateThreshold = [25, 34, 50, 67, 75, 100, base.window!.failureRateThreshold].randomElement(using: &rng)!
      c.window = w
    }
    if c.slowCallDuration != nil { c.slowCallDuration = [0.5, 1.25, 2].randomElement(using: &rng)! }
    if c.slowCallRateThreshold != nil { c.slowCallRateThreshold = [50, 67, 100].randomElement(using: &rng)! }
    if c.maxConcurrentCalls != nil { c.maxConcurrentCalls = Int.random(in: 1...4, using: &rng) }
    return c
  }
}
