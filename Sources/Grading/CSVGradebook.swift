import Conformance
import Foundation

/// `gradebook.csv`: one row per student, per step its status, track and score, a column per check
/// (points earned; `pass`/`fail` for a check worth no points; the status word when the check did not run),
/// the total, and which sandbox graded (RFC 4180).
public enum CSVGradebook {
  /// The gradebook as CSV text with CRLF line ends.
  public static func render(_ book: Gradebook) -> String {
    let columns = book.columns
    var header = ["student", "key"]
    for step in book.steps {
      header += [
        "step \(step) status", "step \(step) track", "step \(step) score", "step \(step) max", "step \(step) flags",
      ]
      header += columns.filter { $0.step == step }.map { "\(step):\($0.id)" }
    }
    header += ["total", "max_total", "passed", "sandbox"]
    var lines = [header.map(field).joined(separator: ",")]
    for student in book.students {
      var row = [student.name, ResultStore.safeName(student.name)]
      for step in book.steps {
        guard let grade = student.grades.first(where: { $0.step == step }) else {
          row += ["", "", "", "", ""] + columns.filter { $0.step == step }.map { _ in "" }
          continue
        }
        row += [
          grade.outcome, grade.track ?? "", String(grade.score), String(grade.maxScore),
          (grade.flags ?? []).map(\.rawValue).joined(separator: " "),
        ]
        for column in columns where column.step == step {
          guard let check = grade.checks.first(where: { $0.id == column.id }) else {
            row.append("")
            continue
          }
          switch (grade.status, check.status) {
          case (.graded, .skip): row.append("skip")
          case (.graded, .pass) where grade.points[check.id] ?? 0 == 0: row.append("pass")
          case (.graded, .fail) where grade.points[check.id] ?? 0 == 0: row.append("fail")
          case (.graded, .error) where grade.points[check.id] ?? 0 == 0: row.append("error")
          case (.graded, _): row.append(String(grade.earned(check)))
          default: row.append(grade.outcome)
          }
        }
      }
      row += [
        String(student.score), String(student.maxScore), student.passed ? "yes" : "no",
        Array(Set(student.grades.compactMap(\.sandbox))).sorted().joined(separator: "; "),
      ]
      lines.append(row.map(field).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A quoted field when needed; text that a spreadsheet would run as a formula gets a leading `'`.
  static func field(_ text: String) -> String {
    var value = text
    if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
    guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
