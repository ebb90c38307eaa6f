import Foundation

/// What to run: the checks, the profile and configuration they run under, the seed.
public struct RunPlan: Sendable {
  public var checks: [Check]
  public var profile: Profile
  public var config: BreakerConfig
  public var seed: UInt64
  /// Configuration variants per check besides the base one (seeded thresholds, timeouts and start times).
  public var variants: Int
  public var step: Int?
  /// What a check gets when the subject lacks a feature it needs: `skip` for a library's own profile,
  /// `fail` for an exercise, whose step asks for the feature.
  public var missingFeature: CheckStatus = .skip

  public init(
    checks: [Check], profile: Profile, config: BreakerConfig, seed: UInt64 = 1, variants: Int = 2,
    step: Int? = nil
  ) {
    self.checks = checks
    self.profile = profile
    self.config = config
    self.seed = seed
    self.variants = variants
    self.step = step
  }

  /// The configuration and start time of variant `index` of a check (0 is the base configuration).
  public func variant(_ index: Int, of check: Check) -> (BreakerConfig, Int64) {
    var rng = SeededRandom(seed: seed, label: check.id, index: index)
    // A realistic Unix time between late 2023 and 2026, whole seconds so that boundaries are exact.
    let clock = Int64(1_700_000_000 + Int64.random(in: 0..<90_000_000, using: &rng))
    var cfg = config
    if index > 0 {
      cfg.failureThreshold = Int.random(in: 2...7, using: &rng)
      cfg.recoveryTimeout = [10, 30, 45, 60, 90, 120, 300].randomElement(using: &rng)!
      if cfg.halfOpenMaxCalls != nil { cfg.halfOpenMaxCalls = Int.random(in: 1...4, using: &rng) }
      if cfg.successThreshold != nil { cfg.successThreshold = Int.random(in: 1...3, using: &rng) }
      check.vary?(&cfg, &rng)
    }
    check.adjust(&cfg)
    return (cfg, clock)
  }
}

/// Runs a plan's checks against subjects from a factory, restarting a subject that stopped answering.
public final class SuiteRunner {
  let factory: any SubjectFactory
  let plan: RunPlan
  private var subject: (any Subject)?
  private var launchFault: SubjectFault?
  /// The check whose message gave a missing feature's note in full, by feature.
  private var explained: [String: String] = [:]

  /// The version of the check catalogue, recorded in every report.
  public static let suiteVersion = "1.0.0"

  public init(factory: any SubjectFactory, plan: RunPlan) {
    self.factory = factory
    self.plan = plan
  }

  /// Runs every check; throws only when the very first subject cannot be started.
  public func run(progress: ((Int, Int, CheckResult) -> Void)? = nil) throws(SubjectFault) -> SuiteReport {
    let started = Date()
    let first = try factory.launch()
    subject = first
    let name = first.info.name
    var results: [CheckResult] = []
    for (index, check) in plan.checks.enumerated() {
      let result = run(check)
      results.append(result)
      progress?(index + 1, plan.checks.count, result)
    }
    subject?.terminate()
    subject = nil
    return SuiteReport(
      subject: name, step: plan.step, seed: plan.seed, suiteVersion: SuiteRunner.suiteVersion, checks: results,
      durationMs: Date().timeIntervalSince(started) * 1000)
  }

  private func acquire() throws(SubjectFault) -> any Subject {
    if let subject { return subject }
    if let launchFault { throw launchFault }
    do {
      let fresh = try factory.launch()
      subject = fresh
      return fresh
    } catch {
      launchFault = error
      throw error
    }
  }

  /// The subject's notes on missing features, each in full once, then pointing to the check that showed it.
  private func notes(for missing: Set<String>, _ checkID: String) -> String {
    missing.sorted().compactMap { feature -> String? in
      guard let note = subject?.info.notes[feature] else { return nil }
      if let shown = explained[feature] { return "\n\(shown) above says what your file declares instead" }
      explained[feature] = checkID
      return "\n" + note
    }.joined()
  }

  private func discard() {
    subject?.terminate()
    subject = nil
  }

  /// Runs one check over its variants, stopping at the first that fails, and times it.
  func run(_ check: Check) -> CheckResult {
    let started = Date()
    var result = runVariants(check)
    result.durationMs = Date().timeIntervalSince(started) * 1000
    return result
  }

  /// Runs the variants after `index` of a check that failed, so the report can say whether the failure
  /// depends on the configuration; returns how many failed an expectation and how many ran. A fault stops.
  private func remainingVariants(_ check: Check, after index: Int) -> (failing: Int, ran: Int) {
    var failing = 0
    var ran = 0
    for next in (index + 1)..<(plan.variants + 1) {
      let (config, clock) = plan.variant(next, of: check)
      guard let subject = try? acquire() else { break }
      let session = Session(subject: subject, config: config, profile: plan.profile, clockStart: clock)
      session.checkID = check.id
      ran += 1
      do {
        try session.create()
        try check.body(session)
        if !session.drain() { discard() }
      } catch is CheckFailure {
        if !session.drain() { discard() }
        failing += 1
      } catch {
        discard()
        ran -= 1
        break
      }
    }
    return (failing, ran)
  }

  private func runVariants(_ check: Check) -> CheckResult {
    var result = CheckResult(
      id: check.id, title: check.title, category: check.category, step: check.step, level: check.level,
      status: .pass, message: check.expectation, motivation: check.motivation)
    for index in 0...plan.variants {
      let (config, clock) = plan.variant(index, of: check)
      let subject: any Subject
      do { subject = try acquire() } catch {
        result.status = .error
        result.message = "could not start the subject: \(error)"
        return result
      }
      let missing = check.features.subtracting(subject.info.features)
      if !missing.isEmpty, missing.isSubset(of: Check.adapterFeatures) {
        result.status = .skip
        result.message =
          "the subject's adapter does not provide \(missing.sorted().joined(separator: ", ")) (docs/protocol.md)"
        return result
      }
      if !missing.isEmpty {
        result.status = plan.missingFeature
        let list = missing.sorted().joined(separator: ", ")
        result.message =
          plan.missingFeature == .skip
          ? "the subject does not support: \(list)"
          : "this step needs your breaker to provide \(list) (see the exercise README)" + notes(for: missing, check.id)
        return result
      }
      let session = Session(subject: subject, config: config, profile: plan.profile, clockStart: clock)
      session.checkID = check.id
      do {
        try session.create()
        try check.body(session)
        if !session.drain() { discard() }
      } catch let failure as CheckFailure {
        if !session.drain() { discard() }
        result.status = .fail
        result.message = failure.message
        result.expected = failure.expected
        result.observed = failure.observed
        result.motivation = failure.why ?? check.motivation
        result.config = config.summary
        result.clockStart = clock
        result.trace = session.trace
        let (failing, total) = remainingVariants(check, after: index)
        result.failingConfigurations = failing + 1
        result.configurations = total + index + 1
        return result
      } catch let fault as SubjectFault {
        discard()
        result.status = fault.isFinding ? .fail : .error
        result.message = fault.description
      } catch {
        discard()
        result.status = .error
        result.message = "\(error)"
      }
      if result.status != .pass {
        result.config = config.summary
        result.clockStart = clock
        result.trace = session.trace
        return result
      }
    }
    return result
  }
}
