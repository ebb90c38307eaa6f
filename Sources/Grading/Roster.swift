import Foundation

/// `--roster FILE`: the class list that maps each student's folder to their identity in the LMS, a CSV
/// with a header row (docs/grading.md, "Importing into Canvas and Moodle").
///
/// `folder` is required; any of `name`, `canvas_id`, `sis_user_id`, `sis_login_id`, `section`, `email`,
/// `username`, `idnumber` are copied into the LMS files.
public struct Roster: Sendable, Equatable {
  /// One student of the class.
  public struct Entry: Sendable, Equatable {
    /// The name of the student's folder in SUBMISSIONS_DIR.
    public var folder: String
    /// Column name → value, for the LMS identity columns.
    public var fields: [String: String]
    /// The roster's line, for messages.
    public var line: Int
  }

  public static let columns = [
    "folder", "name", "canvas_id", "sis_user_id", "sis_login_id", "section", "email", "username", "idnumber",
  ]

  public var entries: [Entry]
  public var file: String

  /// Reads a roster; errors name the file and line.
  public static func load(from url: URL) throws -> Roster {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw GradingError.roster(file: url.path, line: nil, problem: "cannot read the file")
    }
    var text = String(decoding: data, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return try parse(text, file: url.path)
  }

  /// Parses a roster's text.
  public static func parse(_ text: String, file: String) throws -> Roster {
    let rows = CSVTable.parse(text)
    guard let header = rows.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
      throw GradingError.roster(file: file, line: 1, problem: "the file is empty: write a header row with `folder`")
    }
    guard let folderColumn = header.firstIndex(of: "folder") else {
      throw GradingError.roster(
        file: file, line: 1, problem: "the header has no `folder` column (it has \(header.joined(separator: ", ")))")
    }
    for name in header where !columns.contains(name) {
      throw GradingError.roster(
        file: file, line: 1, problem: "unknown column `\(name)`; known: \(columns.joined(separator: ", "))")
    }
    var entries: [Entry] = []
    var seen: [String: Int] = [:]
    for (index, row) in rows.enumerated().dropFirst() {
      let line = index + 1
      guard row.count == header.count else {
        throw GradingError.roster(
          file: file, line: line, problem: "\(row.count) fields where the header has \(header.count)")
      }
      let folder = row[folderColumn]
      guard !folder.isEmpty else { throw GradingError.roster(file: file, line: line, problem: "`folder` is empty") }
      if let first = seen[folder] {
        throw GradingError.roster(file: file, line: line, problem: "`\(folder)` is already on line \(first)")
      }
      seen[folder] = line
      var fields: [String: String] = [:]
      for (column, value) in zip(header, row) where column != "folder" { fields[column] = value }
      entries.append(Entry(folder: folder, fields: fields, line: line))
    }
    return Roster(entries: entries, file: file)
  }
}

/// A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF line ends.
enum CSVTable {
  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var atFieldStart = true
    for char in text {
      if quoted {
        if char == "\"" {
          quoted = false
        } else {
          field.append(char)
        }
        continue
      }
      switch char {
      case "\"":
        // A quote opens a quoted field at its start; inside a field after a closing quote it is an escaped one.
        if !atFieldStart { field.append("\"") }
        quoted = true
        atFieldStart = false
      case ",":
        row.append(field)
        field = ""
        atFieldStart = true
      case "\n", "\r\n":
        row.append(field)
        if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
        row = []
        field = ""
        atFieldStart = true
      case "\r":
        continue
      default:
        field.append(char)
        atFieldStart = false
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}
