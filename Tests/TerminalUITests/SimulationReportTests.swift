import Foundation
import Simulation
import SimulationResults
import TerminalUI
import Testing

/// The simulator's report, drawn by TerminalUI: no line wider than the width, colour only when asked.
@Suite struct SimulationReportTests {
  static let miniYAML = """
    name: mini
    duration: 90s
    seed: 7
    traffic: {rate: 200, patience: 8s}
    pages:
      - {name: product, share: 0.4, needs: [product, inventory, pricing], optional: [pricing]}
      - {name: search, share: 0.4, needs: [product]}
      - {name: cart, share: 0.2, needs: [inventory]}
    web: {workers: 80, queue: 160, latency: {median: 2ms, p99: 8ms}, timeout: 5s}
    gateway: {workers: 40, queue: 40}
    services:
      product: {workers: 16, queue: 1000, timeout: 2s, retries: 1, database: {connections: 10, latency: {median: 12ms, p99: 60ms}}}
      inventory: {workers: 16, queue: 1000, timeout: 2s, retries: 1, database: {connections: 10, latency: {median: 10ms, p99: 50ms}}}
      pricing: {workers: 16, queue: 1000, timeout: 2s, retries: 1, database: {connections: 10, latency: {median: 45ms, p99: 150ms}}}
    faults:
      - {target: pricing-db, start: 20s, end: 50s, latency: 10s}
    breakers:
      default: {failure_threshold: 5, recovery_timeout: 10s, half_open_max_calls: 1}

    """

  static let result: SimulationResult? = try? Simulator(
    scenario: ScenarioParser.parse(miniYAML, file: "mini.yaml"), breaker: .reference
  ).run()
  static let plain: SimulationResult? = try? Simulator(
    scenario: ScenarioParser.parse(miniYAML, file: "mini.yaml"), breaker: .none
  ).run()

  @Test(arguments: [40, 60, 80, 120, 132])
  func linesFitTheWidth(width: Int) throws {
    let result = try #require(Self.result)
    let text = SimulationReportRenderer(width: width, colour: false).render(result)
    for line in text.split(separator: "\n") { #expect(line.count <= width, "\(line)") }
    // Nothing is cut off: every service's figures are there, stacked when the table does not fit.
    for service in result.services {
      #expect(text.contains(service.service))
      #expect(text.contains("\(service.demands)") && text.contains("\(service.timeouts)"))
    }
    #expect(text.contains("\(result.overall.requests)"))
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("Successful pages per second"))
    #expect(text.contains("Time to recover"))
  }

  @Test func colourOnlyWhenAsked() throws {
    let result = try #require(Self.result)
    #expect(SimulationReportRenderer(width: 80, colour: true).render(result).contains("\u{1B}["))
  }

  @Test("a terminal's settings decide: colour on a terminal, none with NO_COLOR or into a pipe, its width")
  func followsTheTerminal() throws {
    let result = try #require(Self.result)
    let terminal = TerminalInfo.resolve(isTerminal: true, windowSize: (60, 24), environment: [:])
    let noColor = TerminalInfo.resolve(isTerminal: true, windowSize: (60, 24), environment: ["NO_COLOR": "1"])
    let pipe = TerminalInfo.resolve(isTerminal: false, windowSize: nil, environment: ["COLUMNS": "60"])
    let coloured = SimulationReportRenderer(terminal).render(result)
    #expect(coloured.contains("\u{1B}["))
    #expect(!SimulationReportRenderer(noColor).render(result).contains("\u{1B}"))
    #expect(!SimulationReportRenderer(pipe).render(result).contains("\u{1B}"))
    for line in coloured.split(separator: "\n") { #expect(TextWidth.of(TextWidth.stripANSI(String(line))) <= 60) }
  }

  @Test func comparisonSideBySide() throws {
    let results = [try #require(Self.plain), try #require(Self.result)]
    let text = SimulationReportRenderer(width: 140, colour: false).render(comparing: results)
    for line in text.split(separator: "\n") { #expect(line.count <= 140, "\(line)") }
    #expect(text.contains("breaker: none"))
    #expect(text.contains("| breaker: reference"))
    #expect(text.contains("gateway exhausted"))
  }

  @Test func jsonRoundTrips() throws {
    let result = try #require(Self.result)
    let data = try JSONEncoder().encode(result)
    #expect(try JSONDecoder().decode(SimulationResult.self, from: data) == result)
  }
}
