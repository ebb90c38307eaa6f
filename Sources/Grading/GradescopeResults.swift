import Conformance
import Foundation

/// A student's grades as Gradescope's `results.json`: one test per check (`number` = "step.index"),
/// `info` checks as informational tests without a score.
public enum GradescopeResults {
  /// The `results.json` object of one student's grades.
  public static func object(_ student: Gradebook.Student) -> [String: Any] {
    var tests: [[String: Any]] = []
    var outputs: [String] = []
    for grade in student.grades {
      outputs.append(
        "Step \(grade.step) (\(grade.slug)): \(grade.outcome), \(grade.score)/\(grade.maxScore)"
          + (grade.track.map { " [\($0)]" } ?? "") + (grade.message.map { ": \($0)" } ?? "")
          + (grade.sandbox.map { " (sandbox: \($0))" } ?? ""))
      for (index, check) in grade.checks.enumerated() {
        var test: [String: Any] = [
          "name": "\(check.title) (\(check.id))",
          "name_format": "text",
          "number": "\(grade.step).\(index + 1)",
          "status": check.status == .pass ? "passed" : "failed",
          "tags": [check.level.rawValue, check.category, "step-\(grade.step)"],
          "visibility": "visible",
          "output_format": "text",
        ]
        if check.level != .info {
          test["score"] = Double(grade.earned(check))
          test["max_score"] = Double(grade.points[check.id] ?? 0)
        }
        if check.status != .pass {
          test["output"] = (check.status == .error ? "error: " : "") + FailureText.render(check)
        } else {
          test["output"] = check.message
        }
        tests.append(test)
      }
    }
    let sandbox: String = Array(Set(student.grades.compactMap(\.sandbox))).sorted().joined(separator: "; ")
    return [
      "score": Double(student.score),
      "execution_time": Int((student.grades.reduce(0) { $0 + $1.durationMs } / 1000).rounded()),
      "output": outputs.joined(separator: "\n"),
      "output_format": "text",
      "test_output_format": "text",
      "test_name_format": "text",
      "visibility": "visible",
      "stdout_visibility": "hidden",
      "extra_data": [
        "suite_version": student.grades.first?.suiteVersion ?? "", "seed": student.grades.first?.seed ?? 0,
        "sandbox": sandbox,
      ] as [String: Any],
      "tests": tests,
    ]
  }

  /// The `results.json` bytes: pretty, keys sorted.
  public static func render(_ student: Gradebook.Student) throws -> Data {
    try JSONSerialization.data(
      withJSONObject: object(student), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}
