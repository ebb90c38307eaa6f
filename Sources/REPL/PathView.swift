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
    var rows: [Row] = []
    for step in path.steps {
      let number = (step.number < 10 ? " " : "") + "\(step.number)"
      let slug = step.slug.padding(toLength: slugWidth, withPad: " ", startingAt: 0)
      let title = step.title.padding(toLength: 26, withPad: " ", startingAt: 0)
      guard let progress else {
        rows.append(Row(head: "  \(number)  ", slug: slug, title: title, detail: step.level.rawValue, style: { $0 }))
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
      let status = record.status
      rows.append(
        Row(head: "\(pointer) \(marker) \(number)  ", slug: slug, title: title, detail: detail) { text in
          current ? console.style(text, .bold) : (status == .locked ? console.style(text, .dim) : text)
        })
    }
    let layout = Layout.fitting(rows, width: console.info.width)
    return lines + rows.flatMap { row in row.lines(layout, width: console.info.width).map(row.style) }
  }

  /// How the steps are laid out: one line each, the detail on a second line, or stacked (the slug, then the
  /// title and the detail wrapped under it). The same for every step, chosen by the widest.
  enum Layout {
    case single, detailBelow, stacked

    static func fitting(_ rows: [Row], width: Int) -> Layout {
      if rows.allSatisfy({ TextWidth.of($0.single) <= width }) { return .single }
      if rows.allSatisfy({ TextWidth.of($0.named) <= width }) { return .detailBelow }
      return .stacked
    }
  }

  /// One step's parts.
  struct Row {
    var head: String
    var slug: String
    var title: String
    var detail: String
    var style: (String) -> String

    var single: String { trimmed(head + slug + "  " + title + " " + detail) }
    var named: String { trimmed(head + slug + "  " + title) }

    func lines(_ layout: Layout, width: Int) -> [String] {
      let indent = String(repeating: " ", count: TextWidth.of(head))
      let room = max(10, width - indent.count)
      switch layout {
      case .single: return [single]
      case .detailBelow: return [named] + Wrapper.wrap(detail, width: room).map { indent + $0 }
      case .stacked:
        let rest = trimmed(title) + (detail.isEmpty ? "" : ", " + detail)
        return [trimmed(head + slug)] + Wrapper.wrap(rest, width: room).map { indent + $0 }
      }
    }

    private func trimmed(_ text: String) -> String { String(text.reversed().drop { $0 == " " }.reversed()) }
  }
}
