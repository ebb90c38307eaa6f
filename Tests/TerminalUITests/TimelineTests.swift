import Conformance
import Testing

@testable import TerminalUI

@Suite struct TimelineTests {
  static let config = BreakerConfig(failureThreshold: 3, recoveryTimeout: 30)
  static let script = "fail fail fail +10 ok +20 ok state"

  @Test func demoTraceRunsTheReferenceBreaker() throws {
    let trace = try Demo.trace(script: Self.script, config: Self.config)
    #expect(trace.first?.op == "create")
    #expect(trace.map(\.op).contains("advance(10s)"))
    #expect(trace[3].state == .open)
    #expect(trace[5].observed == "rejected (not invoked)")
    #expect(trace.last?.state == .closed)
    #expect(trace.last?.t == 30)
  }

  @Test func demoNamesTheBadToken() {
    #expect(throws: Demo.ScriptError(token: "boom", position: 2)) {
      try Demo.trace(script: "ok boom", config: Self.config)
    }
    #expect(throws: Demo.ScriptError(token: "+x", position: 1)) {
      try Demo.trace(script: "+x", config: Self.config)
    }
  }

  @Test func demoTimelineNamesTheBadToken() {
    #expect(throws: TerminalUIError.self) { try Timeline.demo(script: "fail fial", config: Self.config) }
    do {
      _ = try Timeline.demo(script: "fail fial", config: Self.config)
    } catch {
      #expect(
        error.description
          == "bad timeline script: unknown script token 'fial' (token 2): use ok, fail, ignored, +N (seconds) or state")
    }
  }

  @Test func golden() throws {
    var trace = try Demo.trace(script: Self.script, config: Self.config)
    trace[5].failed = true
    try Golden.check(Timeline(entries: trace).render(), "timeline-unicode.txt")
    try Golden.check(Timeline(entries: trace, info: TerminalInfo(unicode: false)).render(), "timeline-ascii.txt")
    try Golden.check(TraceTable(entries: trace).render(), "trace-table.txt")
  }

  @Test func everyOperationGetsAMarkerEvenWithoutAState() {
    let entries = [
      TraceEntry(t: 0, op: "events()", observed: "none", state: nil),
      TraceEntry(t: 5, op: "advance(5s)", observed: "t=5", state: nil, failed: true),
    ]
    let lines = Timeline(entries: entries, showLegend: false).render()
    #expect(lines.contains { $0.hasPrefix("ops") && $0.contains("1") && $0.contains("2") })
    #expect(lines.contains { $0.contains("▲ not as expected") })
  }

  @Test func longTracesWrapIntoBands() throws {
    let script = Array(repeating: "fail fail fail fail fail +60 ok", count: 6).joined(separator: " ")
    let trace = try Demo.trace(script: script, config: BreakerConfig(failureThreshold: 5, recoveryTimeout: 60))
    for width in [40, 60, 80, 120] {
      let lines = Timeline(entries: trace, info: TerminalInfo(width: width)).render()
      for line in lines { #expect(TextWidth.of(line) <= width, "width \(width): \(line)") }
      #expect(lines.filter { $0.hasPrefix("ops") }.count > (width < 80 ? 1 : 0))
    }
  }
}
