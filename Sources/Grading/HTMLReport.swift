import Conformance
import Foundation

/// The static HTML report: `index.html`, a matrix of students by checks in the manner of Autobahn's, each
/// cell linking to the check on the student's page (`students/NAME.html`), which shows the trace.
/// Self-contained: no external file, every text escaped; the index's small inline script only sorts and
/// folds columns.
public enum HTMLReport {
  /// The index page (`HTMLGradebook`).
  public static func index(_ book: Gradebook) -> String { HTMLGradebook.render(book) }

  /// The class page (`HTMLClassPage`).
  public static func classPage(_ book: Gradebook) -> String { HTMLClassPage.render(book) }

  /// The partial-merge warning and the entries that are not submissions.
  static func notices(_ book: Gradebook) -> String {
    var text = ""
    if !book.missingShards.isEmpty {
      text +=
        "<p class=\"warning\">PARTIAL gradebook: shards \(HTML.escape(book.missingShards.joined(separator: ", "))) "
        + "are missing; their students are not here.</p>\n"
    }
    if !book.skipped.isEmpty {
      text += "<details><summary>\(book.skipped.count) entries skipped (not submissions)</summary><ul>\n"
      for skipped in book.skipped {
        text += "<li><code>\(HTML.escape(skipped.entry))</code>: \(HTML.escape(skipped.reason))</li>\n"
      }
      text += "</ul></details>\n"
    }
    return text
  }

  /// A student's page: each step's result and every check, with the trace of those that did not pass.
  public static func student(_ student: Gradebook.Student) -> String {
    var body = "<p><a href=\"../index.html\">← all students</a></p>\n<h1>\(HTML.escape(student.name))</h1>\n"
    body += "<p>Total \(student.score)/\(student.maxScore)</p>\n"
    for grade in student.grades {
      body +=
        "<h2 id=\"step-\(grade.step)\">Step \(grade.step): \(HTML.escape(grade.slug)) — \(HTML.escape(grade.outcome)), \(grade.score)/\(grade.maxScore)</h2>\n"
      body +=
        "<p class=\"meta\">track \(HTML.escape(grade.track ?? "-")) · file \(HTML.escape(grade.file ?? "-")) · seeds \((grade.seeds ?? [grade.seed]).map(String.init).joined(separator: ", ")) · sandbox \(HTML.escape(grade.sandbox ?? "-"))</p>\n"
      for flag in grade.flags ?? [] where flag != .starterUnchanged {
        body += "<p class=\"warning\">\(HTML.escape(flag.rawValue)): \(HTML.escape(flag.note))</p>\n"
      }
      if let message = grade.message { body += "<pre>\(HTML.escape(message))</pre>\n" }
      for check in grade.checks {
        let (label, css) = HTML.cell(check, in: grade)
        body +=
          "<h3 id=\"\(HTML.anchor(step: grade.step, check: check.id))\">"
          + "<span class=\"\(css)\">\(label)</span> \(HTML.escape(check.id)) [\(check.level.rawValue)] "
          + "\(grade.earned(check))/\(grade.points[check.id] ?? 0)</h3>\n"
        body += "<p>\(HTML.escape(check.title)). <span class=\"meta\">\(HTML.escape(check.motivation))</span></p>\n"
        if check.status != .pass { body += "<pre>\(HTML.escape(FailureText.render(check)))</pre>\n" }
      }
    }
    return HTML.page(title: "\(student.name) · cblearn grades", body: body)
  }

  /// Autobahn's `index.json`: `{student: {check: {behavior, duration, reportfile}}}`.
  public static func indexJSON(_ book: Gradebook) throws -> Data {
    var root: [String: Any] = [:]
    for student in book.students {
      var cases: [String: Any] = [:]
      for grade in student.grades {
        for check in grade.checks {
          cases["\(grade.step):\(check.id)"] = [
            "behavior": HTML.behavior(check, in: grade), "duration": Int(check.durationMs.rounded()),
            "reportfile":
              "students/\(ResultStore.safeName(student.name)).html#\(HTML.anchor(step: grade.step, check: check.id))",
          ]
        }
      }
      root[student.name] = cases
    }
    return try JSONSerialization.data(
      withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }
}
