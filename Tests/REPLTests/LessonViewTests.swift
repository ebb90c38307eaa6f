import Curriculum
import REPL
import TerminalUI
import Testing

/// The REPL's lesson view draws a lesson's diagrams as Curriculum resolves them, and a lesson it cannot draw
/// is shown as written after an error naming the lesson file and line.
@Suite("Lesson view")
struct LessonViewTests {
  static let file = "lessons/02-state-machine.md"

  /// A step-2 lesson with `directive` on file line 9.
  static func lesson(_ directive: String) throws -> Lesson {
    let text = "---\nstep: 2\nslug: state-machine\ntitle: T\nlevel: beginner\n---\n# T\n\n\(directive)\n"
    return try Lesson.parse(text, file: file)
  }

  /// A console 80 columns wide that reads nothing.
  static func console() -> Console { Console(info: TerminalInfo(width: 80), reader: PlainLineReader()) }

  @Test("a timeline is drawn from the trace of its script")
  func drawsTimelines() throws {
    let lesson = try Self.lesson(#"::: diagram timeline failure_threshold=2 script="fail fail +30 ok""#)
    let lines = LessonView(lesson: lesson).render(on: Self.console())
    #expect(lines.contains { $0.hasPrefix("HALF_OPEN") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("ops") })
    #expect(!lines.joined().contains("could not be drawn"))
  }

  @Test("a script that does not run is shown as written, after an error naming the file and line")
  func badScriptsNameFileAndLine() throws {
    let directive = #"::: diagram timeline failure_threshold=2 script="fail boom""#
    let lines = LessonView(lesson: try Self.lesson(directive)).render(on: Self.console())
    let note = lines.first { $0.contains("could not be drawn") } ?? ""
    #expect(note.contains("\(Self.file):9: malformed diagram directive: unknown script token 'boom'"), "\(lines)")
    #expect(lines.contains(directive))
  }
}
