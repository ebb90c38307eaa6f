import Curriculum
import Foundation
import Testing

/// Lessons and hints teach; they must not hand out the answer. For every reference solution, the share of
/// its lines (non-blank, non-trivial) that appear in its step's lesson and hints together stays at or below
/// about a third.
@Suite("Solution share")
struct SolutionShareTests {
  static let root = ContentRoot(url: FixturePaths.packageRoot)
  /// The most of a solution's lines that its lesson and hints may show.
  static let limit = 0.34

  static let subjects: [SharedLines.Subject] = LearningPath.standard.steps.flatMap { step -> [SharedLines.Subject] in
    guard root.hasExercise(step), let exercise = try? root.exercise(step) else { return [] }
    return Track.allCases.compactMap { track in
      guard let relative = exercise.manifest.solutions[track] else { return nil }
      return SharedLines.Subject(
        step: step.number, track: track, solution: exercise.directory.appendingPathComponent(relative))
    }
  }

  @Test("at most a third of a reference solution's lines appear in its lesson and hints", arguments: subjects)
  func share(_ subject: SharedLines.Subject) throws {
    let step = try #require(LearningPath.standard.step(subject.step))
    let solution = try String(contentsOf: subject.solution, encoding: .utf8)
    var teaching = try String(contentsOf: Self.root.lessonURL(step), encoding: .utf8)
    let exercise = try Self.root.exercise(step)
    if let hints = try? String(contentsOf: exercise.hintsURL, encoding: .utf8) { teaching += "\n" + hints }
    let measured = SharedLines.measure(solution: solution, track: subject.track, teaching: teaching)
    if ProcessInfo.processInfo.environment["CBLEARN_SHARE_REPORT"] != nil {
      print("SHARE \(subject): \(measured.shown.count)/\(measured.total) = \(Int((measured.share * 100).rounded())) %")
    }
    #expect(measured.total > 0, "\(subject): no countable lines")
    #expect(
      measured.share <= Self.limit,
      """
      \(subject): \(measured.shown.count) of \(measured.total) lines (\(Int(measured.share * 100)) %) of the \
      solution appear in the lesson and hints:
      \(measured.shown.joined(separator: "\n"))
      """)
  }

  @Test("the measure: trivial lines do not count, shown lines do, comments are ignored")
  func measure() {
    let solution = """
      import time

      def call(self, func):
          if time.monotonic() - self._last < self.timeout:  # reject
              raise CircuitOpenError("open")
          self._state = CircuitState.HALF_OPEN
          return func()
      """
    let teaching = "```python\nif time.monotonic() - self._last < self.timeout:\n```\n"
    let measured = SharedLines.measure(solution: solution, track: .python, teaching: teaching)
    #expect(measured.total == 5)
    #expect(measured.shown == ["if time.monotonic() - self._last < self.timeout:"])
  }
}

/// How many of a solution's lines a text shows.
enum SharedLines {
  struct Subject: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    var step: Int
    var track: Track
    var solution: URL
    var description: String { "step \(step) \(track.rawValue) solution (\(solution.lastPathComponent))" }
    var testDescription: String { description }
  }

  struct Measured {
    var total: Int
    var shown: [String]
    var share: Double { total == 0 ? 0 : Double(shown.count) / Double(total) }
  }

  static func measure(solution: String, track: Track, teaching: String) -> Measured {
    let taught = Set(teaching.split(separator: "\n").map { loose(normalize(String($0), track)) })
    var total = 0
    var shown: [String] = []
    var inDocstring = false
    for raw in solution.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = normalize(String(raw), track)
      if track == .python, line.hasPrefix("\"\"\"") {
        let closesHere = line.count > 3 && line.hasSuffix("\"\"\"")
        if !closesHere { inDocstring.toggle() }
        continue
      }
      if inDocstring || isTrivial(line, track) { continue }
      total += 1
      if taught.contains(loose(line)) { shown.append(line) }
    }
    return Measured(total: total, shown: shown)
  }

  /// The line without indentation, repeated spaces or a trailing comment.
  static func normalize(_ line: String, _ track: Track) -> String {
    var text = line
    for marker in track == .python ? ["  #", "\t#"] : ["  //", "\t//"] {
      if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
    }
    return text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }

  /// The line as compared: renamed receivers, underscores, spaces and case do not hide a copied line.
  static func loose(_ line: String) -> String {
    line.replacingOccurrences(of: "self.", with: "").filter { $0 != "_" && $0 != " " }.lowercased()
  }

  /// Blank lines, comments, imports, lone keywords and punctuation carry no part of the answer.
  static func isTrivial(_ line: String, _ track: Track) -> Bool {
    if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("//") { return true }
    if line.hasPrefix("import ") || line.hasPrefix("from ") { return true }
    if line.allSatisfy({ "{}()[],:;".contains($0) }) { return true }
    let keywords: Set<String> = [
      "else:", "try:", "finally:", "return", "raise", "pass", "break", "continue", "} else {", "do {", "} catch {",
      "default: break", "throw error", "return nil", "return None", "return result", "return value", "@property",
      "}", "})", "})",
    ]
    return keywords.contains(line)
  }
}
