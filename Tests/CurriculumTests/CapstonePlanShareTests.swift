import Foundation
import Testing

/// Step 10's work is the breaker plan: its lesson, README and hints may teach what each setting is for, but
/// must not hand out the reference plan (at most a third of its per-service settings, as `key: value`).
@Suite("Capstone plan share")
struct CapstonePlanShareTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `key: value` settings of the reference plan's per-service entries (indented lines).
  static func settings(_ plan: String) throws -> [String] {
    let pair = try Regex(#"(\w+): ([^,}\s]+)"#)
    var found: [String] = []
    for line in plan.split(separator: "\n") where line.hasPrefix("  ") {
      let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
      for match in code.matches(of: pair) {
        let key = String(code[match.range].prefix { $0 != ":" })
        if key != "kind" && key != "window" { found.append(String(code[match.range])) }
      }
    }
    return found
  }

  @Test("lesson 10, exercise 10's README and hints show at most a third of the reference plan's settings")
  func planIsNotPrinted() throws {
    let read = { (path: String) in try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8) }
    let plan = try Self.settings(try read("exercises/10-chaos/solution/breakers.yaml"))
    #expect(plan.count >= 6, "\(plan)")
    let teaching = try ["lessons/10-chaos.md", "exercises/10-chaos/README.md", "exercises/10-chaos/hints.md"]
      .map(read).joined(separator: "\n").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let shown = plan.filter { teaching.contains($0) }
    #expect(shown.count * 3 <= plan.count, "shown: \(shown) of \(plan)")
  }
}
