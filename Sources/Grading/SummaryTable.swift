import TerminalUI

/// The table printed at the end of a run: a row per student, a column per step, the total; fits the width.
public enum SummaryTable {
  /// The table's lines, no wider than `info.width`, then a line of counts.
  public static func render(_ book: Gradebook, info: TerminalInfo) -> [String] {
    var columns = [Table.Column("Student", minWidth: 8)]
    for step in book.steps { columns.append(Table.Column("Step \(step)", flexible: true, minWidth: 7)) }
    columns.append(Table.Column("Total", alignment: .right, flexible: false))
    columns.append(Table.Column("Note", minWidth: 4))
    var rows: [[StyledText]] = []
    for student in book.students {
      var row = [StyledText(student.name)]
      var notes: [String] = []
      for step in book.steps {
        guard let grade = student.grades.first(where: { $0.step == step }) else {
          row.append(StyledText("-"))
          continue
        }
        let color: TextColor? =
          switch grade.outcome {
          case "passed": .green
          case "failed": .red
          case "error": .magenta
          default: nil
          }
        row.append(StyledText("\(grade.score)/\(grade.maxScore) \(grade.outcome)", [], color: info.color ? color : nil))
        if let message = grade.message, grade.status != .graded {
          notes.append("\(step): " + (message.split(separator: "\n").first.map(String.init) ?? ""))
        }
      }
      row.append(StyledText("\(student.score)/\(student.maxScore)"))
      row.append(StyledText(notes.joined(separator: "; ")))
      rows.append(row)
    }
    var table = Table(columns: columns, rows: rows)
    table.overflow = .truncate
    let counts = book.counts
    let parts =
      ["\(book.students.count) students"]
      + ["passed", "failed", "error", "missing"].map { "\($0) \(counts[$0, default: 0])" }
    // The counts, wrapped between parts when the terminal is narrow.
    var summary: [String] = []
    for part in parts {
      if let last = summary.last, TextWidth.of(last + " · " + part) <= info.width {
        summary[summary.count - 1] = last + " · " + part
      } else {
        summary.append(part)
      }
    }
    return table.render(width: info.width, info: info) + [""] + summary
  }
}
