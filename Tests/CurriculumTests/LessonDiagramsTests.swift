import Conformance
import Curriculum
import TerminalUI
import Testing

/// A lesson's diagrams are resolved by Curriculum (timeline scripts run against the reference breaker) before
/// TerminalUI draws them; a directive or script that cannot be drawn names the lesson file and line.
@Suite("Lesson diagrams")
struct LessonDiagramsTests {
  static let file = "lessons/03-basic-breaker.md"
  static let config = BreakerConfig(failureThreshold: 3, recoveryTimeout: 30)

  /// A lesson whose body (from file line 7) holds `directive` on file line 9.
  static func lesson(_ directive: String) throws -> Lesson {
    let text = "---\nstep: 3\nslug: basic-breaker\ntitle: T\nlevel: beginner\n---\n# T\n\n\(directive)\n"
    return try Lesson.parse(text, file: file)
  }

  @Test("the demo runs the reference breaker from the lessons' clock start")
  func demoTraceRunsTheReferenceBreaker() throws {
    let trace = try Demo.trace(script: "fail fail fail +10 ok +20 ok state", config: Self.config)
    #expect(trace.first?.op == "create")
    #expect(trace.map(\.op).contains("advance(10s)"))
    #expect(trace[3].state == .open)
    #expect(trace[5].observed == "rejected (not invoked)")
    #expect(trace.last?.state == .closed)
    #expect(trace.last?.t == 30)
  }

  @Test("the demo names the bad token and its place")
  func demoNamesTheBadToken() {
    #expect(throws: Demo.ScriptError(token: "boom", position: 2)) {
      try Demo.trace(script: "ok boom", config: Self.config)
    }
    #expect(throws: Demo.ScriptError(token: "+x", position: 1)) {
      try Demo.trace(script: "+x", config: Self.config)
    }
  }

  @Test("a timeline resolves to its script's trace under the directive's configuration and profile")
  func timelinesResolveToTraces() throws {
    let lesson = try Self.lesson(
      #"::: diagram timeline failure_threshold=3 recovery_timeout=30 open_boundary=exclusive script="fail fail fail +30 ok" legend=false"#
    )
    var profile = Profile.tutorial
    profile.openBoundary = .exclusive
    let trace = try Demo.trace(script: "fail fail fail +30 ok", config: Self.config, profile: profile)
    #expect(try lesson.diagrams() == [9: .timeline(trace: trace, legend: false)])
    // Under the exclusive boundary the call at exactly 30 s is rejected: the profile reached the run.
    #expect(trace.last?.observed == "rejected (not invoked)")
  }

  @Test("a state machine resolves to the directive's configuration, profile and highlight")
  func stateMachinesResolveToTheirNumbers() throws {
    let lesson = try Self.lesson("::: diagram state-machine failure_threshold=3 recovery_timeout=30 highlight=open")
    #expect(
      try lesson.diagrams() == [9: .stateMachine(config: Self.config, profile: .tutorial, highlight: .open)])
  }

  @Test("a script that does not run names the lesson file and the directive's line")
  func badScriptNamesFileAndLine() throws {
    let lesson = try Self.lesson(#"::: diagram timeline failure_threshold=3 script="fail fial""#)
    let error = #expect(throws: CurriculumError.self) { try lesson.diagrams() }
    #expect(
      error?.description
        == "\(Self.file):9: malformed diagram directive: unknown script token 'fial' (token 2): "
        + "use ok, fail, ignored, +N (seconds) or state")
  }

  @Test(
    "a malformed directive or Markdown names the lesson file and line",
    arguments: [
      ("::: diagram state-machine colour=red", "malformed diagram directive: unknown key 'colour'"),
      ("::: diagram timeline failure_threshold=zero script=\"ok\"", "failure_threshold must be a whole number"),
      ("```swift\nlet x = 1", "code block is not closed"),
    ])
  func malformedNamesFileAndLine(text: String, words: String) throws {
    let error = #expect(throws: CurriculumError.self) { try Self.lesson(text).diagrams() }
    let description = error?.description ?? ""
    #expect(description.hasPrefix("\(Self.file):9: "), "\(description)")
    #expect(description.contains(words), "\(description)")
  }
}
