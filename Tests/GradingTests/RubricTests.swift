import Conformance
import Foundation
import Grading
import Testing

@Suite("Rubric")
struct RubricTests {
  @Test("points, levels and pass marks, common and per step")
  func parses() throws {
    let rubric = try Rubric.parse(
      """
      pass_mark: 60%
      points: {basic.trip-at-threshold: 5}
      levels: {basic.counters-reset-on-close: should}
      steps:
        basic-breaker:
          pass_mark: 10
          points: {basic.admit-at-timeout: 4}
      """, file: "rubric.yaml")
    let step3 = rubric.overrides(for: 3)
    #expect(step3.points["basic.trip-at-threshold"] == 5)
    #expect(step3.points["basic.admit-at-timeout"] == 4)
    #expect(step3.levels["basic.counters-reset-on-close"] == .should)
    #expect(step3.passMark == .points(10))
    #expect(rubric.overrides(for: 4).passMark == .percent(60))
    #expect(Rubric.PassMark.percent(60).threshold(maxScore: 20) == 12)
  }

  @Test("explore_runs sets the exploration's budget, common and per step; explore.model-agrees may be scored")
  func exploreRuns() throws {
    let rubric = try Rubric.parse(
      """
      explore_runs: 250
      points: {explore.model-agrees: 4}
      steps:
        5: {explore_runs: 0}
      """, file: "rubric.yaml")
    #expect(rubric.overrides(for: 3).exploreRuns == 250)
    #expect(rubric.overrides(for: 5).exploreRuns == 0)
    #expect(rubric.overrides(for: 3).points["explore.model-agrees"] == 4)
    try rubric.validate(step: 10, checks: ["chaos.recovers-after-fault"])
  }

  @Test(
    "errors name the file and the line",
    arguments: [
      ("points: {a: 1}\nsurprise: 2\n", 2, "unknown key `surprise`"),
      ("levels:\n  basic.trip-at-threshold: sometimes\n", 2, "must be must, should or info"),
      ("points:\n  basic.trip-at-threshold: -1\n", 2, "whole number"),
      ("pass_mark: lots\n", 1, "pass_mark"),
      ("explore_runs: many\n", 1, "explore_runs"),
      ("steps:\n  3: {explore_runs: -5}\n", 2, "explore_runs"),
      ("steps:\n  eleven: {pass_mark: 1}\n", 2, "not a step"),
      ("points: [1, 2\n", 2, "invalid YAML"),
    ])
  func errors(text: String, line: Int, problem: String) throws {
    do {
      _ = try Rubric.parse(text, file: "rubric.yaml")
      Issue.record("no error for \(text)")
    } catch let error as GradingError {
      guard case .rubric(let file, let at, let message, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "rubric.yaml")
      #expect(at == line, "\(error)")
      #expect(message.contains(problem), "\(error)")
    }
  }

  @Test("a check that is not one of the step's is an error with a suggestion")
  func unknownCheck() throws {
    let rubric = try Rubric.parse("steps:\n  3:\n    points:\n      basic.trip-at-treshold: 2\n", file: "r.yaml")
    #expect(throws: GradingError.self) {
      try rubric.validate(step: 3, checks: ["basic.trip-at-threshold", "basic.admit-at-timeout"])
    }
    do {
      try rubric.validate(step: 3, checks: ["basic.trip-at-threshold"])
    } catch {
      #expect("\(error)".contains("r.yaml:4"))
      #expect("\(error)".contains("did you mean `basic.trip-at-threshold`"))
    }
  }
}
