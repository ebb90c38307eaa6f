import Conformance

/// Makes text that came from a submission safe to show in feedback: control characters escaped
/// (`\u{1B}` for ESC, so no terminal or viewer obeys them) and the length capped.
public enum FeedbackText {
  /// Characters kept of one message.
  public static let limit = 2000

  /// `text` with control characters other than newline and tab escaped; past `limit` characters only the
  /// beginning and the end are kept (the end of an error output says the most).
  public static func clean(_ text: String, limit: Int = FeedbackText.limit) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.count > limit else { return escape(scalars[...]) }
    let tail = limit / 4
    let head = limit - tail
    return escape(scalars[..<head]) + "\n[… \(scalars.count - limit) characters cut …]\n"
      + escape(scalars[(scalars.count - tail)...])
  }

  private static func escape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var result = String.UnicodeScalarView()
    for scalar in scalars {
      let value = scalar.value
      let isControl =
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
        || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
      if isControl, scalar != "\n", scalar != "\t" {
        result.append(contentsOf: ("\\u{" + String(value, radix: 16, uppercase: true) + "}").unicodeScalars)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
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
