import Conformance
import Curriculum
import Foundation
import Testing

@testable import TerminalUI

@Suite struct ReportRendererTests {
  /// A check result built the way the runner builds one (its memberwise initialiser is internal).
  static func result(
    _ id: String, _ title: String, level: String = "must", status: String, message: String,
    expected: String? = nil, observed: String? = nil, trace: [TraceEntry] = [], config: String? = nil,
    clockStart: Int64? = nil
  ) throws -> CheckResult {
    var object: [String: Any] = [
      "id": id, "title": title, "category": String(id.prefix(while: { $0 != "." })), "step": 3, "level": level,
      "status": status, "message": message,
      "motivation": "A breaker that trips late lets one more call wait for a dead dependency, every time.",
      "duration_ms": 1.5,
    ]
    object["expected"] = expected
    object["observed"] = observed
    object["config"] = config
    object["clock_start"] = clockStart
    object["trace"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(trace))
    return try JSONDecoder().decode(CheckResult.self, from: JSONSerialization.data(withJSONObject: object))
  }

  static func report() throws -> SuiteReport {
    let config = BreakerConfig(failureThreshold: 3, recoveryTimeout: 30)
    var trace = try Demo.trace(script: "fail fail fail state", config: config)
    trace[3].state = .closed
    trace[4].state = .closed
    trace[4].observed = "CLOSED"
    trace[4].failed = true
    let checks = [
      try result("sm.pass-through", "Calls pass through while CLOSED", status: "pass", message: "results pass through"),
      try result(
        "basic.trip-at-threshold", "Trips at exactly the threshold", status: "fail",
        message: "after 3 consecutive failures: expected OPEN, observed CLOSED", expected: "OPEN",
        observed: "CLOSED", trace: trace, config: config.summary, clockStart: Demo.clockStart),
      try result(
        "basic.success-resets-count", "A success resets the count", status: "error",
        message: "unresponsive: no reply to 'call' within 2s"),
      try result(
        "basic.is-open", "is_open() reports OPEN", level: "should", status: "skip",
        message: "the subject does not support: is_open"),
      try result("basic.events", "State changes are reported", level: "should", status: "pass", message: "ok"),
    ]
    return SuiteReport(subject: "breaker.py", step: 3, seed: 42, suiteVersion: "1.0.0", checks: checks, durationMs: 12)
  }

  @Test func golden() throws {
    let report = try Self.report()
    try Golden.check(ReportRenderer(source: "breaker.py").render(report), "report-failure.txt")
    try Golden.check(
      ReportRenderer(info: TerminalInfo(unicode: false), source: "breaker.py").render(report),
      "report-failure-ascii.txt")
  }

  @Test("a report explains its first three distinct failures and counts the rest; --verbose explains all")
  func firstFailuresFirst() throws {
    var checks = try (1...6).map { index in
      try Self.result(
        "basic.case-\(index)", "Case \(index)", status: "fail", message: "case \(index): expected OPEN, observed CLOSED"
      )
    }
    checks.append(
      try Self.result(
        "basic.is-open", "is_open() reports OPEN", level: "should", status: "skip",
        message: "the subject does not support: is_open"))
    let report = SuiteReport(
      subject: "breaker.py", step: 3, seed: 1, suiteVersion: "1.0.0", checks: checks, durationMs: 1)
    let text = ReportRenderer(source: "breaker.py").render(report).joined(separator: "\n")
    for index in 1...3 { #expect(text.contains("✗ basic.case-\(index): Case \(index)"), "\(text)") }
    for index in 4...6 {
      #expect(!text.contains("basic.case-\(index): Case"), "not explained: \(text)")
      #expect(text.contains("✗ basic.case-\(index)"), "still listed: \(text)")
    }
    #expect(text.contains("… and 3 more failures, marked in the list above"), "\(text)")
    #expect(text.contains("1 check skipped: basic.is-open"), "skips are named whatever the limit: \(text)")
    let verbose = ReportRenderer(source: "breaker.py", verbose: true).render(report).joined(separator: "\n")
    for index in 1...6 { #expect(verbose.contains("✗ basic.case-\(index): Case \(index)")) }
    #expect(!verbose.contains("more failures"))
    var all = ReportRenderer(source: "breaker.py")
    all.failureLimit = 10
    #expect(!all.render(report).joined(separator: "\n").contains("more failures"))
  }

  /// `explore.model-agrees` failing: the replay script, then the breaker's and the model's timelines.
  @Test func goldenExploreFailure() throws {
    let config = BreakerConfig(failureThreshold: 2, recoveryTimeout: 0.75)
    let script = ExploreScript(
      profile: .exercise(step: 3), config: config, clock: Demo.clockStart,
      ops: [
        .call(.failure, duration: 0, fallback: false), .call(.failure, duration: 0, fallback: false), .advance(0.5),
        .call(.success, duration: 0, fallback: false),
      ])
    var subject = try Demo.trace(script: "fail fail", config: config)
    subject.append(TraceEntry(t: 0.5, op: "advance 0.5", observed: "now=0.5", state: nil))
    var model = subject
    subject.append(
      TraceEntry(t: 0.5, op: "call success", observed: "success (invoked), CLOSED", state: .closed, failed: true))
    model.append(
      TraceEntry(t: 0.5, op: "call success", observed: "rejected (not invoked), OPEN", state: .open, failed: true))
    var result = try Self.result(
      "explore.model-agrees", "Agrees with the reference model", status: "fail",
      message: "random sequence 3 of 100 (shrunk from 40 to the script below) diverged at step 4 'call success'",
      expected: "rejected (not invoked), OPEN", observed: "success (invoked), CLOSED", trace: subject,
      config: config.summary, clockStart: Demo.clockStart)
    result.script = script.text
    result.modelTrace = model
    let report = SuiteReport(
      subject: "breaker.py", step: 3, seed: 1, suiteVersion: "1.0.0", checks: [result], durationMs: 12)
    let lines = ReportRenderer(info: TerminalInfo(unicode: false), source: "breaker.py", verbose: true).render(report)
    try Golden.check(lines, "report-explore-failure-ascii.txt")
    #expect(lines.contains("  your breaker:") && lines.contains("  the reference model:"))
    #expect(lines.contains("    # cblearn explore script v1"))
  }

  @Test func goldenColour() throws {
    let info = TerminalInfo(isTerminal: true, color: true)
    try Golden.check(
      ReportRenderer(info: info, source: "breaker.py").render(try Self.report()), "report-failure-colour.txt")
  }

  @Test func summaryAndReplay() throws {
    let report = try Self.report()
    let renderer = ReportRenderer(source: "breaker.py")
    #expect(renderer.summary(report).plain == "must: 1/3 passed · should: 1/1 · 1 error · 1 skipped")
    #expect(renderer.replayCommand(report) == "cblearn check 3 breaker.py --seed 42")
    let ascii = ReportRenderer(info: TerminalInfo(unicode: false)).render(report)
    #expect(ascii.contains { $0.hasPrefix("  FAIL basic.trip-at-threshold") })
    #expect(ascii.joined().unicodeScalars.allSatisfy { $0.value < 128 })
    for line in renderer.render(report) { #expect(TextWidth.of(line) <= 80) }
  }

  @Test func utcDates() {
    #expect(ReportRenderer.utc(Demo.clockStart) == "2025-11-29 08:00:00 UTC")
    #expect(ReportRenderer.utc(0) == "1970-01-01 00:00:00 UTC")
    #expect(ReportRenderer.utc(951_782_400) == "2000-02-29 00:00:00 UTC")
  }
}
