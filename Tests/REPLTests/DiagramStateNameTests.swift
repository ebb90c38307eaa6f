import Conformance
import Foundation
import TerminalUI
import Testing

/// Every place that takes a state name accepts both spellings of HALF_OPEN: the REPL's `diagram`, a
/// lesson's diagram directive, and (in `EndToEndTests`) `cblearn diagram --state`.
@Suite("Diagram state names")
struct DiagramStateNameTests {
  static let spellings = ["half-open", "half_open", "HALF_OPEN", "HalfOpen"]

  @Test("the REPL's diagram draws the same picture for every spelling of half-open", arguments: spellings)
  func replAcceptsEverySpelling(name: String) throws {
    let s = try CapturedSession()
    let drawn = s.run("diagram \(name)")
    #expect(!drawn.contains("usage:"), "\(drawn)")
    #expect(drawn == s.run("diagram half-open"))
    #expect(drawn != s.run("diagram open"))
  }

  @Test("a lesson's diagram directive highlights half-open under either spelling", arguments: spellings)
  func directiveAcceptsEverySpelling(name: String) throws {
    let directive = try DiagramDirective.parse(
      "::: diagram state-machine failure_threshold=5 recovery_timeout=30 highlight=\(name)", line: 1)
    #expect(try directive.highlight() == .halfOpen)
  }
}
