import Foundation

/// An exercise's `hints.md`: a ladder of three levels, `## Nudge`, `## Idea` and `## Nearly the code`.
public struct Hints: Sendable {
  /// One rung of the ladder.
  public struct Level: Sendable {
    public var title: String
    /// The Markdown of the level, trimmed.
    public var text: String
    /// The 1-based line of its heading.
    public var line: Int
  }

  /// The headings, in order.
  public static let titles = ["Nudge", "Idea", "Nearly the code"]

  /// The three levels, in order.
  public var levels: [Level]

  /// Reads and parses a hints file.
  public static func load(from url: URL) throws -> Hints {
    try parse(ContentFile.read(url, what: "the hints file"), file: url.path)
  }

  /// Parses the text of a hints file; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> Hints {
    var sections: [(title: String, line: Int, lines: [String])] = []
    var inFence = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
      if !inFence, line.hasPrefix("## ") {
        let title = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
        guard let canonical = titles.first(where: { $0.lowercased() == title.lowercased() }) else {
          throw CurriculumError.malformed(
            file: file, line: index + 1, problem: "unknown hint level `## \(title)`",
            fix: "use the headings `## Nudge`, `## Idea` and `## Nearly the code`, in that order")
        }
        sections.append((canonical, index + 1, []))
      } else if !sections.isEmpty {
        sections[sections.count - 1].lines.append(line)
      }
    }
    if inFence {
      throw CurriculumError.malformed(
        file: file, line: nil, problem: "a code block is never closed", fix: "close it with ```")
    }
    for (position, expected) in titles.enumerated() {
      guard position < sections.count else {
        throw CurriculumError.malformed(
          file: file, line: nil, problem: "the hint level `## \(expected)` is missing",
          fix: "write three levels: `## Nudge`, `## Idea` and `## Nearly the code`")
      }
      let section = sections[position]
      guard section.title == expected else {
        throw CurriculumError.malformed(
          file: file, line: section.line, problem: "expected `## \(expected)` here, found `## \(section.title)`",
          fix: "order the levels `## Nudge`, `## Idea`, `## Nearly the code`, each once")
      }
      if section.lines.joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw CurriculumError.malformed(
          file: file, line: section.line, problem: "the hint level `## \(expected)` is empty", fix: "write the hint")
      }
    }
    if sections.count > titles.count {
      throw CurriculumError.malformed(
        file: file, line: sections[titles.count].line, problem: "more than three hint levels",
        fix: "keep exactly `## Nudge`, `## Idea` and `## Nearly the code`")
    }
    return Hints(
      levels: sections.map {
        Level(
          title: $0.title, text: $0.lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
          line: $0.line)
      })
  }
}
