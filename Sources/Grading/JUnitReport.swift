import Conformance
import Foundation

/// `junit.xml`: a `testsuite` per student and step, a `testcase` per check with `name` always set.
///
/// `must` and `should` failures are `<failure type="must|should">`, harness and submission problems
/// `<error>`, `info` checks that did not pass and checks that did not run `<skipped>`; a missing submission
/// is one failing `testcase name="submission"`.
public enum JUnitReport {
  /// The whole gradebook as one JUnit XML document.
  public static func render(_ book: Gradebook) -> String {
    var suites: [String] = []
    var totals = (tests: 0, failures: 0, errors: 0, skipped: 0, time: 0.0)
    for student in book.students {
      for grade in student.grades {
        let suite = testsuite(grade)
        suites.append(suite.xml)
        totals.tests += suite.tests
        totals.failures += suite.failures
        totals.errors += suite.errors
        totals.skipped += suite.skipped
        totals.time += grade.durationMs / 1000
      }
    }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="cblearn grade" tests="\(totals.tests)" failures="\(totals.failures)" errors="\(totals.errors)" skipped="\(totals.skipped)" time="\(seconds(totals.time * 1000))">
      \(suites.joined(separator: "\n"))
      </testsuites>

      """
  }

  static func testsuite(_ grade: StepGrade) -> (xml: String, tests: Int, failures: Int, errors: Int, skipped: Int) {
    var cases: [String] = []
    var failures = 0, errors = 0, skipped = 0
    let classname = attr("\(grade.student).\(grade.folderName)")
    if grade.status == .missing {
      failures = 1
      cases.append(
        "    <testcase name=\"submission\" classname=\"\(classname)\" time=\"0\">\n"
          + "      <failure message=\"\(attr("missing: " + (grade.message ?? "")))\" type=\"missing\">\(text(grade.message ?? "missing"))</failure>\n"
          + "    </testcase>")
    } else {
      for check in grade.checks {
        let name = attr(check.id.isEmpty ? "check" : check.id)
        var body = ""
        switch (check.status, check.level) {
        case (.pass, _): break
        case (.skip, _):
          skipped += 1
          body = "      <skipped message=\"\(attr(check.message))\"/>\n"
        case (.fail, .info):
          skipped += 1
          body = "      <skipped message=\"\(attr("informational: " + check.message))\"/>\n"
        case (.fail, _):
          failures += 1
          body =
            "      <failure message=\"\(attr(check.message))\" type=\"\(check.level.rawValue)\">\(text(FailureText.render(check)))</failure>\n"
        case (.error, _):
          errors += 1
          body =
            "      <error message=\"\(attr(firstLine(check.message)))\" type=\"error\">\(text(FailureText.render(check)))</error>\n"
        }
        let open = "    <testcase name=\"\(name)\" classname=\"\(classname)\" time=\"\(seconds(check.durationMs))\""
        cases.append(body.isEmpty ? open + "/>" : open + ">\n" + body + "    </testcase>")
      }
    }
    let properties = [
      ("student", grade.student), ("step", String(grade.step)), ("status", grade.outcome),
      ("track", grade.track ?? ""), ("score", String(grade.score)), ("max_score", String(grade.maxScore)),
      ("seed", String(grade.seed)), ("seeds", (grade.seeds ?? [grade.seed]).map(String.init).joined(separator: ",")),
      ("suite_version", grade.suiteVersion), ("message", grade.message ?? ""),
      ("sandbox", grade.sandbox ?? ""),
    ]
    // Each check's points as `earned/max` (JUnit's schema has no place for them on the testcase).
    let points = grade.checks.map { ("points.\($0.id)", "\(grade.earned($0))/\(grade.points[$0.id] ?? 0)") }
    let lines = (properties + points).map { "      <property name=\"\($0.0)\" value=\"\(attr($0.1))\"/>" }.joined(
      separator: "\n")
    let count = grade.status == .missing ? 1 : grade.checks.count
    let xml = """
        <testsuite name="\(attr("\(grade.student) · step \(grade.step) \(grade.slug)"))" tests="\(count)" failures="\(failures)" errors="\(errors)" skipped="\(skipped)" time="\(seconds(grade.durationMs))" package="\(attr(grade.folderName))">
          <properties>
      \(lines)
          </properties>
      \(cases.joined(separator: "\n"))
        </testsuite>
      """
    return (xml, count, failures, errors, skipped)
  }

  static func seconds(_ ms: Double) -> String { String(format: "%.3f", ms / 1000) }

  static func firstLine(_ text: String) -> String { String(text.split(separator: "\n").first ?? "") }

  /// Escapes text for an attribute value (and drops characters XML 1.0 forbids).
  static func attr(_ value: String) -> String {
    text(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
  }

  /// Escapes element text.
  static func text(_ value: String) -> String {
    var out = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
          out += "?"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
