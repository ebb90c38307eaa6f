import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A status line redrawn in place with `\r` on a terminal (with an optional spinner), silent elsewhere.
///
/// Off a terminal nothing transient is written, only the lines passed to `finish` or `log`, so piped
/// output and logs stay clean.
public final class ProgressLine {
  /// Output settings: width, colour, character set.
  public let info: TerminalInfo
  private let write: (String) -> Void
  private var shown = 0
  private var frame = 0

  /// Creates a line writing through `write` (standard output by default).
  public init(info: TerminalInfo, write: @escaping (String) -> Void = ProgressLine.standardOutput) {
    self.info = info
    self.write = write
  }

  /// Writes to standard output and flushes.
  public static func standardOutput(_ text: String) {
    print(text, terminator: "")
    fflush(nil)
  }

  /// Writes to standard error (unbuffered), for progress that must not mix with piped output.
  public static func standardError(_ text: String) {
    fflush(nil)
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The spinner frames for the character set.
  public var frames: [String] {
    info.unicode ? ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"] : ["|", "/", "-", "\\"]
  }

  /// Replaces the line with `text` (terminal only).
  public func update(_ text: String) {
    guard info.isTerminal else { return }
    let line = TextWidth.truncate(TextWidth.stripANSI(text), to: info.width - 1, marker: Glyphs(info).ellipsis)
    let width = TextWidth.of(line)
    write("\r" + line + String(repeating: " ", count: max(0, shown - width)) + (shown > width ? "\r" + line : ""))
    shown = width
  }

  /// Replaces the line with the next spinner frame and `text` (terminal only).
  public func spin(_ text: String) {
    guard info.isTerminal else { return }
    let current = frames[frame % frames.count]
    frame += 1
    update(current + " " + text)
  }

  /// Clears the transient line, then writes `text` as a permanent line.
  public func log(_ text: String) {
    clear()
    write(text + "\n")
  }

  /// Clears the transient line and, when given, writes a final line.
  public func finish(_ text: String? = nil) {
    clear()
    if let text { write(text + "\n") }
  }

  private func clear() {
    guard info.isTerminal, shown > 0 else { return }
    write("\r" + String(repeating: " ", count: shown) + "\r")
    shown = 0
  }
}
