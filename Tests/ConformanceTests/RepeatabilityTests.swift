import Testing

@testable import Conformance

/// The same seed gives the same report, every time: no check is flaky.
@Suite struct RepeatabilityTests {
  @Test func fiftyRepetitionsGiveOneReport() throws {
    let p = Profile.exercise(step: 9)
    let c = BreakerConfig.exercise(step: 9)
    let plan = RunPlan(checks: Catalogue.checks(upTo: 9, profile: p, config: c), profile: p, config: c, seed: 5)
    func run() throws -> SuiteReport {
      var report = try SuiteRunner(factory: ReferenceFactory(profile: p), plan: plan).run()
      report.durationMs = 0
      for i in report.checks.indices { report.checks[i].durationMs = 0 }
      return report
    }
    let first = try run()
    #expect(first.passed)
    for _ in 1..<50 { #expect(try run() == first) }
  }

  @Test func checkIdsAreUniqueAndWellFormed() {
    let ids = Catalogue.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    for check in Catalogue.extraChecks {
      #expect(check.id.hasPrefix(check.category + "."), "\(check.id) is not in category \(check.category)")
      #expect(check.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }, "\(check.id)")
      #expect(!check.expectation.isEmpty && !check.motivation.isEmpty, "\(check.id)")
    }
  }
}
