import Conformance

/// Makes text that came from a submission safe to show in feedback: control characters escaped
/// (`\u{1B}` for ESC, so no terminal or viewer obeys them) and the length capped.
public enum FeedbackText {
  /// Characters kept of one message.
  public static let limit = 2000

  /// `text` with control characters other than newline and tab escaped, cut to `limit` characters.
  public static func clean(_ text: String, limit: Int = FeedbackText.limit) -> String {
    var result = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count >= limit {
        result += " … (cut at \(limit) characters)"
        break
      }
      let isControl =
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
        || scalar.value == 0x2029 || (0x202A...0x202E).contains(scalar.value)
        || (0x2066...0x2069).contains(scalar.value)
      if isControl, scalar != "\n", scalar != "\t" {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
      count += 1
    }
    return result
  }

  /// A check result with every field a submission can influence cleaned.
  public static func clean(_ check: CheckResult) -> CheckResult {
    var check = check
    check.message = clean(check.message)
    check.expected = check.expected.map { clean($0) }
    check.observed = check.observed.map { clean($0) }
    check.trace = check.trace.map {
      var entry = $0
      entry.op = clean(entry.op, limit: 200)
      entry.observed = clean(entry.observed, limit: 500)
      entry.breaker = entry.breaker.map { clean($0, limit: 200) }
      return entry
    }
    return check
  }

  /// A grade whose message and checks are cleaned.
  static func clean(_ grade: StepGrade) -> StepGrade {
    var grade = grade
    grade.message = grade.message.map { clean($0) }
    grade.checks = grade.checks.map(clean)
    return grade
  }
}
