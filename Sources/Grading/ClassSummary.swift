import Conformance
import Foundation

/// Where the class struggles: each check's pass rate over the graded submissions, and the students grouped
/// by the set of checks they fail (the same bug), for `class.html`, `checks.csv` and the gradebook's header.
public struct ClassSummary: Sendable {
  /// One check's figures over the class.
  public struct CheckFigures: Sendable, Equatable {
    public var column: Gradebook.Column
    /// Submissions whose checks ran (status `graded`).
    public var graded: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int
    /// Passed over graded; nil when nobody was graded.
    public var passRate: Double? { graded == 0 ? nil : Double(passed) / Double(graded) }
    /// `3:basic.trip-at-threshold`.
    public var key: String { "\(column.step):\(column.id)" }
  }

  /// Students who fail exactly the same checks.
  public struct FailureGroup: Sendable, Equatable {
    /// `step:check` keys, in column order.
    public var checks: [String]
    public var students: [String]
  }

  public var checks: [CheckFigures]
  public var groups: [FailureGroup]

  public init(_ book: Gradebook) {
    let columns = book.columns
    var figures = columns.map { CheckFigures(column: $0, graded: 0, passed: 0, failed: 0, errors: 0) }
    var index: [String: Int] = [:]
    for (position, figure) in figures.enumerated() { index[figure.key] = position }
    var sets: [[String]: [String]] = [:]
    for student in book.students {
      var failing: [String] = []
      for grade in student.grades where grade.status == .graded {
        for check in grade.checks {
          guard let position = index["\(grade.step):\(check.id)"] else { continue }
          figures[position].graded += 1
          switch check.status {
          case .pass: figures[position].passed += 1
          case .fail: figures[position].failed += 1
          case .error: figures[position].errors += 1
          case .skip: break
          }
          if check.status == .fail || check.status == .error, check.level != .info {
            failing.append(figures[position].key)
          }
        }
      }
      if !failing.isEmpty {
        failing.sort { index[$0, default: 0] < index[$1, default: 0] }
        sets[failing, default: []].append(student.name)
      }
    }
    checks = figures
    groups = sets.map { FailureGroup(checks: $0.key, students: $0.value.sorted()) }
      .sorted { a, b in
        if a.students.count != b.students.count { return a.students.count > b.students.count }
        if a.checks.count != b.checks.count { return a.checks.count < b.checks.count }
        return a.checks.lexicographicallyPrecedes(b.checks)
      }
  }

  /// The checks from the lowest pass rate up (checks nobody was graded on last), ties in column order.
  public var hardest: [CheckFigures] {
    checks.enumerated().sorted { a, b in
      let (x, y) = (a.element.passRate ?? 2, b.element.passRate ?? 2)
      return x != y ? x < y : a.offset < b.offset
    }.map(\.element)
  }

  /// A rate as a whole percentage, `–` when there is none.
  public static func percent(_ rate: Double?) -> String {
    rate.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
  }

  /// `checks.csv`: the same figures as the class page, one row per check, hardest first.
  public func csv(bom: Bool = false) -> String {
    var lines = [
      ["step", "check", "title", "level", "graded", "passed", "failed", "errors", "pass_rate", "students_failing"]
    ]
    for figure in hardest {
      lines.append([
        String(figure.column.step), figure.column.id, figure.column.title, figure.column.level.rawValue,
        String(figure.graded), String(figure.passed), String(figure.failed), String(figure.errors),
        figure.passRate.map { String(format: "%.3f", $0) } ?? "",
        String(figure.failed + figure.errors),
      ])
    }
    return (bom ? "\u{FEFF}" : "")
      + lines.map { $0.map(CSVGradebook.field).joined(separator: ",") }
      .joined(separator: "\r\n") + "\r\n"
  }
}
