import Checking
import Conformance
import Foundation
import SimulationResults
import Testing

@testable import Simulation

@Suite struct CapstoneAndQuizTests {
  @Test func capstonePassesWithTheReferenceBreaker() throws {
    let result = try Simulator(scenario: .chaos, breaker: .reference).run()
    let checks = CapstoneChecks.evaluate(result)
    #expect(checks.map(\.id) == CapstoneChecks.ids)
    for check in checks { #expect(check.status == .pass, "\(check.id): \(check.message)") }
    #expect(checks.allSatisfy { $0.step == 10 && $0.category == "chaos" })
  }

  @Test func capstoneFailsWithoutABreaker() throws {
    let result = try Simulator(scenario: .chaos, breaker: .none).run()
    let failed = Set(CapstoneChecks.evaluate(result).filter { $0.status == .fail }.map(\.id))
    #expect(
      failed.isSuperset(of: [
        "chaos.gateway-pool-never-exhausted", "chaos.product-pages-available", "chaos.pricing-fails-fast",
      ]))
  }

  @Test func quizAnswersComeFromTheSimulator() throws {
    let text = try String(
      contentsOf: Fixtures.root.appendingPathComponent("exercises/01-cascade/quiz.yaml"), encoding: .utf8)
    let problems = CascadeQuiz.verify(quizYAML: text, answers: try CascadeQuiz.answers())
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }
}

/// Each rule of steps 8 and 9 is needed: the reference breaker without one of them fails that rule's verdict
/// and passes the others.
@Suite struct CapstoneRulesTests {
  /// The verdicts of the chaos run with the reference breaker after `change` to every breaker's configuration.
  static func failures(_ change: (String, inout BreakerConfig) -> Void) throws -> Set<String> {
    var scenario = Scenario.chaos
    for service in scenario.services.map(\.name) {
      var config = scenario.breakers.config(for: service)
      change(service, &config)
      scenario.breakers.perService[service] = config
    }
    let result = try Simulator(scenario: scenario, breaker: .reference).run()
    return Set(CapstoneChecks.evaluate(result).filter { $0.status == .fail }.map(\.id))
  }

  @Test func withoutTheRateRuleAFlakyInventoryIsCutOff() throws {
    // Inventory's breaker back on five consecutive failures (pricing's slow-call rule needs its window).
    let failed = try Self.failures { service, config in if service == "inventory" { config.window = nil } }
    #expect(failed == ["chaos.flaky-inventory-stays-in-use"])
  }

  @Test func withoutTheSlowCallRuleSlowPricingHoldsItsSlots() throws {
    #expect(try Self.failures { _, config in config.slowCallRateThreshold = nil } == ["chaos.slow-pricing-fails-fast"])
  }

  @Test func withoutTheBulkheadTheGatewayRunsOut() throws {
    #expect(
      try Self.failures { _, config in config.maxConcurrentCalls = nil } == ["chaos.gateway-pool-never-exhausted"])
  }

  @Test func theVerdictsHoldUnderTheFirstTenSeeds() throws {
    for seed in UInt64(1)...10 {
      let result = try Simulator(scenario: .chaos, breaker: .reference, seed: seed).run()
      let failed = CapstoneChecks.evaluate(result).filter { $0.status != .pass }
      #expect(failed.isEmpty, "seed \(seed): \(failed.map(\.message))")
    }
  }

  @Test func aScenarioWithoutThePhasesFailsTheirChecksSayingSo() throws {
    let result = try Simulator(scenario: .blackFriday, breaker: .reference, duration: 90).run()
    let verdicts = CapstoneChecks.evaluate(result)
    let flaky = try #require(verdicts.first { $0.id == "chaos.flaky-inventory-stays-in-use" })
    #expect(flaky.status == .fail)
    #expect(flaky.observed == "the scenario has no such phase")
  }
}

@Suite struct CapstoneBulkheadTests {
  @Test func withoutTheBulkheadTheGatewayIsExhaustedBeforeTheBreakerOpens() throws {
    var scenario = Scenario.chaos
    scenario.breakers.perService["pricing"]?.maxConcurrentCalls = nil
    let result = try Simulator(scenario: scenario, breaker: .reference, duration: 120).run()
    let verdicts = Dictionary(uniqueKeysWithValues: CapstoneChecks.evaluate(result).map { ($0.id, $0.status) })
    #expect(verdicts["chaos.gateway-pool-never-exhausted"] == .fail)
    #expect(try #require(result.pool("gateway")?.exhaustedSeconds) <= 4)
  }
}
