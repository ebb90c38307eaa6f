import ArgumentParser
import Foundation

/// The error line and JSON output shared by the commands (terminal settings come from `TerminalInfo`).
enum Output {
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
