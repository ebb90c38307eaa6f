import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where output goes and how: terminal detection and the error line.
struct Output {
  var stdoutIsTerminal: Bool
  var stderrIsTerminal: Bool

  static var current: Output { Output(stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1) }

  /// Prints `error: …` on standard error.
  static func error(_ error: any Error) {
    let text = "\(error)"
    FileHandle.standardError.write(Data("error: \(text)\n".utf8))
  }

  /// Prints a value as pretty JSON with sorted keys.
  static func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
  }
}

/// A one-line status on standard error, redrawn in place on a terminal and silent otherwise.
final class ProgressLine: @unchecked Sendable {
  private let enabled: Bool
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func say(_ text: String) {
    guard enabled else { return }
    let width = max(20, Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80) - 1
    FileHandle.standardError.write(Data("\r\u{1B}[K\(String(text.prefix(width)))".utf8))
    shown = true
  }

  func clear() {
    guard enabled, shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
  }
}
