import Conformance
import Foundation
import Testing

@testable import Simulation

@Suite struct ReportTests {
  static let result: SimulationResult? = try? Simulator(scenario: Fixtures.mini, breaker: .reference).run()
  static let plain: SimulationResult? = try? Simulator(scenario: Fixtures.mini, breaker: .none).run()

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
