import Conformance
import Curriculum
import Testing

@testable import TerminalUI

@Suite struct TimelineTests {
  static let config = BreakerConfig(failureThreshold: 3, recoveryTimeout: 30)
  static let script = "fail fail fail +10 ok +20 ok state"

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

/// A trial that closes or reopens the breaker at the instant it is admitted still shows HALF_OPEN on a
/// model's timeline, and only there.
@Suite struct TimelinePassageTests {
  static let config = BreakerConfig(failureThreshold: 3, recoveryTimeout: 30)

  /// The timeline of a script run against the reference breaker, drawn as a lesson's.
  static func demo(script: String, config: BreakerConfig, info: TerminalInfo = .plain) throws -> Timeline {
    Timeline(entries: try Demo.trace(script: script, config: config), info: info, showsPassages: true)
  }

  /// The strip of a state's row, without its label.
  static func strip(_ lines: [String], _ state: String) -> String {
    let row = lines.first { $0.hasPrefix(state + " ") } ?? ""
    return String(row.dropFirst(min(row.count, 11)))
  }

  @Test(arguments: ["fail fail fail +30 ok", "fail fail fail +30 fail", "fail fail fail +30 ok ok +5 state"])
  func aTrialAtOneInstantShowsHalfOpen(script: String) throws {
    let timeline = try Self.demo(script: script, config: Self.config)
    let lines = timeline.render()
    let half = Self.strip(lines, "HALF_OPEN")
    #expect(half.filter { $0 == "━" }.count >= 2, "\(lines.joined(separator: "\n"))")
    // HALF_OPEN starts where OPEN stops, and the state the trial left follows it.
    let open = Self.strip(lines, "OPEN")
    let start = try #require(half.firstIndex(of: "━")).utf16Offset(in: half)
    #expect(open.count >= start && open.dropFirst(start).first != "━")
    let after = script.contains("+30 ok") ? Self.strip(lines, "CLOSED") : open
    #expect(after.count > start + 2 && after.dropFirst(start + 2).contains("━"))
  }

  @Test func aLearnersTraceIsDrawnAsReported() throws {
    let trace = try Demo.trace(script: "fail fail fail +30 ok", config: Self.config)
    let lines = Timeline(entries: trace).render()
    #expect(!Self.strip(lines, "HALF_OPEN").contains("━"))
  }

  @Test func aRejectedCallOrAHalfOpenStateIsNoPassage() throws {
    // The rejected call at t=10 (op 6) is no trial; op 8 is; with two successes to close, HALF_OPEN is a state of its own.
    var config = Self.config
    config.successThreshold = 2
    let lines = try Self.demo(script: "fail fail fail +10 ok +20 ok ok", config: config).render()
    let half = Self.strip(lines, "HALF_OPEN")
    let ops = Self.strip(lines, "ops")
    let trial = try #require(ops.firstIndex(of: "8")).utf16Offset(in: ops)
    #expect(!half.prefix(trial).contains("━"))
    #expect(half.dropFirst(trial).prefix(2) == "━━")
  }

  @Test func lessonTimelinesShowPassages() throws {
    let directive = try DiagramDirective.parse(
      #"::: diagram timeline failure_threshold=3 recovery_timeout=30 script="fail fail fail +30 ok" legend=false"#,
      line: 1)
    let diagram = try LessonDiagrams.resolve(directive, file: "lesson.md")
    let lines = Style(.plain).render(diagram.lines(info: .plain))
    #expect(Self.strip(lines, "HALF_OPEN").contains("━"))
  }

  @Test func golden() throws {
    let script = "fail fail fail +30 fail +15 ok +15 ok ok"
    for unicode in [true, false] {
      let timeline = try Self.demo(script: script, config: Self.config, info: TerminalInfo(unicode: unicode))
      try Golden.check(timeline.render(), "timeline-passages-\(unicode ? "unicode" : "ascii").txt")
    }
  }
}
