import Curriculum
import Foundation
import TerminalUI
import Testing

/// A learner reads their own track's language: the hints and the task of a step, as filtered for a track,
/// hold none of the other language's words, and every hint ladder still has its three levels on each track.
@Suite("Track vocabulary")
struct TrackVocabularyTests {
  static let root = ContentRoot(url: FixturePaths.packageRoot)

  /// Words that only the other track's learner should meet, by the track that must not see them.
  static let foreign: [Track: [String]] = [
    .swift: [
      #"\bNone\b"#, #"\bis not None\b"#, #"\bfinally\b"#, #"(^|[\s(`])_[a-z]\w*"#, "expected_exception",
      "BaseException",
      #"\bexcept\b"#, #"\braise\b"#, #"time\.(monotonic|time)"#, #"\bdef\b"#, #"self\."#, #"\.py\b"#,
      #"\bPython\b"#, #"\bTrue\b"#, #"\bFalse\b"#, "kwargs", #"\bsubclass\b"#, #"\bdict\b"#, "is_open",
    ],
    .python: [
      #"\bdefer\b"#, #"\bcatch (where|let|\{)|\} catch\b"#, #"clock\.now"#, "withLock", #"\.swift\b"#, #"\bSwift\b"#,
      #"\bguard\b"#,
      #"\bnil\b"#, "@unchecked", #"\bconfiguration\.\w"#, #"\bthrows\b"#, "isOpen",
    ],
  ]

  /// The steps whose task and hints are checked (step 10's files belong to the capstone's own work).
  static let steps = Array(2...9)

  static let cases: [String] = steps.flatMap { step in Track.allCases.map { "\(step) \($0.rawValue)" } }

  @Test("hints and tasks render on each track and hold none of the other track's words", arguments: cases)
  func ownWords(_ name: String) throws {
    let parts = name.split(separator: " ")
    let step = try #require(LearningPath.standard.step(Int(parts[0])!))
    let track = try #require(Track(rawValue: String(parts[1])))
    let exercise = try Self.root.exercise(step)
    let hints = try exercise.hints(for: track)
    #expect(hints.levels.count == 3)
    let texts = [("README.md", try exercise.readme(for: track))] + hints.levels.map { ("hint \($0.title)", $0.text) }
    for (file, text) in texts {
      // What the REPL prints: rendered, never the raw Markdown it falls back to when rendering fails.
      #expect(throws: Never.self, "step \(step.number) \(track) \(file) does not render") {
        try MarkdownRenderer.validate(text)
      }
      for (number, line) in text.split(separator: "\n").enumerated() {
        for pattern in Self.foreign[track]! where line.range(of: pattern, options: .regularExpression) != nil {
          Issue.record("step \(step.number) \(track) \(file) line \(number + 1) says /\(pattern)/: \(line)")
        }
      }
    }
  }

  /// In lessons, which tell the story of Python and Java libraries too, only the course's own interface
  /// names of the other track are out of place.
  static let foreignInLessons: [Track: [String]] = [
    .swift: ["is_open", #"\bself\._"#, #"time\.monotonic"#, "is not None"],
    .python: ["isOpen", #"clock\.now"#, "withLock", #"\bguard\b"#],
  ]

  @Test("lessons 2 to 9 render on each track and name the learner's own interface", arguments: cases)
  func lessonWords(_ name: String) throws {
    let parts = name.split(separator: " ")
    let step = try #require(LearningPath.standard.step(Int(parts[0])!))
    let track = try #require(Track(rawValue: String(parts[1])))
    let lesson = try Self.root.lesson(step).forTrack(track)
    let body = lesson.body
    try MarkdownRenderer.validate(body, diagrams: try LessonDiagrams.resolve(body, file: lesson.file))
    for (number, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      for pattern in Self.foreignInLessons[track]! where line.range(of: pattern, options: .regularExpression) != nil {
        Issue.record("lesson \(step.number) \(track) body line \(number + 1) says /\(pattern)/: \(line)")
      }
    }
  }

  @Test("the marks: headings, labelled paragraphs and list items, admonitions and table rows")
  func marks() {
    let text = """
      Both.

      ### Swift

      Swift words.

      ```swift
      let x = 1
      ```

      ### Python

      Python words.

      ## Next

      Swift: a labelled paragraph
      that goes on.

      **Python:** another.

      - both
      - Swift: an item
        continued
      - Python: an item

      !!! tip "Python: an aside"
          inside it

      | track | file |
      |---|---|
      | Python | `breaker.py` |
      | Swift | `Breaker.swift` |
      """
    let swift = TrackText.filter(text, for: .swift)
    let python = TrackText.filter(text, for: .python)
    for part in [
      "Swift words.", "let x = 1", "a labelled paragraph\nthat goes on.", "an item\n  continued", "`Breaker.swift`",
    ] {
      #expect(swift.contains(part) && !python.contains(part), "\(part)")
    }
    for part in ["Python words.", "another.", "Python: an item", "an aside", "inside it", "`breaker.py`"] {
      #expect(python.contains(part) && !swift.contains(part), "\(part)")
    }
    for part in ["Both.", "## Next", "- both", "| track | file |"] {
      #expect(python.contains(part) && swift.contains(part), "\(part)")
    }
    #expect(TrackText.filter(text, for: nil).contains("Python words."))
    #expect(!swift.contains("\n\n\n"), "a dropped paragraph takes its blank line with it")
  }
}
