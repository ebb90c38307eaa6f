import Conformance
import Curriculum
import Foundation
import Testing

@testable import TerminalUI

@Suite struct MarkdownRendererTests {
  static let sample = #"""
    # The basic breaker

    A breaker wraps every call to a dependency. It counts *consecutive* failures, and after
    `failure_threshold` of them it **opens**: calls fail fast with `CircuitOpenError` instead of waiting
    for a timeout. See [the tutorial](https://example.com/circuit-breaker) and <https://example.com/faq>.
    Names like failure_threshold keep their underscores.

    ## What you build

    - A `call(operation)` method that passes results through unchanged.
    - A counter of consecutive failures that a success resets to zero, even when the failure
      happened a long time ago.
      - Nested: only counted errors move it.
    - A clock you inject, so that tests control time.

    8. Make the first check pass.
    9. Run `cblearn check 3 breaker.py` and read the **failing** check's trace.
    10. Double-digit numbers align.

    ### Configuration

    | Use case | failure_threshold | recovery_timeout | Why |
    |:---------|------------------:|:----------------:|-----|
    | Critical API | 3 | 30s | fail fast, users are waiting and every second of a hung thread costs money |
    | Background job | 10 | 300s | retries are cheap |
    | Third-party API | 5 | 60s | rate limits apply |

    ```python
    class CircuitBreaker:
        def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
            self.failure_threshold = failure_threshold
    ```

    > A breaker that never closes again is worse than none: it turns a short outage into a
    > permanent one.

    ---

    !!! warning "Thresholds too low"
        Normal transient failures open the breaker **unnecessarily**.

        - Measure your error rate first.

    !!! tip
        Read the trace from the top.

    ::: diagram state-machine failure_threshold=3 recovery_timeout=30 highlight=half_open

    ::: diagram timeline failure_threshold=2 recovery_timeout=30 script="fail fail +30 ok"
    """#

  /// The sample's diagrams as a lesson's are resolved before drawing (Curriculum runs the timeline's script).
  static func diagrams() throws -> [Int: Diagram] { try LessonDiagrams.resolve(sample, file: "sample.md") }

  /// The sample drawn with its resolved diagrams.
  static func renderSample(_ info: TerminalInfo) throws -> [String] {
    try MarkdownRenderer(info: info, diagrams: try diagrams()).render(sample)
  }

  @Test(arguments: [80, 50])
  func goldenLesson(width: Int) throws {
    let plain = try Self.renderSample(TerminalInfo(width: width))
    try Golden.check(plain, "lesson-sample-\(width).txt")
    for line in plain { #expect(TextWidth.of(line) <= width, "\(line)") }
    let ascii = try Self.renderSample(TerminalInfo(width: width, unicode: false))
    try Golden.check(ascii, "lesson-sample-\(width)-ascii.txt")
    #expect(ascii.joined().unicodeScalars.allSatisfy { $0.value < 128 })
  }

  @Test func goldenColour() throws {
    let info = TerminalInfo(isTerminal: true, width: 80, color: true)
    try Golden.check(try Self.renderSample(info), "lesson-sample-80-colour.txt")
  }

  @Test func setextHeadingsAndNestedBlocks() throws {
    let text = "Title\n=====\n\n1. Step:\n\n   ```\n   code\n   ```\n2. Next\n   - inner\n"
    let lines = try MarkdownRenderer().render(text)
    #expect(lines == ["Title", "=====", "", "1. Step:", "", "       code", "2. Next", "   ◦ inner"])
  }

  @Test func colourOnlyWhenAllowed() throws {
    let colour = try Self.renderSample(TerminalInfo(isTerminal: true, color: true))
    #expect(colour.joined().contains("\u{1B}["))
    #expect(!colour.joined().contains("**opens**"))
    for line in colour { #expect(TextWidth.of(line) <= 80) }
    let plain = try Self.renderSample(TerminalInfo(isTerminal: true, color: false))
    #expect(!plain.joined().contains("\u{1B}"))
    #expect(plain.contains("The basic breaker"))
    #expect(plain.contains("================="))
  }

  @Test func inlineMarksInPlainMode() {
    let text = InlineMarkdown(color: false).render("a `x y` *b* **c** [d](http://e) snake_case_name").plain
    #expect(text == "a `x y` _b_ *c* d (http://e) snake_case_name")
    #expect(InlineMarkdown(color: false).render("***both*** and **a *b* c**").plain == "*_both_* and *a _b_ c*")
    let colour = InlineMarkdown(color: true).render("**c** `x`")
    #expect(colour.plain == "c x")
    #expect(colour.spans.first?.attributes == .bold)
  }

  @Test func wrappingUsesDisplayWidth() {
    let lines = Wrapper.wrap(StyledText("数据 数据 数据 数据 数据"), width: 10).map(\.plain)
    #expect(lines == ["数据 数据", "数据 数据", "数据"])
    #expect(TextWidth.of("\u{1B}[1mbold\u{1B}[0m") == 4)
    #expect(TextWidth.of("é") == 1)
  }

  @Test func longCodeLinesBreakWithAContinuationMarkAndLoseNothing() throws {
    let long = (0..<100).map { String($0 % 10) }.joined()
    let lines = try MarkdownRenderer(info: TerminalInfo(width: 40)).render("```\n\(long)\n```")
    #expect(lines.count == 3)
    #expect(lines.dropLast().allSatisfy { $0.hasSuffix("↩") && TextWidth.of($0) == 40 })
    // The first piece after the block's indent (2), the others after their hanging indent (2 more).
    let pieces = lines.enumerated().map { $0.element.dropFirst($0.offset == 0 ? 2 : 4) }
    #expect(pieces.map { $0.replacingOccurrences(of: "↩", with: "") }.joined() == long)
    let ascii = try MarkdownRenderer(info: TerminalInfo(width: 40, unicode: false)).render("```\n\(long)\n```")
    #expect(ascii[0].hasSuffix("\\"))
    for line in lines + ascii { #expect(!line.hasSuffix("…")) }
  }

  @Test func narrowTablesBecomeKeyValueLists() throws {
    let table = """
      | Use case | failure_threshold | recovery_timeout | half_open_max_calls | Why |
      |---|---|---|---|---|
      | Critical API | 3 | 30s | 1 | users wait |
      """
    let wide = try MarkdownRenderer(info: TerminalInfo(width: 100)).render(table)
    #expect(wide[0].contains("│"))
    let narrow = try MarkdownRenderer(info: TerminalInfo(width: 50)).render(table)
    #expect(
      narrow == [
        "• Use case: Critical API", "  failure_threshold: 3", "  recovery_timeout: 30s",
        "  half_open_max_calls: 1", "  Why: users wait",
      ])
  }

  @Test func tablesShrinkAndWrapBeforeDegrading() throws {
    let table = """
      | a | b |
      |---|---|
      | one two three four five six seven | eight nine ten eleven twelve thirteen |
      """
    let lines = try MarkdownRenderer(info: TerminalInfo(width: 40)).render(table)
    #expect(lines.count > 3)
    for line in lines { #expect(TextWidth.of(line) <= 40) }
    #expect(lines[0].hasPrefix("a"))
  }

  @Test func malformedDirectivesNameTheLine() {
    let cases: [(String, Int, String)] = [
      ("text\n\n::: diagram clock", 3, "unknown diagram kind 'clock'"),
      ("::: diagram state-machine failure_threshold=zero", 1, "failure_threshold must be a whole number"),
      ("::: diagram state-machine colour=red", 1, "unknown key 'colour'"),
      ("::: diagram state-machine highlight=purple", 1, "highlight must be"),
      ("::: diagram timeline failure_threshold=2", 1, "needs script"),
      ("::: diagram timeline script=\"fail", 1, "not closed"),
      ("::: chart", 1, "unknown directive"),
    ]
    for (text, line, words) in cases {
      do {
        _ = try MarkdownRenderer().render(text)
        Issue.record("no error for \(text)")
      } catch let error as TerminalUIError {
        guard case .malformedDirective(let at, _) = error else {
          Issue.record("wrong error \(error)")
          continue
        }
        #expect(at == line)
        #expect(error.description.contains(words), "\(error)")
        #expect(error.description.hasPrefix("line \(line): "))
      } catch {
        Issue.record("unexpected error \(error)")
      }
    }
  }

  @Test func otherMalformedMarkdownNamesTheLine() {
    #expect(throws: TerminalUIError.malformedMarkdown(line: 12, message: "code block is not closed: add a line ```")) {
      try MarkdownRenderer().render("intro\n\n```swift\nlet x = 1", firstLine: 10)
    }
    #expect(throws: TerminalUIError.self) { try MarkdownRenderer().render("!!! caution \"x\"\n    body") }
  }

  @Test func nestedBlocksStayInsideTheWidth() throws {
    let text = """
      !!! note "A diagram in a box"
          ::: diagram state-machine failure_threshold=3

          > - quoted list item with `code` and a long enough sentence to wrap around

      - item

        !!! danger
            ```
            a very long line of code that is certainly wider than the box around it
            ```
      """
    for width in [40, 55, 80] {
      let lines = try MarkdownRenderer(info: TerminalInfo(width: width)).render(text)
      for line in lines { #expect(TextWidth.of(line) <= width, "width \(width): \(line)") }
    }
  }

  @Test func windowDirectivesUseTheRateRule() throws {
    let directive = try DiagramDirective.parse(
      "::: diagram timeline window=count window_size=4 minimum_calls=4 failure_rate_threshold=50 script=\"ok ok ok ok fail fail\"",
      line: 7)
    #expect(try directive.profile().tripRule == .rate)
    let trace = try Demo.trace(script: directive.script ?? "", config: directive.config(), profile: directive.profile())
    let text = try directive.diagram(trace: trace).lines(info: .plain).map(\.plain)
    #expect(text.contains { $0.hasPrefix("7 ") && $0.hasSuffix("OPEN") })
    let machine = try MarkdownRenderer().render("::: diagram state-machine window=time window_size=60 minimum_calls=10")
    #expect(machine.contains { $0.contains("≥50% failures") })
    #expect(machine.contains { $0.contains("of calls in 60s") })
    #expect(throws: TerminalUIError.self) {
      try DiagramDirective.parse("::: diagram state-machine window_size=4", line: 1)
    }
    #expect(throws: TerminalUIError.self) {
      try DiagramDirective.parse("::: diagram state-machine window=sliding", line: 1)
    }
  }

  @Test("a resolved diagram is drawn in place of its directive's own numbers, found by the directive's line")
  func resolvedDiagramsAreDrawn() throws {
    let text = "intro\n\n::: diagram state-machine failure_threshold=2"
    let resolved = Diagram.stateMachine(
      config: BreakerConfig(failureThreshold: 7, recoveryTimeout: 30), profile: .tutorial, highlight: nil)
    let lines = try MarkdownRenderer(diagrams: [12: resolved]).render(text, firstLine: 10).joined(separator: "\n")
    #expect(lines.contains("7 consecutive failures") && !lines.contains("2 consecutive failures"))
    let own = try MarkdownRenderer().render(text, firstLine: 10).joined(separator: "\n")
    #expect(own.contains("2 consecutive failures"))
  }

  @Test("a timeline is drawn only from a trace it is given: TerminalUI runs no script")
  func timelinesNeedTheirTrace() throws {
    let text = "a\nb\n::: diagram timeline failure_threshold=2 script=\"fail fail\""
    #expect(throws: TerminalUIError.unresolvedTimeline(line: 3)) { try MarkdownRenderer().render(text) }
    let directives = try MarkdownRenderer.directives(in: "- item\n\n  " + text.split(separator: "\n").last!)
    #expect(directives.map(\.kind) == [.timeline])
    let trace = [TraceEntry(t: 0, op: "create", observed: "ok", state: .closed)]
    let lines = try MarkdownRenderer(diagrams: [3: .timeline(trace: trace, legend: true)]).render(text)
    #expect(lines.contains { $0.hasPrefix("CLOSED") })
  }

  @Test func realLessonsRender() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("lessons")
    let files = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    for file in files where file.hasSuffix(".md") {
      let lesson = try Lesson.load(from: root.appendingPathComponent(file))
      let diagrams = try lesson.diagrams()
      for width in [40, 80, 120] {
        let renderer = MarkdownRenderer(info: TerminalInfo(width: width), diagrams: diagrams)
        let lines = try renderer.render(lesson.body, firstLine: lesson.bodyLine)
        for line in lines { #expect(TextWidth.of(line) <= width, "\(file) at \(width): \(line)") }
      }
    }
  }
}
