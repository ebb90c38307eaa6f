import Testing

@testable import Conformance

/// The reference model passes every check that applies to it, for every exercise and many combinations.
@Suite struct ReferencePassesTests {
  /// Runs the whole catalogue (up to `step`) on the reference model and returns the checks that did not pass.
  static func failures(profile: Profile, config: BreakerConfig, seed: UInt64, step: Int = 9) throws -> [String] {
    let checks = Catalogue.checks(upTo: step, profile: profile, config: config)
    let plan = RunPlan(checks: checks, profile: profile, config: config, seed: seed, variants: 2, step: step)
    let report = try SuiteRunner(factory: ReferenceFactory(profile: profile), plan: plan).run()
    return report.checks.filter { $0.status != .pass && $0.status != .skip }.map {
      "\($0.id): \($0.message)\n"
        + $0.trace.map {
          "  t=\(formatNumber($0.t)) \($0.op) -> \($0.observed) [\($0.state?.rawValue ?? "-")]\($0.failed ? " <<<" : "")"
        }.joined(separator: "\n")
    }
  }

  @Test(arguments: 3...9)
  func exerciseProfilesPassUnderTwentySeeds(step: Int) throws {
    for seed in UInt64(1)...20 {
      let failed = try Self.failures(
        profile: .exercise(step: step), config: .exercise(step: step), seed: seed, step: step)
      #expect(failed.isEmpty, "step \(step) seed \(seed):\n\(failed.joined(separator: "\n"))")
      if !failed.isEmpty { return }
    }
  }

  @Test(arguments: ProfileMatrix.combinations.indices)
  func combinationsPass(index: Int) throws {
    let (name, profile, config) = ProfileMatrix.combinations[index]
    for seed in UInt64(1)...20 {
      let failed = try Self.failures(profile: profile, config: config, seed: seed)
      #expect(failed.isEmpty, "\(name) seed \(seed):\n\(failed.joined(separator: "\n"))")
      if !failed.isEmpty { return }
    }
  }

  @Test func everyExerciseCheckApplies() {
    let p = Profile.exercise(step: 9)
    let c = BreakerConfig.exercise(step: 9)
    let applying = Set(Catalogue.checks(upTo: 9, profile: p, config: c).map(\.id))
    let extra = Catalogue.extraChecks.map(\.id).filter { !applying.contains($0) }
    #expect(extra.isEmpty, "checks of steps 5-9 that no exercise runs: \(extra)")
  }
}

/// Step 2's checks stay away from the exact end of the wait, as its lesson and README promise: a breaker
/// whose boundary is exclusive (a trial only after `recovery_timeout`, never at it) passes all of them,
/// and step 3's boundary check is the one that tells it apart.
@Suite struct StepTwoBoundaryTests {
  @Test func stepTwoChecksPassEitherBoundary() throws {
    var profile = Profile.exercise(step: 2)
    profile.openBoundary = .exclusive
    let checks = Catalogue.checks(upTo: 2, profile: .exercise(step: 2), config: .exercise(step: 2))
    for seed in UInt64(1)...10 {
      let plan = RunPlan(checks: checks, profile: .exercise(step: 2), config: .exercise(step: 2), seed: seed, step: 2)
      let report = try SuiteRunner(factory: ReferenceFactory(profile: profile), plan: plan).run()
      let failed = report.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.message)" }
      #expect(failed.isEmpty, "seed \(seed): \(failed)")
    }
    let boundary = try #require(Catalogue.check(id: "basic.admit-at-timeout"))
    let plan = RunPlan(checks: [boundary], profile: .exercise(step: 3), config: .exercise(step: 3), step: 3)
    var exclusive = Profile.exercise(step: 3)
    exclusive.openBoundary = .exclusive
    let report = try SuiteRunner(factory: ReferenceFactory(profile: exclusive), plan: plan).run()
    #expect(report.checks.first?.status == .fail, "step 3 pins the boundary down")
  }
}
