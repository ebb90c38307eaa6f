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
