import Foundation

/// Model-based testing: random operation sequences run against a subject and the reference model in lockstep.
///
/// Each run creates a fresh breaker, sends a sequence generated from the seed (calls, overlapping
/// begin/finish, clock jumps that land on boundaries, state reads) and compares every reply with the
/// model of the profile. The first divergence is shrunk to a minimal sequence and returned as a replayable
/// script with both timelines. Everything is deterministic for a seed.
public struct Explorer: Sendable {
  public let profile: Profile
  public let config: BreakerConfig
  public let seed: UInt64
  public let runs: Int
  public let length: Int
  /// Whether counters (`metrics`) are compared too; off by default, since counter names and scopes vary.
  public var compareMetrics = false
  /// Replays allowed for shrinking one divergence.
  public var shrinkBudget = 2_000
  /// Whether sequences may overlap calls (`begin`/`finish`); off for a step that still allows a breaker to
  /// hold its lock while the operation runs (`Explorer.overlapsFrom`).
  public var overlapping = true
  /// Whether runs draw seeded variants of `config` (`ConfigVariants`); off, every run uses `config`.
  public var varyConfig = true

  /// The id of the must check that runs explore mode inside every check (`explore.model-agrees`).
  public static let checkID = "explore.model-agrees"

  /// The budget of the exploration inside every `check`, `submit` and `grade` (`explore.model-agrees`):
  /// 100 sequences of 40 operations, about 4,200 operations (docs/benchmarks.md).
  public static let checkBudget = (runs: 100, length: 40)

  /// The default budget of `--explore`: 200 sequences of 50 operations.
  public init(profile: Profile, config: BreakerConfig, seed: UInt64 = 1, runs: Int = 200, length: Int = 50) {
    self.profile = profile
    self.config = config
    self.seed = seed
    self.runs = runs
    self.length = length
  }

  /// The first step of the path whose breaker must not hold its lock while the operation runs: the step
  /// of `concurrency.calls-not-serialized`. Before it, a breaker that serializes calls is correct, so
  /// explore gives earlier steps no overlapping calls.
  public static var overlapsFrom: Int { Catalogue.check(id: "concurrency.calls-not-serialized")?.step ?? 5 }

  /// Why this profile and configuration cannot be explored faithfully, or `nil` when they can.
  ///
  /// The model slides time windows exactly; a bucketed time window (`time_window: bucketed`) would
  /// diverge at bucket edges, so it is not explored.
  public static func limitation(profile: Profile, config: BreakerConfig) -> String? {
    if profile.tripRule == .rate, config.window?.kind == .time, profile.timeWindow == .bucketed {
      return
        "explore mode needs an exactly sliding time window (time_window: sliding); use a count window or the scripted checks"
    }
    return nil
  }

  /// Explores subjects from `factory` (one subject is reused across runs and replaced when it breaks).
  public func run(factory: any SubjectFactory) throws(SubjectFault) -> ExploreReport {
    let started = Date()
    let host = try SubjectHost(factory: factory)
    let name = host.subject.info.name
    let variants = ConfigVariants(base: config, profile: profile)
    var operations = 0
    for run in 0..<runs {
      var rng = SeededRandom(seed: seed, label: "explore", index: run)
      let clock = Int64(1_700_000_000 + Int64.random(in: 0..<90_000_000, using: &rng)) / 8 * 8
      let runConfig = varyConfig ? variants.draw(using: &rng) : config
      let generator = SequenceGenerator(
        profile: profile, config: runConfig, features: host.subject.info.features, length: length,
        compareMetrics: compareMetrics, overlapping: overlapping)
      let ops = generator.generate(clock: clock, using: &rng)
      let script = ExploreScript(profile: profile, config: runConfig, clock: clock, ops: ops)
      let outcome = try host.replay(script, compareMetrics: compareMetrics, traced: false)
      operations += ops.count
      guard outcome.divergence != nil else { continue }
      // A divergence must happen again before it is reported: the protocol is deterministic, so one that
      // does not (a thread the operating system did not run within a grace on a loaded machine) says
      // nothing about the breaker. Real races are the `race.*` checks' job, not this search's.
      guard try reproduces(script, host: host) else { continue }
      let divergence = try shrink(script, run: run, host: host)
      host.subject.terminate()
      return ExploreReport(
        subject: name, seed: seed, runs: runs, length: length, runsCompleted: run, operations: operations,
        durationMs: Date().timeIntervalSince(started) * 1000, divergence: divergence)
    }
    host.subject.terminate()
    return ExploreReport(
      subject: name, seed: seed, runs: runs, length: length, runsCompleted: runs, operations: operations,
      durationMs: Date().timeIntervalSince(started) * 1000, divergence: nil)
  }

