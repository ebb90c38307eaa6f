import Conformance
import Curriculum
import Foundation
import TerminalUI

/// A lesson for the terminal: TerminalUI's Markdown renderer, or the text as written if it cannot render it.
public struct LessonView {
  public var lesson: Lesson

  public init(lesson: Lesson) { self.lesson = lesson }

  /// The lines to print: a line saying where the lesson sits on the path, then the lesson as rendered.
  ///
  /// The lesson's own `#` heading carries its title. A lesson the renderer cannot draw (a malformed
  /// directive) is shown as written, after the renderer's error, which names the file's line.
  public func render(on console: Console) -> [String] {
    var about = "Step \(lesson.step) of 10" + console.glyph(" · ", " - ") + lesson.level.rawValue
    if let minutes = lesson.minutes { about += console.glyph(" · ", " - ") + "about \(minutes) minutes" }
    let lines = [console.style(about, .dim), ""]
    do {
      return lines + (try MarkdownRenderer(info: console.info).render(lesson.body, firstLine: lesson.bodyLine))
    } catch {
      let note = "(this lesson could not be drawn: \(error); showing it as written)"
      return lines + [note, ""] + lesson.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
  }
}
