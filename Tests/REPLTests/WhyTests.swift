import Foundation
import Testing

/// `why` explains a check of the last report; `clear` clears a terminal only; `help` lists both.
@Suite("why and clear")
struct WhyTests {
  @Test func whyShowsTheTraceOfAFailedCheck() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    /// The output with its lines joined, as wrapping may break a sentence anywhere.
    func run(_ line: String) -> String { s.run(line).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    #expect(run("why").contains("type `check` first"))
    let first = "sm.pass-through"
    let report = run("check")
    #expect(report.contains("`why \(first)` shows its timeline and trace"), "\(report)")
    #expect(!report.contains("call(failure)"), "the report is a summary; the trace is on request")
    let why = run("why")
    #expect(why.contains(first))
    #expect(why.contains("call(failure)") && why.contains("configuration: failure_threshold=5"), "\(why)")
    #expect(run("why sm.pass-thruogh").contains("did you mean `sm.pass-through`?"))
    let passed = run("why basic.threshold-one")
    #expect(passed.contains("This check passed"), "\(passed)")
  }

  @Test func clearWritesNothingOffATerminal() throws {
    let s = try CapturedSession()
    #expect(s.run("clear").isEmpty)
    let help = s.run("help")
    #expect(help.contains("why [CHECK]") && help.contains("clear"))
  }
}
