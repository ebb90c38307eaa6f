import Conformance
import Foundation
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
