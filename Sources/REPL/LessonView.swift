import Conformance
import Curriculum
import Foundation
import TerminalUI

/// A lesson for the terminal: TerminalUI's Markdown renderer, or the text as written if it cannot render it.
public struct LessonView {
  public var lesson: Lesson

  public init(lesson: Lesson) { self.lesson = lesson }

  /// The lines to print.
  public func render(on console: Console) -> [String] {
    var lines = [console.style("Step \(lesson.step): \(lesson.title)", .bold)]
    if let minutes = lesson.minutes {
      lines.append(lesson.level.rawValue + console.glyph(" · ", " - ") + "about \(minutes) minutes")
    }
    lines.append("")
    if let rendered = try? MarkdownRenderer(info: console.info).render(lesson.body, firstLine: lesson.bodyLine) {
      return lines + rendered
    }
    for line in lesson.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("::: diagram ") {
        lines += diagram(line, on: console)
      } else {
        lines.append(line)
      }
    }
    return lines
  }

  /// Draws a `::: diagram state-machine key=value ...` directive; other directives are shown as a note.
  func diagram(_ line: String, on console: Console) -> [String] {
    let words = line.dropFirst("::: diagram ".count).split(separator: " ").map(String.init)
    guard words.first == "state-machine" else { return ["[diagram: \(words.joined(separator: " "))]"] }
    var config = BreakerConfig()
    var highlight: BreakerState?
    for word in words.dropFirst() {
      let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { continue }
      switch parts[0] {
      case "failure_threshold": config.failureThreshold = Int(parts[1]) ?? config.failureThreshold
      case "recovery_timeout": config.recoveryTimeout = Double(parts[1]) ?? config.recoveryTimeout
      case "half_open_max_calls": config.halfOpenMaxCalls = Int(parts[1])
      case "success_threshold": config.successThreshold = Int(parts[1])
      case "highlight": highlight = BreakerState(lenient: parts[1])
      default: break
      }
    }
    return StateDiagram(config: config, highlight: highlight, info: console.info).render()
  }
}
