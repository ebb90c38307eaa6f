import Foundation

/// What the renderers may assume about the output: a terminal or not, its size, colour and character set.
///
/// Every renderer takes a `TerminalInfo`, so tests pass a fixed one and never depend on the machine.
/// `detect()` builds the real one from the standard output and the environment.
public struct TerminalInfo: Sendable, Equatable {
  /// Whether the output is an interactive terminal (enables paging and redrawn progress lines).
  public var isTerminal: Bool
  /// Columns available for a line.
  public var width: Int
  /// Rows of the screen (used to decide whether to page).
  public var height: Int
  /// Whether ANSI colours and attributes may be written.
  public var color: Bool
  /// Whether box-drawing and other non-ASCII characters may be written; `false` means pure 7-bit ASCII.
  public var unicode: Bool

  /// The narrowest width renderers lay out for; narrower terminals are treated as this wide.
  public static let minimumWidth = 40

  /// Creates settings; `width` is clamped to at least `minimumWidth`.
  public init(isTerminal: Bool = false, width: Int = 80, height: Int = 24, color: Bool = false, unicode: Bool = true) {
    self.isTerminal = isTerminal
    self.width = max(TerminalInfo.minimumWidth, width)
    self.height = max(1, height)
    self.color = color
    self.unicode = unicode
  }

  /// Plain output for files and pipes: 80 columns, no colour, Unicode characters.
  public static let plain = TerminalInfo()

  /// Whether only 7-bit ASCII may be written.
  public var ascii: Bool { !unicode }

  /// A copy with another width (clamped).
  public func withWidth(_ width: Int) -> TerminalInfo {
    var copy = self
    copy.width = max(TerminalInfo.minimumWidth, width)
    return copy
  }

  /// A copy that writes pure ASCII when `ascii` is true.
  public func forcingASCII(_ ascii: Bool) -> TerminalInfo {
    var copy = self
    if ascii { copy.unicode = false }
    return copy
  }

  /// The settings for the process's standard output (or another descriptor) and environment.
  public static func detect(
    fileDescriptor: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> TerminalInfo {
    let terminal = Platform.isTerminal(fileDescriptor)
    return resolve(
      isTerminal: terminal, windowSize: terminal ? Platform.windowSize(fileDescriptor) : nil,
      environment: environment)
  }

  /// Reads the window size again on a terminal (the window may have been resized since `detect()`); the
  /// rest stays as it was.
  public mutating func refreshSize(fileDescriptor: Int32 = 1) {
    guard isTerminal, let size = Platform.windowSize(fileDescriptor), size.columns > 0 else { return }
    width = max(TerminalInfo.minimumWidth, size.columns)
    if size.rows > 0 { height = size.rows }
  }

  /// The settings for given facts: the pure part of `detect()`, used by tests.
  ///
  /// Width: the window size, else `$COLUMNS`, else 80, at least `minimumWidth`. Colour: only on a terminal,
  /// never when `NO_COLOR` is set and non-empty, never when `TERM` is `dumb`. Unicode: when the locale
  /// (the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG`) names UTF-8.
  public static func resolve(
    isTerminal: Bool, windowSize: (columns: Int, rows: Int)?, environment: [String: String]
  ) -> TerminalInfo {
    let columns = windowSize?.columns ?? environment["COLUMNS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let rows = windowSize?.rows ?? environment["LINES"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    let dumb = environment["TERM"] == "dumb"
    return TerminalInfo(
      isTerminal: isTerminal, width: (columns ?? 80) > 0 ? (columns ?? 80) : 80, height: rows ?? 24,
      color: isTerminal && !noColor && !dumb, unicode: isUTF8Locale(environment))
  }

  /// Whether the locale in the environment uses UTF-8.
  public static func isUTF8Locale(_ environment: [String: String]) -> Bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    let folded = locale.lowercased().replacingOccurrences(of: "-", with: "")
    return folded.contains("utf8")
  }
}
