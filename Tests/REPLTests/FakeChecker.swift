import Checking
import Conformance
import Curriculum
import Foundation
import REPL

/// A checker that passes every check when the file says `SOLVED`, and fails the first check otherwise.
struct FakeChecker: CheckService {
  let content: ContentRoot

  func check(step: Int, file: URL, seed: UInt64?) throws -> StepResult {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    let solved = text.contains("SOLVED")
    let pathStep = LearningPath.standard.step(step) ?? LearningPath.standard.steps[0]
    let manifest = try content.exercise(pathStep).manifest
    let plan = try ExercisePlan(manifest: manifest)
    let checks = plan.checks
    let results = try checks.enumerated().map { index, check in
      let failing = !solved && index == 0
      var object: [String: Any] = [
        "id": check.id, "title": check.title, "category": check.category, "step": check.step,
        "level": check.level.rawValue, "status": failing ? "fail" : "pass",
        "message": failing ? "after 5 failures: expected OPEN, observed CLOSED" : check.expectation,
        "motivation": check.motivation, "trace": [] as [Any], "duration_ms": 1,
      ]
      if failing {
        object["config"] = "failure_threshold=5 recovery_timeout=60s"
        object["trace"] = [
          ["t": 0, "op": "call(failure)", "observed": "failure (invoked)", "state": "CLOSED", "failed": true]
        ]
      }
      return try JSONDecoder().decode(CheckResult.self, from: JSONSerialization.data(withJSONObject: object))
    }
    let report = SuiteReport(
      subject: "fake", step: step, seed: seed ?? 1, suiteVersion: "test", checks: results, durationMs: 1)
    return StepResult(
      report: report, score: plan.score(report), maxScore: plan.maxScore,
      points: Dictionary(uniqueKeysWithValues: checks.map { ($0.id, plan.points(for: $0.id)) }), track: "python")
  }
}
