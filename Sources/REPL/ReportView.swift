import Conformance
import Foundation
import TerminalUI

/// A check report for a learner: one line a check, the first failure explained with its trace.
public struct ReportView {
  public var report: SuiteReport
  public var score: Int?
  public var maxScore: Int?

  public init(report: SuiteReport, score: Int? = nil, maxScore: Int? = nil) {
    self.report = report
    self.score = score
    self.maxScore = maxScore
  }

  /// The lines to print.
  public func render(on console: Console) -> [String] {
    var lines: [String] = []
    let passed = report.count(.pass)
    var header = "\(passed)/\(report.checks.count) checks passed"
    if let score, let maxScore { header += " · score \(score)/\(maxScore)" }
    lines.append(console.style(header, .bold))
    var explained = false
    for check in report.checks {
      let mark: String
      switch check.status {
      case .pass: mark = console.style(console.glyph("✓", "ok"), color: .green)
      case .fail: mark = console.style(console.glyph("✗", "FAIL"), color: check.level == .must ? .red : .yellow)
      case .error: mark = console.style(console.glyph("!", "ERR"), color: .red)
      case .skip: mark = console.style(console.glyph("–", "skip"), color: .gray)
      }
      let level = check.level == .must ? "" : " (\(check.level.rawValue))"
      lines.append("  \(mark) \(check.id)\(level)")
      guard check.status != .pass else { continue }
      lines.append("      \(check.message)")
      if !explained, check.status == .fail || check.status == .error {
        explained = true
        lines += explain(check, on: console)
      }
    }
    lines.append("")
    lines.append(
      report.passed
        ? console.style("Every must check passes.", .bold, color: .green)
        : "Some must checks fail. Fix the first one above, or type `hint`.")
    return lines
  }

  private func explain(_ check: CheckResult, on console: Console) -> [String] {
    var lines: [String] = []
    if let config = check.config { lines.append("      config: \(config)") }
    if !check.trace.isEmpty {
      lines.append("      trace (virtual time):")
      for entry in check.trace.suffix(14) {
        let time = "t=\(formatNumber(entry.t))s".padding(toLength: 9, withPad: " ", startingAt: 0)
        let state = entry.state.map { " [\($0.rawValue)]" } ?? ""
        let text = "        \(time) \(entry.op) \(console.glyph("→", "->")) \(entry.observed)\(state)"
        lines.append(entry.failed ? console.style(text + console.glyph("  ◀ here", "  <- here"), .bold, color: .red) : text)
      }
    }
    if !check.motivation.isEmpty { lines.append("      why it matters: \(check.motivation)") }
    return lines
  }
}