  /// Whether `script` diverges on one of two further replays.
  private func reproduces(_ script: ExploreScript, host: SubjectHost) throws(SubjectFault) -> Bool {
    for _ in 0..<2 where try host.replay(script, compareMetrics: compareMetrics, traced: false).divergence != nil {
      return true
    }
    return false
  }

  private func shrink(_ script: ExploreScript, run: Int, host: SubjectHost) throws(SubjectFault) -> Divergence {
    var fault: SubjectFault?
    let shrinker = Shrinker(
      diverges: { ops in
        var candidate = script
        candidate.ops = ops
        do throws(SubjectFault) {
          return try host.replay(candidate, compareMetrics: compareMetrics, traced: false).divergence != nil
        } catch {
          fault = error
          return false
        }
      }, budget: shrinkBudget)
    var minimal = script
    minimal.ops = shrinker.shrink(script.ops)
    if let fault { throw fault }
    minimal.notes = ["seed \(seed), run \(run), shrunk from \(script.ops.count) operations"]
    let outcome = try host.replay(minimal, compareMetrics: compareMetrics)
    if outcome.divergence == nil, minimal.ops.count < script.ops.count {
      // The shrunk script did not diverge again this time: report the whole sequence, which did twice.
      var whole = script
      whole.notes = ["seed \(seed), run \(run), not shrunk (a shorter script did not diverge every time)"]
      let again = try host.replay(whole, compareMetrics: compareMetrics)
      if again.divergence != nil {
        return Explorer.divergence(again, script: whole, run: run, originalLength: script.ops.count)
      }
    }
    return Explorer.divergence(outcome, script: minimal, run: run, originalLength: script.ops.count)
  }

  static func divergence(
    _ outcome: Lockstep.Outcome, script: ExploreScript, run: Int, originalLength: Int
  )
    -> Divergence
  {
    let (index, expected, observed) = outcome.divergence ?? (0, "a divergence", "none on replay")
    return Divergence(
      run: run, originalLength: originalLength, step: index + 1,
      operation: index < script.ops.count ? script.ops[index].description : "create", expected: expected,
      observed: observed, script: script.text, subjectTrace: outcome.subjectTrace, modelTrace: outcome.modelTrace)
  }

  /// Runs a replay script (the text of a file written by explore mode) once against a subject from `factory`.
  public static func replay(script text: String, factory: any SubjectFactory) throws -> ExploreReport {
    let started = Date()
    let script = try ExploreScript(parsing: text)
    let host = try SubjectHost(factory: factory)
    let outcome = try host.replay(script, compareMetrics: true)
    host.subject.terminate()
    let divergence =
      outcome.divergence == nil
      ? nil : divergence(outcome, script: script, run: 0, originalLength: script.ops.count)
    return ExploreReport(
      subject: host.subject.info.name, seed: 0, runs: 1, length: script.ops.count,
      runsCompleted: divergence == nil ? 1 : 0, operations: script.ops.count,
      durationMs: Date().timeIntervalSince(started) * 1000, divergence: divergence)
  }
}
