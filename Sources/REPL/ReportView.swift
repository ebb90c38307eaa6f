import Conformance
import Foundation
import TerminalUI

/// A check report for a learner: every check, each failure explained, and the step's score.
public struct ReportView {
  public var report: SuiteReport
  public var score: Int?
  public var maxScore: Int?

  public init(report: SuiteReport, score: Int? = nil, maxScore: Int? = nil) {
    self.report = report
    self.score = score
    self.maxScore = maxScore
  }

  /// The lines to print: TerminalUI's report (failures with their timeline and trace), then the score.
  public func render(on console: Console, source: String? = nil) -> [String] {
    let renderer = ReportRenderer(
      info: console.info, source: source,
      detailsHint: { "`why \($0)` shows its timeline and trace, `why ID` another check's" })
    var lines = renderer.render(report)
    lines.append("")
    var verdict =
      report.passed
      ? console.style("Every must check passes.", .bold, color: .green)
      : "Some must checks fail: fix the first one above, or type `hint`."
    if let score, let maxScore { verdict += " Score \(score)/\(maxScore)." }
    lines.append(verdict)
    return lines
  }
}
