import ArgumentParser
import Foundation
import Grading

/// The report options `grade run` and `grade merge` share: formats, the LMS roster and the CSV encoding.
struct GradeReportOptions: ParsableArguments {
  @Option(help: "Outputs, comma-separated: table, csv, json, junit, gradescope, html (or all).")
  var format: String = "all"

  @Option(
    help: "A CSV roster (folder → LMS ids) for lms/canvas.csv and lms/moodle.csv.",
    completion: .file(extensions: ["csv"]))
  var roster: String?

  @Option(help: "The assignment's column title in the LMS files.")
  var assignment: String = "cblearn"

  @Flag(help: "Start the CSV files with a UTF-8 byte-order mark (for spreadsheets).")
  var bom = false

  /// The formats asked for.
  func formats() throws -> [ReportFormat] { try ReportFormat.parse(format) }

  /// The LMS export, when a roster was given.
  func lms() throws -> LMSExport? {
    guard let roster else { return nil }
    return LMSExport(roster: try Roster.load(from: URL(fileURLWithPath: roster)), assignment: assignment, bom: bom)
  }
}
