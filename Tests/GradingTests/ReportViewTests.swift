import Conformance
import Foundation
import Grading
import TerminalUI
import Testing

/// The terminal views of a run: the summary table and the progress lines, on grades built by hand.
@Suite("Summary table and progress")
struct ReportViewTests {
  /// A gradebook of three students without running anything (missing and errored grades).
  func book() throws -> Gradebook {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-views-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for name in ["ana", "bo", "a-student-with-a-very-long-name-indeed"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent("submissions/\(name)"), withIntermediateDirectories: true)
    }
    try Data("a".utf8).write(to: root.appendingPathComponent("submissions/bo/a.py"))
    try Data("b".utf8).write(to: root.appendingPathComponent("submissions/bo/b.py"))
    let options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    return Gradebook(grades: try Grader(content: TestSupport.content, options: options).run(), seed: 1)
  }

  @Test("the summary table fits the width and counts the outcomes", arguments: [40, 60, 100])
  func table(width: Int) throws {
    let lines = SummaryTable.render(try book(), info: TerminalInfo(width: width))
    #expect(lines.allSatisfy { TextWidth.of($0) <= width }, "\(lines)")
    let counts = lines.drop { !$0.isEmpty }.dropFirst().joined(separator: " · ")
    #expect(counts == "3 students · passed 0 · failed 0 · error 1 · missing 2")
  }

  @Test("without a terminal, one plain line per grade")
  func plainProgress() throws {
    let lines = Lines()
    let progress = GradingProgress(info: TerminalInfo(isTerminal: false)) { lines.add($0) }
    let grades = try book().students.flatMap(\.grades)
    progress.start(total: grades.count)
    for grade in grades { progress.record(grade, cached: false) }
    progress.finish()
    let text = lines.text
    #expect(text.contains("grading 3 submissions"))
    #expect(text.contains("[3/3]"))
    #expect(!text.contains("\u{1B}"))
    #expect(progress.countsLine == "passed 0 · failed 0 · error 1 · missing 2")
  }
}

/// Collects written text.
final class Lines: @unchecked Sendable {
  private let lock = NSLock()
  private var parts: [String] = []
  func add(_ text: String) { lock.withLock { parts.append(text) } }
  var text: String { lock.withLock { parts.joined() } }
}
