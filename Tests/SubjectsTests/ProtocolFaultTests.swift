import Checking
import Conformance
import Foundation
import Subjects
import Testing

/// Learner code is untrusted: every way a subject can misbehave ends as a clear result, never a hang or crash.
@Suite("Protocol faults")
struct ProtocolFaultTests {
  static let liar = TestSupport.fixture("exec/liar.py").path

  static var fast: SubjectLimits {
    var limits = SubjectLimits()
    limits.replyTimeout = 0.5
    limits.grace = 0.1
    return limits
  }

  @Test(
    "garbage, wrong ids, unknown values and oversized lines are protocol errors",
    arguments: [
      ("garbage", "not a JSON object"), ("wrong-id", "expected the reply to request"),
      ("bad-result", "unknown result"), ("huge", "longer than"),
    ])
  func protocolViolations(mode: String, words: String) throws {
    var limits = SubjectLimits()
    limits.replyTimeout = 5  // a megabyte on a pipe takes a moment on a loaded machine
    var checker = TestSupport.checker
    checker.limits = limits
    checker.variants = 0
    let result = try checker.check(
      step: LearningPathHelper.step(2), source: .exec("python3 \(Self.liar) \(mode)"), seed: 1)
    let first = try #require(result.report.checks.first)
    #expect(first.status == .error)
    #expect(first.message.contains(words), "\(first.message)")
    #expect(!result.passed)
  }

  @Test("a subject that stops answering is reported unresponsive, as a finding", .timeLimit(.minutes(1)))
  func hangIsUnresponsive() throws {
    let result = try TestSupport.check(2, exec: "python3 \(Self.liar) hang", limits: Self.fast)
    let first = try #require(result.report.checks.first)
    #expect(first.status == .fail)
    #expect(first.message.contains("unresponsive"))
    #expect(first.message.contains("lock"))
  }

  @Test("a crash mid-run is an error carrying the subject's standard error")
  func crashCarriesStderr() throws {
    let result = try TestSupport.check(2, exec: "python3 \(Self.liar) crash", limits: Self.fast)
    let first = try #require(result.report.checks.first)
    #expect(first.status == .error)
    #expect(first.message.contains("exit code 7"))
    #expect(first.message.contains("something broke inside the subject"))
  }

  @Test("an exception at import stops the run with the traceback")
  func importErrorCannotStart() throws {
    #expect {
      try TestSupport.check(3, TestSupport.fixture("import_error.py"))
    } throws: { error in
      let text = "\(error)"
      return text.contains("this_module_does_not_exist") && text.contains("handshake")
    }
  }

  @Test("a program that does not exist cannot start, with a clear message")
  func missingProgram() throws {
    #expect(throws: CheckingError.self) {
      try TestSupport.check(3, exec: "/nonexistent/breaker-binary", limits: Self.fast)
    }
  }

  @Test("the learner's prints, even raw writes to fd 1, never reach the protocol")
  func printsDoNotBreakTheProtocol() throws {
    let result = try TestSupport.check(3, TestSupport.fixture("noisy_breaker.py"))
    #expect(result.passed, "\(TestSupport.failures(result))")
  }

  @Test("a call that never returns is unresponsive; the remaining checks still run on a fresh subject")
  func hangingBreakerKeepsRunning() throws {
    var checker = TestSupport.checker
    checker.limits = Self.fast
    checker.variants = 0
    let result = try checker.check(
      step: LearningPathHelper.step(3), source: .python(TestSupport.fixture("hanging_breaker.py")), seed: 1)
    #expect(TestSupport.status(result, "sm.open-rejects") == .fail)
    #expect(result.report.checks.first { $0.id == "sm.open-rejects" }?.message.contains("unresponsive") == true)
    #expect(TestSupport.status(result, "sm.pass-through") == .pass)
    #expect(TestSupport.status(result, "basic.unexpected-errors-propagate") == .pass)
  }
}
