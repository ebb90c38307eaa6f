import Conformance
import Foundation
import SimulationResults
import Testing

@testable import Simulation

@Suite struct ScenarioParserTests {
  @Test func builtInScenariosParse() throws {
    let friday = Scenario.blackFriday
    #expect(friday.rate == 1000)
    #expect(friday.gateway.workers == 200)
    #expect(friday.faults.first?.target == "pricing-db")
    #expect(friday.faultWindow == 60...240)
    #expect(Scenario.chaos.breakers.config(for: "pricing").maxConcurrentCalls == 8)
    #expect(Scenario.chaos.breakers.config(for: "product").maxConcurrentCalls == nil)
  }

  @Test(arguments: ["black-friday", "chaos"])
  func shippedFilesMatchTheBuiltIns(name: String) throws {
    let file = Fixtures.root.appendingPathComponent("exercises/10-chaos/\(name).yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text == Scenario.builtInYAML(name))
  }

  private func error(_ yaml: String) -> SimulationError? {
    do {
      _ = try ScenarioParser.parse(yaml, file: "shop.yaml")
      return nil
    } catch { return error }
  }

  @Test func unknownFieldNamesFileLineAndField() {
    let yaml = Fixtures.miniYAML.replacingOccurrences(
      of: "gateway: {workers: 40, queue: 40}", with: "gateway: {workers: 40, queue: 40, threads: 3}")
    guard case .invalidScenario(let file, let line, let field, _, let fix)? = error(yaml) else {
      Issue.record("expected an invalid scenario")
      return
    }
    #expect(file == "shop.yaml")
    #expect(line == 10)
    #expect(field == "gateway.threads")
    #expect(fix.contains("workers"))
  }

  @Test func badDurationIsExplained() {
    let yaml = Fixtures.miniYAML.replacingOccurrences(of: "start: 20s", with: "start: soon")
    let message = error(yaml)?.description ?? ""
    #expect(message.hasPrefix("shop.yaml:16: `faults[0].start`"))
    #expect(message.contains("10s"))
  }

  @Test(
    "a time out of range names its key and the range: the run's length, a fault's end, any other time",
    arguments: [
      ("duration: 90s", "duration: 100000h", "`duration`: expected a duration from 1s to 60m"),
      ("start: 20s", "start: 20000h", "`faults[0].start`: expected a duration from 0s to 1440m"),
    ])
  func timesAreBounded(original: String, replacement: String, expected: String) {
    let yaml = Fixtures.miniYAML.replacingOccurrences(of: original, with: replacement)
    let message = error(yaml)?.description ?? ""
    #expect(message.contains(expected), "\(message)")
  }

  @Test func gatewayOverheadDefaultsAndIsBounded() throws {
    #expect(try ScenarioParser.parse(Fixtures.miniYAML, file: "shop.yaml").gateway.overhead == Scenario.defaultOverhead)
    let slow = Fixtures.miniYAML.replacingOccurrences(
      of: "gateway: {workers: ", with: "gateway: {overhead: 2s, workers: ")
    let message = error(slow)?.description ?? ""
    #expect(message.contains("`gateway.overhead`"))
    #expect(message.contains("at most 1s"))
  }

  @Test func unknownServiceInPageIsNamed() {
    let yaml = Fixtures.miniYAML.replacingOccurrences(of: "needs: [product]}", with: "needs: [catalogue]}")
    let message = error(yaml)?.description ?? ""
    #expect(message.contains("pages[1].needs"))
    #expect(message.contains("catalogue"))
  }

  @Test func yamlSyntaxErrorHasALine() {
    guard case .invalidScenario(_, let line, _, let problem, _)? = error("name: x\npages: [a\n") else {
      Issue.record("expected an invalid scenario")
      return
    }
    #expect(line != nil)
    #expect(problem.contains("YAML"))
  }

  @Test func missingRequiredFieldIsNamed() {
    let yaml = Fixtures.miniYAML.replacingOccurrences(
      of: "traffic: {rate: 200, patience: 8s}", with: "traffic: {patience: 8s}")
    #expect(error(yaml)?.description.contains("`traffic.rate`: is missing") == true)
  }

  @Test func durations() {
    #expect(SimDuration.seconds("250ms") == 0.25)
    #expect(SimDuration.seconds("10m") == 600)
    #expect(SimDuration.seconds("90") == 90)
    #expect(SimDuration.seconds("ten") == nil)
    #expect(SimDuration.label(270) == "4m30s")
  }
}
