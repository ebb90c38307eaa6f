import Curriculum
import Foundation

/// One tagged code block of a lesson, a task or a hint ladder, and how it is checked.
///
/// The info string is the language, then optionally the block's context (docs/curriculum.md): none, a
/// whole file of declarations; `member`, members of a breaker class that has the usual fields; `body`,
/// statements inside a throwing method of that class; `fragment`, a deliberately partial line or two that
/// is not compiled; `skeleton`, a hint's code with `___` blanks for the learner, not compiled either.
struct Snippet: Sendable, CustomStringConvertible {
  enum Context: String, Sendable, CaseIterable { case file, member, body, fragment, skeleton }

  /// The path, relative to the package root.
  var file: String
  /// The 1-based line of the opening fence.
  var line: Int
  var track: Track
  var context: Context?
  /// The context word as written, when it is not one of `Context`.
  var unknownContext: String?
  var code: [String]

  var description: String { "\(file):\(line) (\(track.rawValue) \(context?.rawValue ?? unknownContext ?? ""))" }

  /// The most lines a `fragment` may have: longer code is a file, a member or a body, and compiles.
  static let fragmentLimit = 8

  /// Every tagged block of the lessons, tasks and hints under `root`.
  static func all(root: URL) throws -> [Snippet] {
    var files: [String] = []
    let manager = FileManager.default
    for name in try manager.contentsOfDirectory(atPath: root.appendingPathComponent("lessons").path).sorted()
    where name.hasSuffix(".md") {
      files.append("lessons/\(name)")
    }
    for folder in try manager.contentsOfDirectory(atPath: root.appendingPathComponent("exercises").path).sorted() {
      for name in ["README.md", "hints.md"]
      where manager.fileExists(atPath: root.appendingPathComponent("exercises/\(folder)/\(name)").path) {
        files.append("exercises/\(folder)/\(name)")
      }
    }
    return try files.flatMap { file in
      try parse(String(contentsOf: root.appendingPathComponent(file), encoding: .utf8), file: file)
    }
  }

  /// The tagged blocks of one Markdown text.
  static func parse(_ text: String, file: String) -> [Snippet] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var snippets: [Snippet] = []
    var index = 0
    while index < lines.count {
      let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("```") else {
        index += 1
        continue
      }
      let indent = lines[index].prefix(while: { $0 == " " }).count
      let words = trimmed.dropFirst(3).split(separator: " ").map { String($0).lowercased() }
      var end = index + 1
      while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") { end += 1 }
      let track: Track? =
        switch words.first {
        case "swift": .swift
        case "python", "py": .python
        default: nil
        }
      if let track {
        let word = words.count > 1 ? words[1] : "file"
        let code = lines[(index + 1)..<min(end, lines.count)].map {
          String($0.dropFirst(min(indent, $0.prefix(while: { $0 == " " }).count)))
        }
        snippets.append(
          Snippet(
            file: file, line: index + 1, track: track, context: Context(rawValue: word),
            unknownContext: Context(rawValue: word) == nil ? word : nil, code: code))
      }
      index = end + 1
    }
    return snippets
  }
}
