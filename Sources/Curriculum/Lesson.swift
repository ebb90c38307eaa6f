import Foundation
import Yams

/// How far along the path a step is: beginner, production or advanced.
public enum Level: String, Sendable, Codable, CaseIterable {
  case beginner, production, advanced
}

/// A lesson: `lessons/NN-slug.md`, YAML front matter between `---` lines, then CommonMark prose.
public struct Lesson: Sendable {
  public var step: Int
  public var slug: String
  public var title: String
  public var level: Level
  /// Estimated minutes to read and do the step.
  public var minutes: Int?
  /// Slugs of steps to know first.
  public var prerequisites: [String]
  /// Related patterns (`timeout`, `retry-backoff`).
  public var related: [String]
  /// Check ids this step introduces.
  public var checks: [String]
  /// The Markdown after the front matter.
  public var body: String
  /// The 1-based line of the file where `body` starts.
  public var bodyLine: Int
  /// The file the lesson was read from, as shown in errors.
  public var file: String

  static let keys = ["step", "slug", "title", "level", "minutes", "prerequisites", "related", "checks"]

  /// Reads and parses a lesson file.
  public static func load(from url: URL) throws -> Lesson {
    try parse(ContentFile.read(url, what: "the lesson"), file: url.path)
  }

  /// Parses a lesson's text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> Lesson {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
      throw CurriculumError.malformed(
        file: file, line: 1, problem: "the lesson does not start with front matter",
        fix: "begin the file with a `---` line, the step, slug, title and level, and another `---` line")
    }
    guard
      let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" })
    else {
      throw CurriculumError.malformed(
        file: file, line: 1, problem: "the front matter is never closed", fix: "end it with a `---` line")
    }
    let yaml = YAMLFile(path: file, lineOffset: 1)
    let front = try yaml.mapping(lines[1..<close].joined(separator: "\n"), expecting: "the front matter")
    try front.rejectUnknownKeys(keys, in: "the front matter")
    let levelNode = try front.required("level")
    guard let level = Level(rawValue: levelNode.string ?? "") else {
      throw yaml.error(
        at: levelNode, "`level` must be beginner, production or advanced, not `\(levelNode.string ?? "")`",
        fix: "fix the level")
    }
    let step = try front.int("step")
    guard (1...99).contains(step) else {
      throw yaml.error(at: front["step"], "`step` must be between 1 and 99", fix: "fix the step number")
    }
    let minutes = try front.optionalInt("minutes")
    let checks = try front.stringList("checks")
    let body = lines[(close + 1)...].joined(separator: "\n")
    let lesson = Lesson(
      step: step, slug: try front.string("slug"), title: try front.string("title"), level: level,
      minutes: minutes, prerequisites: try front.stringList("prerequisites"), related: try front.stringList("related"),
      checks: checks, body: body, bodyLine: close + 2, file: file)
    try lesson.validateFileName(yaml: yaml, front: front)
    return lesson
  }

  /// A file named `NN-slug.md` must agree with its front matter.
  private func validateFileName(yaml: YAMLFile, front: YAMLMap) throws {
    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    guard let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]) else { return }
    if number != step {
      throw yaml.error(
        at: front["step"], "`step: \(step)` disagrees with the file name \(name).md",
        fix: "make the front matter say `step: \(number)` or rename the file")
    }
    let fileSlug = String(name[name.index(after: dash)...])
    if fileSlug != slug {
      throw yaml.error(
        at: front["slug"], "`slug: \(slug)` disagrees with the file name \(name).md",
        fix: "make the front matter say `slug: \(fileSlug)` or rename the file")
    }
  }
}
