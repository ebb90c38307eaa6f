import Curriculum
import Foundation
import Progress
import TerminalUI

/// The ten steps with the learner's progress: a bar, then one line a step (done, current, locked).
public struct PathView {
  public var path: LearningPath
  public var progress: LearnerProgress?

  public init(path: LearningPath, progress: LearnerProgress?) {
    self.path = path
    self.progress = progress
  }

  /// The lines to print.
  public func render(on console: Console) -> [String] {
    var lines: [String] = []
    let done = progress?.doneCount ?? 0
    if progress != nil {
      let bar = ProgressBar(total: path.count, info: console.info, maxBarWidth: 20).render(completed: done)
      lines.append("Progress \(bar) done")
      lines.append("")
    }
    let slugWidth = path.steps.map(\.slug.count).max() ?? 0
    for step in path.steps {
      let number = (step.number < 10 ? " " : "") + "\(step.number)"
      let slug = step.slug.padding(toLength: slugWidth, withPad: " ", startingAt: 0)
      let title = step.title.padding(toLength: 26, withPad: " ", startingAt: 0)
      guard let progress else {
        lines.append("  \(number)  \(slug)  \(title) \(step.level.rawValue)")
        continue
      }
      let record = progress.record(step.number)
      let current = progress.currentStep == step.number
      let marker: String
      switch record.status {
      case .done: marker = console.style(console.glyph("✓", "x"), color: .green)
      case .locked: marker = console.glyph("·", ".")
      case .inProgress, .available: marker = console.glyph("○", "o")
      }
      let pointer = current ? console.glyph("▸", ">") : " "
      let dot = console.glyph(" · ", " - ")
      var detail = record.status.rawValue.replacingOccurrences(of: "_", with: " ")
      if let best = record.bestScore, let max = record.maxScore {
        detail += dot + "best \(best)/\(max)"
      }
      if record.attempts > 0 {
        detail += dot + "\(record.attempts) attempt\(record.attempts == 1 ? "" : "s")"
      }
      if record.hintsUsed > 0 {
        detail += dot + "\(record.hintsUsed) hint\(record.hintsUsed == 1 ? "" : "s")"
      }
      let style = { (text: String) in
        current ? console.style(text, .bold) : (record.status == .locked ? console.style(text, .dim) : text)
      }
      lines += fitted(head: "\(pointer) \(marker) \(number)  ", slug: slug, title: title, detail: detail, width: console.info.width)
        .map(style)
    }
    return lines
  }

  /// A step's line, or when it is too wide, the detail (then the title) under the slug's column.
  func fitted(head: String, slug: String, title: String, detail: String, width: Int) -> [String] {
    let one = head + slug + "  " + title + " " + detail
    if TextWidth.of(one) <= width { return [one] }
    let indent = String(repeating: " ", count: TextWidth.of(head))
    let named = trailingTrimmed(head + slug + "  " + title)
    if TextWidth.of(named) <= width {
      return [named] + Wrapper.wrap(detail, width: width - indent.count).map { indent + $0 }
    }
    let rest = trailingTrimmed(title) + (detail.isEmpty ? "" : ", " + detail)
    return [trailingTrimmed(head + slug)] + Wrapper.wrap(rest, width: width - indent.count).map { indent + $0 }
  }

  private func trailingTrimmed(_ text: String) -> String { String(text.reversed().drop { $0 == " " }.reversed()) }
}
