import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import Testing

/// An async breaker of `Fixtures/async`, or one derived from it by edits, and the step whose checks it runs.
struct AsyncBreaker: Sendable, CustomTestStringConvertible {
  /// What the breaker shows, for the test's name.
  var name: String
  /// The fixture's name, without `.swift`.
  var fixture: String
  var step: Int
  /// Rewrites of the fixture (regular expressions, as in `APIVariant`); each must match.
  var edits: [APIVariant.Edit] = []
  /// What each named check may report; the other checks of the step are left out of the run. Empty: every
  /// check runs and must pass.
  var expected: [String: Set<CheckStatus>] = [:]

  var testDescription: String { "step \(step): \(name)" }

  /// The fixture's text with the edits applied.
  func source() throws -> String {
    var text = try String(contentsOf: TestSupport.fixture("async/\(fixture).swift"), encoding: .utf8)
    for edit in edits {
      let regex = try NSRegularExpression(pattern: edit.pattern)
      let range = NSRange(text.startIndex..., in: text)
      try #require(
        regex.firstMatch(in: text, range: range) != nil,
        "\(fixture).swift no longer contains /\(edit.pattern)/: update this bug")
      text = regex.stringByReplacingMatches(in: text, range: range, withTemplate: edit.template)
    }
    return text
  }

  /// The ids of the step's checks, `explore.model-agrees` included where the step is explored.
  func checkIDs() throws -> Set<String> {
    let checker = TestSupport.checker
    let path = try #require(LearningPath.standard.step(step))
    return Set(try checker.plan(for: checker.exercise(path), seed: 1).1.checks.map(\.id))
  }

  /// Runs the expected checks (every check when none is named) on `file`, under seed 1.
  func check(_ file: URL) throws -> StepResult {
    let path = try #require(LearningPath.standard.step(step))
    let skipping = expected.isEmpty ? [] : try checkIDs().subtracting(expected.keys)
    return try TestSupport.checker.check(
      step: path, source: SubjectSource.detect(path: file.path, exec: nil), seed: 1, skipping: skipping)
  }
}

/// Async Swift breakers (issue 17, item 5): actor solutions of steps 3 to 9 and a `Mutex` class pass every check
/// of their step, and the bugs an async design invites fail the checks written for them.
@Suite("Async Swift breakers")
struct AsyncBreakerTests {
  static let solutions: [AsyncBreaker] =
    (3...9).map { AsyncBreaker(name: "actor", fixture: String(format: "Actor%02d", $0), step: $0) }
    + [AsyncBreaker(name: "final class with a Mutex, async call", fixture: "MutexClass09", step: 9)]

  @Test("an async reference solution passes every check of its step, explore included", arguments: solutions)
  func solutionPasses(_ breaker: AsyncBreaker) throws {
    let result = try breaker.check(TestSupport.fixture("async/\(breaker.fixture).swift"))
    #expect(Set(result.report.checks.map(\.id)) == (try breaker.checkIDs()))
    #expect(result.report.checks.count > 20)
    #expect(result.report.checks.allSatisfy { $0.status == .pass }, "\(breaker):\n\(TestSupport.failures(result))")
  }

  static let bugs: [AsyncBreaker] = [
    // Reentrancy: while the operation is awaited, other calls run on the actor and move the state on; a record
    // that does not compare generations lets a result from an older state decide the current one.
    AsyncBreaker(
      name: "a result recorded in whatever state the breaker is in after the await", fixture: "Actor06", step: 6,
      edits: [Idiom.edit(#"\n    guard ticket\.generation == generation else \{ return \}.*"#, "")],
      expected: [
        "stale.result-from-before-trip": [.fail], "stale.late-failure-in-half-open": [.fail],
        "half-open.old-trial-frees-no-permit": [.fail],
      ]),
    AsyncBreaker(
      name: "a trial's slot given back in a later HALF_OPEN period", fixture: "Actor05", step: 5,
      edits: [
        Idiom.edit(#"if ticket\.trial, ticket\.period == period, current == \.halfOpen \{"#, "if ticket.trial {")
      ],
      expected: ["half-open.old-trial-frees-no-permit": [.fail]]),
    // An operation that inherits the actor's isolation runs on the actor: a call waiting inside it holds the
    // actor, so `state` does not answer within the adapter's second (an unknown state, an error; a failure
    // if the reply deadline passes first on a loaded machine) and a real race gets no reply (unresponsive).
    AsyncBreaker(
      name: "a nonisolated(nonsending) operation, run on the actor", fixture: "Actor06", step: 6,
      edits: [
        Idiom.edit(#"_ operation: @Sendable \(\) async"#, "_ operation: nonisolated(nonsending) @Sendable () async")
      ],
      expected: [
        "concurrency.calls-not-serialized": [.error, .fail], "half-open.hung-trial": [.error, .fail],
        "race.half-open-admission": [.fail],
      ]),
    // The fallback is for rejections only: wrapping the whole call hides the operation's failures and business
    // errors behind it.
    AsyncBreaker(
      name: "an async fallback that catches the operation's own errors", fixture: "Actor06", step: 6,
      edits: [
        Idiom.edit(
          #"let ticket: Ticket\n    do \{\n      ticket = try admit\(\)\n    \} catch \{\n(.*)\n    \}\n    return try await run\(operation, ticket\)"#,
          "do {\n      return try await run(operation, try admit())\n    } catch {\n$1\n    }")
      ],
      expected: ["fallback.business-errors-bypass": [.fail], "fallback.on-failure-per-profile": [.fail]]),
    // A listener called on the actor holds it: a listener that reads the breaker's state or metrics waits for
    // itself.
    AsyncBreaker(
      name: "a listener called on the actor", fixture: "Actor07", step: 7,
      edits: [Idiom.edit(#"  @concurrent\n  private nonisolated func announce"#, "  private func announce")],
      expected: ["events.reentrant-listener-no-deadlock": [.fail]]),
  ]

  @Test("an async bug fails the checks written for it", arguments: bugs)
  func bugFails(_ bug: AsyncBreaker) throws {
    let file = try SwiftAPIVariantTests.write(try bug.source())
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    let result = try bug.check(file)
    #expect(Set(result.report.checks.map(\.id)) == Set(bug.expected.keys))
    for check in result.report.checks {
      #expect(bug.expected[check.id]?.contains(check.status) == true, "\(bug): \(check.id): \(check.message)")
    }
  }

  @Test("an actor whose operation is synchronous does not compile, and the note says why it would hold the actor")
  func synchronousOperation() throws {
    let bug = AsyncBreaker(
      name: "synchronous operation", fixture: "Actor06", step: 6,
      edits: [
        Idiom.edit(#"_ operation: @Sendable \(\) async throws"#, "_ operation: @Sendable () throws"),
        Idiom.edit(#"try await operation\(\)"#, "try operation()"),
      ])
    let file = try SwiftAPIVariantTests.write(try bug.source())
    defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
    do {
      _ = try bug.check(file)
      Issue.record("an actor with a synchronous operation compiled")
    } catch SubjectsError.compileFailed(_, let diagnostics) {
      #expect(diagnostics.contains("your CircuitBreaker is an actor, so cblearn awaits each of its members"))
      #expect(diagnostics.contains("a synchronous operation would run on the actor and hold it"), "\(diagnostics)")
    }
  }
}
