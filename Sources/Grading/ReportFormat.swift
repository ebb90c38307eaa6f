import Foundation

/// An output of `cblearn grade`: where each is written in `--out` is in docs/grading.md.
public enum ReportFormat: String, Sendable, CaseIterable {
  /// The summary table on standard output.
  case table
  /// `gradebook.csv`.
  case csv
  /// `grades.json` and Exercism's `exercism/STUDENT/NN-slug/results.json`.
  case json
  /// `junit.xml`.
  case junit
  /// Gradescope's `gradescope/STUDENT/results.json`.
  case gradescope
  /// `index.html`, `index.json` and `students/STUDENT.html`.
  case html

  /// Parses `table,csv,…`; `all` means every format.
  public static func parse(_ text: String) throws -> [ReportFormat] {
    var formats: [ReportFormat] = []
    for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
    where !part.isEmpty {
      if part == "all" { return allCases }
      guard let format = ReportFormat(rawValue: part) else { throw GradingError.unknownFormat(part) }
      if !formats.contains(format) { formats.append(format) }
    }
    return formats.isEmpty ? allCases : formats
  }
}
