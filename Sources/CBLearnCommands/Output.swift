import ArgumentParser
import Foundation
import TerminalUI

/// The error line and JSON output shared by the commands (terminal settings come from `TerminalInfo`).
enum Output {
  /// Prints `error: …` on standard error.
  static func error(_ error: any Error) {
    // Errors can quote a learner's output (a crash, a protocol line): never send its control characters raw.
    let text = ControlEscaper.escape("\(error)")
    FileHandle.standardError.write(Data("error: \(text)\n".utf8))
  }

  /// Prints a value as pretty JSON with sorted keys.
  static func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
  }
}
