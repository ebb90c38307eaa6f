import Foundation
import TerminalUI

/// The live view of a run on standard error: a redrawn bar with counts on a terminal, one plain line per
/// grade otherwise (CI logs).
public final class GradingProgress: @unchecked Sendable {
  private let info: TerminalInfo
  private let write: @Sendable (String) -> Void
  private let lock = NSLock()
  private var total = 0
  private var done = 0
  private var cached = 0
  private var counts: [String: Int] = [:]
  private var drawn = false

  /// `write` receives text for standard error.
  public init(
    info: TerminalInfo, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
  ) {
    self.info = info
    self.write = write
  }

  /// Announces how many submissions will be graded.
  public func start(total: Int) {
    lock.withLock {
      self.total = total
      if info.isTerminal { draw() } else { write("grading \(total) submissions\n") }
    }
  }

  /// Records one grade.
  public func record(_ grade: StepGrade, cached: Bool) {
    lock.withLock {
      done += 1
      if cached { self.cached += 1 }
      counts[grade.outcome, default: 0] += 1
      if info.isTerminal {
        draw()
      } else {
        let reason =
          grade.status == .graded ? "" : ": " + String((grade.message ?? "").split(separator: "\n").first ?? "")
        write(
          "[\(done)/\(total)] \(grade.student) step \(grade.step): \(grade.outcome) \(grade.score)/\(grade.maxScore)"
            + (grade.track.map { " (\($0))" } ?? "") + (cached ? " (cached)" : "") + reason + "\n")
      }
    }
  }

  /// Ends the bar's line.
  public func finish() {
    lock.withLock {
      if info.isTerminal && drawn { write("\r\u{1B}[K") }
      drawn = false
    }
  }

  /// `passed 12 · failed 3 · error 1 · missing 0 · cached 4`.
  public var countsLine: String {
    lock.withLock { line() }
  }

  private func line() -> String {
    let parts = ["passed", "failed", "error", "missing"].map { "\($0) \(counts[$0, default: 0])" }
    return (parts + (cached > 0 ? ["cached \(cached)"] : [])).joined(separator: " · ")
  }

  private func draw() {
    let counter = " \(done)/\(total)  " + line()
    let room = max(10, min(40, info.width - TextWidth.of(counter) - 3))
    let filled = total == 0 ? room : room * done / total
    let glyph = info.unicode ? ("█", "░") : ("#", "-")
    let bar = "[" + String(repeating: glyph.0, count: filled) + String(repeating: glyph.1, count: room - filled) + "]"
    write("\r\u{1B}[K" + TextWidth.truncate(bar + counter, to: info.width - 1))
    drawn = true
  }
}
