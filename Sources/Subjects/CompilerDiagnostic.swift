import Foundation

/// One diagnostic of the Swift compiler: `file:line:column: error: message` and the excerpt under it.
public struct CompilerDiagnostic: Sendable, Codable, Equatable {
  /// The file as the compiler named it (`[adapter] Name.swift` for the adapter's files).
  public var file: String
  public var line: Int
  public var column: Int
  /// `error`, `warning` or `note`.
  public var severity: String
  public var message: String
  /// The whole block as printed: the header line and the source excerpt with its markers.
  public var text: String

  public init(file: String, line: Int, column: Int, severity: String, message: String, text: String) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
    self.text = text
  }

  /// Splits compiler output into diagnostics; lines before the first header are dropped.
  public static func parse(_ output: String) -> [CompilerDiagnostic] {
    var result: [CompilerDiagnostic] = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if var header = header(line) {
        header.text = line
        result.append(header)
      } else if !result.isEmpty {
        result[result.count - 1].text += "\n" + line
      }
    }
    return result.map { diagnostic in
      var trimmed = diagnostic
      while trimmed.text.hasSuffix("\n") { trimmed.text.removeLast() }
      return trimmed
    }
  }

  /// Orders diagnostics for a reader: errors in `learnerFile` first, by line and column, then the others as
  /// the compiler printed them.
  public static func ordered(_ diagnostics: [CompilerDiagnostic], learnerFile: String) -> [CompilerDiagnostic] {
    let isLearner = { (d: CompilerDiagnostic) in d.file == learnerFile && d.severity == "error" }
    let first = diagnostics.filter(isLearner).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    return first + diagnostics.filter { !isLearner($0) }
  }

  /// Parses `path:12:5: error: message`; `nil` for any other line.
  static func header(_ line: String) -> CompilerDiagnostic? {
    for severity in ["error", "warning", "note"] {
      guard let range = line.range(of: ": \(severity): ") else { continue }
      let place = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
      guard place.count >= 3, let lineNumber = Int(place[place.count - 2]), let column = Int(place[place.count - 1])
      else { continue }
      let file = place.dropLast(2).joined(separator: ":")
      guard !file.isEmpty, !file.contains(" | ") else { continue }
      return CompilerDiagnostic(
        file: file, line: lineNumber, column: column, severity: severity,
        message: String(line[range.upperBound...]), text: line)
    }
    return nil
  }

  /// A short account of a compiler crash (`failed due to signal`, then a stack dump), naming the function it
  /// was compiling when the dump says; nil when the compiler did not crash.
  public static func crashSummary(_ output: String) -> String? {
    guard let signal = output.range(of: #"failed due to signal \d+"#, options: .regularExpression) else { return nil }
    var text = "error: the Swift compiler crashed (\(output[signal].dropFirst("failed due to ".count)))"
    if let place = output.range(of: #"for '[^']+' \(at [^)]+\)"#, options: .regularExpression) {
      let found = output[place]
      let name = found.split(separator: "'")[1]
      let location = found.split(separator: "(at ").last.map { $0.dropLast() } ?? ""
      let file = location.split(separator: "/").last.map(String.init) ?? String(location)
      text += " while compiling `\(name)` (\(file.split(separator: ":").prefix(2).joined(separator: ":")))"
    }
    return text + """
      .
      note: this is a bug in the compiler, not an error in your file. Writing that function a little differently
      usually avoids it: another form of the same statements, a helper function for a closure, or plain `throws`
      instead of typed throws.
      """
  }
}
