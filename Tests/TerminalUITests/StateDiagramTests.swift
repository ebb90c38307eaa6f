import Conformance
import Testing

@testable import TerminalUI

@Suite struct StateDiagramTests {
  let config = BreakerConfig(failureThreshold: 5, recoveryTimeout: 30)

  static let highlights: [(String, BreakerState?)] = [
    ("none", nil), ("closed", .closed), ("open", .open), ("half-open", .halfOpen),
  ]

  @Test(arguments: [false, true])
  func goldenWide(ascii: Bool) throws {
    for (name, state) in Self.highlights {
      let lines = StateDiagram(config: config, highlight: state, info: .plain, ascii: ascii).render()
      try Golden.check(lines, "state-diagram-\(ascii ? "ascii" : "unicode")-\(name).txt")
    }
  }

  @Test(arguments: [false, true])
  func goldenNarrow(ascii: Bool) throws {
    let info = TerminalInfo(width: 44)
    let lines = StateDiagram(config: config, highlight: .halfOpen, info: info, ascii: ascii).render()
    try Golden.check(lines, "state-diagram-narrow-\(ascii ? "ascii" : "unicode").txt")
  }

  @Test func goldenColour() throws {
    let info = TerminalInfo(isTerminal: true, color: true)
    try Golden.check(
      StateDiagram(config: config, highlight: .open, info: info).render(), "state-diagram-colour-open.txt")
  }

  @Test func fitsEveryWidth() {
    let configs = [
      config, BreakerConfig(failureThreshold: 1, recoveryTimeout: 300, halfOpenMaxCalls: 3, successThreshold: 2),
      BreakerConfig(window: .init(kind: .count, size: 20, minimumCalls: 10, failureRateThreshold: 50)),
    ]
    for cfg in configs {
      for width in stride(from: 40, through: 120, by: 1) {
        let lines = StateDiagram(config: cfg, highlight: .open, info: TerminalInfo(width: width)).render()
        for line in lines { #expect(TextWidth.of(line) <= min(width, 80), "width \(width): \(line)") }
      }
    }
  }

  @Test func asciiIsSevenBit() {
    for (_, state) in Self.highlights {
      for width in [40, 80] {
        let text = StateDiagram(config: config, highlight: state, info: TerminalInfo(width: width), ascii: true)
          .render().joined(separator: "\n")
        #expect(text.unicodeScalars.allSatisfy { $0.value < 128 })
      }
    }
  }

  @Test func labelsComeFromTheConfiguration() {
    let d = StateDiagram(config: BreakerConfig(failureThreshold: 3, recoveryTimeout: 45, successThreshold: 2))
    let text = d.render().joined(separator: "\n")
    #expect(text.contains("3 consecutive failures"))
    #expect(text.contains("once 45s have passed"))
    #expect(text.contains("2 trial successes"))
    #expect(text.contains("a trial fails"))
    #expect(text.contains("CircuitOpenError"))
    let rate = StateDiagram(
      config: BreakerConfig(window: .init(kind: .time, size: 60, minimumCalls: 10, failureRateThreshold: 50)))
    #expect(rate.tripLabel == "≥50% failures of calls in 60s (min 10 calls)")
  }

  @Test func colourHighlightsWithoutMarker() {
    let info = TerminalInfo(isTerminal: true, color: true)
    let text = StateDiagram(config: config, highlight: .open, info: info).render().joined(separator: "\n")
    #expect(text.contains("\u{1B}[1;31m"))
    #expect(!text.contains("▶ OPEN ◀"))
    let plain = StateDiagram(config: config, highlight: .open).render().joined(separator: "\n")
    #expect(plain.contains("▶ OPEN ◀"))
    #expect(!plain.contains("\u{1B}"))
  }
}
