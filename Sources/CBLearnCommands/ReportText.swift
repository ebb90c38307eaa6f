import Checking
import Conformance

/// Plain-text rendering of a step's result (used until the terminal renderer takes over).
enum ReportText {
  static func render(_ result: StepResult, replay: String) -> String {
    var lines: [String] = []
    let report = result.report
    lines.append("\(report.subject) · step \(report.step.map(String.init) ?? "-") · seed \(report.seed)")
    for check in report.checks {
      let mark = ["pass": "PASS", "fail": "FAIL", "error": "ERR ", "skip": "SKIP"][check.status.rawValue] ?? "?"
      lines.append("\(mark) \(check.id) [\(check.level.rawValue)] \(check.title)")
      if check.status == .fail || check.status == .error {
        lines.append("     \(check.message)")
        if let config = check.config { lines.append("     config: \(config)") }
        for entry in check.trace {
          lines.append(
            "     \(entry.failed ? ">" : " ") t=\(formatNumber(entry.t))s  \(entry.op)  →  \(entry.observed)  [\(entry.state?.rawValue ?? "-")]")
        }
      }
    }
    lines.append("score \(result.score)/\(result.maxScore) · \(result.passed ? "passed" : "not passed") · replay: \(replay)")
    return lines.joined(separator: "\n")
  }
}
