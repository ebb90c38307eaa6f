import Conformance
import Curriculum
import Foundation
import Testing

@testable import TerminalUI

/// Every renderer at 40, 60, 80 and 120 columns: goldens, no line wider than the width, and nothing cut off
/// (no line ends in an ellipsis).
@Suite struct WidthGoldenTests {
  static let widths = [40, 60, 80, 120]

  /// Checks the width promises of rendered lines.
  static func expectFits(_ lines: [String], _ width: Int, _ what: String) {
    for line in lines {
      #expect(TextWidth.of(line) <= width, "\(what) at \(width): too wide: \(line)")
      #expect(!line.hasSuffix("…") && !line.hasSuffix("…\u{1B}[0m"), "\(what) at \(width): cut off: \(line)")
    }
  }

  @Test(arguments: widths)
  func lesson(width: Int) throws {
    let lines = try MarkdownRendererTests.renderSample(TerminalInfo(width: width))
    try Golden.check(lines, "width-lesson-\(width).txt")
    Self.expectFits(lines, width, "lesson")
  }

  @Test(arguments: widths)
  func report(width: Int) throws {
    let report = try ReportRendererTests.report()
    let compact = ReportRenderer(info: TerminalInfo(width: width), source: "steps/03-basic-breaker/python/breaker.py")
    try Golden.check(compact.render(report), "width-report-\(width).txt")
    Self.expectFits(compact.render(report), width, "report")
    var verbose = compact
    verbose.verbose = true
    try Golden.check(verbose.render(report), "width-report-verbose-\(width).txt")
    Self.expectFits(verbose.render(report), width, "verbose report")
  }

  @Test(arguments: widths)
  func diagramAndTrace(width: Int) throws {
    let config = BreakerConfig(failureThreshold: 5, recoveryTimeout: 60, halfOpenMaxCalls: 2)
    let diagram = StateDiagram(config: config, highlight: .halfOpen, info: TerminalInfo(width: width)).render()
    try Golden.check(diagram, "width-diagram-\(width).txt")
    Self.expectFits(diagram, width, "diagram")
    let trace = try Demo.trace(script: "fail fail fail fail fail +60 ok state", config: config)
    let timeline = Timeline(entries: trace, info: TerminalInfo(width: width)).render()
    try Golden.check(timeline, "width-timeline-\(width).txt")
    Self.expectFits(timeline, width, "timeline")
  }

  @Test("inline Markdown paragraphs wrap under their prefix", arguments: widths)
  func paragraph(width: Int) {
    let text = "Use `failure_threshold` consecutive failures, **not** a rate; see [lesson 3](lessons/03.md) first."
    let lines = MarkdownRenderer(info: TerminalInfo(width: width)).paragraph(text, prefix: "1/7. ")
    Self.expectFits(lines, width, "paragraph")
    #expect(lines[0].hasPrefix("1/7. Use `failure_threshold`"))
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("     ") })
    #expect(!lines.joined().contains("**"))
  }
}
