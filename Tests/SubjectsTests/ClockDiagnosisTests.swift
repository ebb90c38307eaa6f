import Checking
import Conformance
import Foundation
import Testing

/// A breaker that reads the system clock is told so, and only then.
@Suite("The clock diagnosis")
struct ClockDiagnosisTests {
  @Test("system-clock reads are found outside comments, per track")
  func findings() {
    let swift = """
      // Date() in a comment does not count
      /* nor ContinuousClock.now
         in a block */ let a = 1
      let started = Date()
      let x = "ok"
      """
    #expect(ClockDiagnosis.findings(in: swift, swift: true).map(\.line) == [4])
    #expect(ClockDiagnosis.findings(in: swift, swift: true).first?.api == "Date()")
    let python =
      "# time.clock_gettime(0) in a comment\nnow = time.clock_gettime(time.CLOCK_MONOTONIC)\nt = time.time()\n"
    #expect(ClockDiagnosis.findings(in: python, swift: false).map(\.line) == [2])
    #expect(ClockDiagnosis.findings(in: "t = time.monotonic()\n", swift: false).isEmpty)
  }

  @Test("a Python breaker on time.clock_gettime gets the diagnosis on the failures it explains")
  func pythonSystemClock() throws {
    // The tutorial's breaker, reading a clock the adapter does not replace.
    let tutorial = try String(contentsOf: TestSupport.fixture("tutorial_breaker.py"), encoding: .utf8)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("system_clock_breaker.py")
    try Data(tutorial.replacingOccurrences(of: "time.time()", with: "time.clock_gettime(time.CLOCK_MONOTONIC)").utf8)
      .write(to: file)
    let result = try TestSupport.check(3, file)
    #expect(!result.passed)
    let diagnosed = result.report.checks.filter { $0.message.contains("reads the system clock") }
    #expect(diagnosed.count >= 3, "\(TestSupport.failures(result))")
    #expect(diagnosed.allSatisfy { $0.message.contains("system_clock_breaker.py:") })
    #expect(diagnosed.allSatisfy { $0.status == .fail })
  }

  @Test("the tutorial's breaker on the replaced clock is not diagnosed")
  func virtualClockNotDiagnosed() throws {
    let result = try TestSupport.check(3, TestSupport.fixture("tutorial_breaker.py"))
    #expect(!result.report.checks.contains { $0.message.contains("system clock") })
  }

  @Test("a failure without an advance before it is not blamed on the clock")
  func needsAWait() {
    var check = CheckResult(
      id: "x", title: "x", category: "c", step: 3, level: .must, status: .fail, message: "m", motivation: "")
    check.trace = [
      TraceEntry(t: 0, op: "call(success)", observed: "rejected (not invoked)", state: .open, failed: true)
    ]
    var report = SuiteReport(subject: "s", step: 3, seed: 1, suiteVersion: "1", checks: [check], durationMs: 0)
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString).swift")
    try? Data("let t = Date()\n".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    ClockDiagnosis.annotate(&report, file: file, swift: true)
    #expect(report.checks[0].message == "m")
    report.checks[0].trace.insert(TraceEntry(t: 61, op: "advance(61s)", observed: "t=61", state: nil), at: 0)
    ClockDiagnosis.annotate(&report, file: file, swift: true)
    #expect(report.checks[0].message.contains("`Date()` at \(file.lastPathComponent):1"))
  }
}
