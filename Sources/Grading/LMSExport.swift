import Foundation

/// `lms/canvas.csv` and `lms/moodle.csv`: one row per roster student, joined by the folder name, with the
/// total, a reason for `error` and `missing`, and the identity columns each LMS matches on.
public struct LMSExport: Sendable {
  public var roster: Roster
  /// The assignment's column title in the LMS.
  public var assignment: String
  /// Start each file with a UTF-8 byte-order mark (for spreadsheets that guess the encoding).
  public var bom: Bool

  public init(roster: Roster, assignment: String = "cblearn", bom: Bool = false) {
    self.roster = roster
    self.assignment = assignment
    self.bom = bom
  }

  /// Folders with grades that the roster does not list (their grades cannot be imported).
  public func unlisted(_ book: Gradebook) -> [String] {
    let listed = Set(roster.entries.map(\.folder))
    return book.students.map(\.name).filter { !listed.contains($0) }
  }

  /// The score and the reason of a roster student: their total, and why it is not a plain grade.
  func result(_ entry: Roster.Entry, in book: Gradebook) -> (score: Int, reason: String) {
    guard let student = book.students.first(where: { $0.name == entry.folder }) else {
      return (0, "missing: no folder named \(entry.folder) among the submissions")
    }
    // Only `error` and `missing` get a reason: Moodle shows feedback to the student, so instructor-only flags
    // (a copy of the reference solution) stay in gradebook.csv.
    let reasons = student.grades.filter { $0.status != .graded }.map {
      "step \($0.step) \($0.outcome): \($0.message ?? "")"
    }
    return (student.score, reasons.joined(separator: "; "))
  }

  /// Canvas's gradebook import: `Student, ID, SIS User ID, SIS Login ID, Section`, the assignment, a
  /// `Points Possible` row, and the reason in Canvas's `Notes` column.
  public func canvas(_ book: Gradebook) -> String {
    var lines = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment, "Notes"]]
    lines.append(["Points Possible", "", "", "", "", String(maxScore(book)), ""])
    for entry in roster.entries {
      let (score, reason) = result(entry, in: book)
      let f = entry.fields
      lines.append([
        f["name"] ?? entry.folder, f["canvas_id"] ?? "", f["sis_user_id"] ?? "", f["sis_login_id"] ?? "",
        f["section"] ?? "", String(score), reason,
      ])
    }
    return render(lines)
  }

  /// Moodle's grade import: the identity columns (map one to the user field), the grade, and feedback.
  public func moodle(_ book: Gradebook) -> String {
    var lines = [["Email address", "Username", "ID number", "Full name", assignment, "Feedback"]]
    for entry in roster.entries {
      let (score, reason) = result(entry, in: book)
      let f = entry.fields
      lines.append([
        f["email"] ?? "", f["username"] ?? "", f["idnumber"] ?? "", f["name"] ?? entry.folder, String(score), reason,
      ])
    }
    return render(lines)
  }

  /// The points a student can reach over the graded steps.
  func maxScore(_ book: Gradebook) -> Int { book.students.map(\.maxScore).max() ?? 0 }

  func render(_ lines: [[String]]) -> String {
    (bom ? "\u{FEFF}" : "") + lines.map { $0.map(CSVGradebook.field).joined(separator: ",") }.joined(separator: "\r\n")
      + "\r\n"
  }
}
