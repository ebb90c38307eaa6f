import Foundation
import Testing

/// Compares rendered output with a golden file beside the tests; `CBLEARN_RECORD_GOLDEN=1` re-records it.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var recording: Bool { ProcessInfo.processInfo.environment["CBLEARN_RECORD_GOLDEN"] == "1" }

  /// Expects `lines` to equal the golden file `name` (one line each, newline-terminated).
  static func check(_ lines: [String], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let text = lines.joined(separator: "\n") + "\n"
    let url = directory.appendingPathComponent(name)
    if recording || !FileManager.default.fileExists(atPath: url.path) {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      if !recording {
        Issue.record("recorded missing golden file \(name); run the tests again", sourceLocation: sourceLocation)
      }
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    guard text != expected else { return }
    let (got, want) = (text.components(separatedBy: "\n"), expected.components(separatedBy: "\n"))
    let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
    let show = { (lines: [String]) in line < lines.count ? lines[line].debugDescription : "(end of output)" }
    Issue.record(
      """
      output differs from Golden/\(name) at line \(line + 1); re-record with CBLEARN_RECORD_GOLDEN=1
        expected: \(show(want))
        actual:   \(show(got))
      """, sourceLocation: sourceLocation)
  }
}
