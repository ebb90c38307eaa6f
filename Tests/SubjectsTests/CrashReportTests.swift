import Foundation
import Testing

@testable import Subjects

/// A crashed subject's standard error cut to what a learner reads; compiler diagnostics in reading order.
@Suite struct CrashReportTests {
  static let swiftTrap = """
    LearnerBreaker/Breaker.swift:35: Fatal error: Unexpectedly found nil while unwrapping an Optional value

    *** Signal 4: Backtracing from 0x7f645416df7f... done ***

    *** Program crashed: Illegal instruction at 0x00007f645416df7f ***

    Thread 0 "subject" crashed:

      0      0x00007f645416df7f closure #1 in closure #1 in _assertionFailure(_:_:file:line:flags:) + 623 in libswiftCore.so
      2 [ra] 0x00005648a2ee5303 CircuitBreaker.call<A>(_:) + 354 in subject

    Registers:

    rax 0x0000000000000000  0
    rbp 0x00007ffda5110a60  10 0b 11 a5 fd 7f 00 00 1f 96 2f 54 64 7f 00 00  ···¥ý·····/Td···

    Backtrace took 0.02s
    """

  @Test func swiftTrapIsItsFatalErrorAndLine() throws {
    let report = try #require(CrashReport.summarize(Self.swiftTrap))
    #expect(report.headline == "Fatal error: Unexpectedly found nil while unwrapping an Optional value")
    #expect(report.location == "Breaker.swift:35")
    #expect(report.text == "Fatal error: Unexpectedly found nil while unwrapping an Optional value at Breaker.swift:35")
  }

  @Test func aTrapWithoutAMessageNamesTheRuntimeFailure() throws {
    let text = """
      *** Program crashed: Illegal instruction at 0x00007f ***
      0 0x00005648a2ee5303 Swift runtime failure: arithmetic overflow in CircuitBreaker.call<A>(_:) + 354 in subject
      """
    #expect(CrashReport.summarize(text)?.headline == "Swift runtime failure: arithmetic overflow")
  }

  @Test func shortOutputStaysAsItIsAndLongOutputKeepsItsEnd() throws {
    #expect(CrashReport.summarize("ImportError: no module named x")?.text == "ImportError: no module named x")
    let long = (1...40).map { "line \($0)" }.joined(separator: "\n")
    let report = try #require(CrashReport.summarize(long))
    #expect(report.headline == "line 1")
    #expect(report.detail.contains("line 40") && !report.detail.contains("line 20\n"))
    #expect(CrashReport.summarize("  \n") == nil)
  }

  @Test func theFullTextIsSavedOncePerCrash() throws {
    let key = "test-\(UUID().uuidString)"
    let first = try #require(CrashReportStore.report(stderr: Self.swiftTrap, subject: "Breaker.swift", key: key))
    let second = try #require(CrashReportStore.report(stderr: Self.swiftTrap, subject: "Breaker.swift", key: key))
    let path = try #require(first.savedAt)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(second.savedAt == path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.swiftTrap)
    #expect(first.text.contains("\nfull crash report: "))
    #expect(first.text.hasSuffix(URL(fileURLWithPath: path).lastPathComponent), "the home folder shows as ~")
  }

  @Test func diagnosticsPutTheLearnersFirstErrorFirst() {
    let output = """
      [adapter] Adapter.swift:10:5: error: value of type 'CircuitBreaker<C>' has no member 'state'
      10 |     breaker.state
      /w/Breaker.swift:40:3: error: missing return
      40 |   }
      /w/Breaker.swift:12:9: error: cannot find 'count' in scope
      12 |     count += 1
         |     `- error: cannot find 'count' in scope
      """
    let ordered = CompilerDiagnostic.ordered(CompilerDiagnostic.parse(output), learnerFile: "/w/Breaker.swift")
    #expect(ordered.map(\.line) == [12, 40, 10])
    #expect(ordered[0].text.hasSuffix("`- error: cannot find 'count' in scope"))
    #expect(ordered[2].file == "[adapter] Adapter.swift")
  }
}
