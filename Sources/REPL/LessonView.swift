import Conformance
import Curriculum
import Foundation
import TerminalUI

/// A lesson for the terminal: its diagrams resolved by Curriculum (timeline scripts run), then drawn by
/// TerminalUI's Markdown renderer; the text as written if it cannot be drawn.
public struct LessonView {
  public var lesson: Lesson

  public init(lesson: Lesson) { self.lesson = lesson }

  /// The lines to print: a line saying where the lesson sits on the path, then the lesson as rendered.
  ///
  /// The lesson's own `#` heading carries its title. A lesson the renderer cannot draw (a malformed
  /// directive, a timeline script that does not run) is shown as written, after the error, which names the
  /// lesson file and line.
  public func render(on console: Console) -> [String] {
    var about = "Step \(lesson.step) of 10" + console.glyph(" · ", " - ") + lesson.level.rawValue
    if let minutes = lesson.minutes { about += console.glyph(" · ", " - ") + "about \(minutes) minutes" }
    let lines = [console.style(about, .dim), ""]
    do {
      let renderer = MarkdownRenderer(info: console.info, diagrams: try lesson.diagrams())
      return lines + (try renderer.render(lesson.body, firstLine: lesson.bodyLine))
    } catch {
      let note = "(this lesson could not be drawn: \(error); showing it as written)"
      return lines + [note, ""] + lesson.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
  }
}
