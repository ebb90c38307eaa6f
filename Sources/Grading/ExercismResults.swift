import Conformance
import Foundation

/// A step's grade as Exercism's `results.json`, version 3 (status pass/fail/error, tests in suite order,
/// `task_id` = the step that introduced the check).
public enum ExercismResults {
  /// The `results.json` object of one step grade.
  public static func object(_ grade: StepGrade) -> [String: Any] {
    var root: [String: Any] = ["version": 3]
    // Which sandbox graded (an extra key; Exercism's readers ignore keys they do not know).
    if let sandbox = grade.sandbox { root["sandbox"] = sandbox }
    switch grade.status {
    case .error, .missing:
      root["status"] = "error"
      root["message"] = String((grade.message ?? grade.outcome).prefix(65_535))
      root["tests"] = [[String: Any]]()
      return root
    case .graded:
      break
    }
    var tests: [[String: Any]] = []
    for check in grade.checks where check.status != .skip {
      var test: [String: Any] = [
        "name": "\(check.title) (\(check.id))",
        "test_code": testCode(check, grade: grade),
        "status": check.status == .pass ? "pass" : check.status.rawValue,
        "task_id": check.step,
      ]
      if check.status != .pass {
        let level = check.level == .must ? "" : "[\(check.level.rawValue), not required] "
        test["message"] = level + FailureText.render(check)
      }
      tests.append(test)
    }
    let anyBad = tests.contains { ($0["status"] as? String) != "pass" }
    root["status"] = anyBad ? "fail" : "pass"
    if let message = grade.message { root["message"] = message }
    root["tests"] = tests
    return root
  }

  /// What the check does, as a student reads it (students never see the suite's source).
  static func testCode(_ check: CheckResult, grade: StepGrade) -> String {
    "// \(check.id) [\(check.level.rawValue)]\n// \(check.motivation)\n"
      + "cblearn check \(grade.step) \(grade.file ?? "YOUR_FILE") --seed \(grade.seed)"
  }

  /// The `results.json` bytes: pretty, keys sorted.
  public static func render(_ grade: StepGrade) throws -> Data {
    try JSONSerialization.data(
      withJSONObject: object(grade), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}

/// The plain-text account of a check that did not pass: message, configuration and trace.
public enum FailureText {
  /// The message, expected and observed, configuration and trace of a check, one per line.
  public static func render(_ check: CheckResult) -> String {
    var lines = [check.message]
    if let expected = check.expected, let observed = check.observed {
      lines.append("expected: \(expected)")
      lines.append("observed: \(observed)")
    }
    if let config = check.config { lines.append("config: \(config)") }
    if !check.trace.isEmpty {
      lines.append("trace:")
      for entry in check.trace {
        let t = entry.t == entry.t.rounded() ? String(Int(entry.t)) : String(format: "%.3f", entry.t)
        lines.append(
          "\(entry.failed ? ">" : " ") t=\(t)s  \(entry.op)  ->  \(entry.observed)  [\(entry.state?.rawValue ?? "-")]")
      }
    }
    return lines.joined(separator: "\n")
  }
}
