import Conformance
import Foundation

/// `class.html`: every check ranked by failure rate, and the students grouped by the set of checks they fail
/// (the same bug), each group linking to its first student's first failing trace.
enum HTMLClassPage {
  static func render(_ book: Gradebook) -> String {
    let summary = ClassSummary(book)
    var body = "<p><a href=\"index.html\">← the gradebook</a></p>\n<h1>Where the class struggles</h1>\n"
    body +=
      "<p class=\"meta\">\(book.students.count) students · steps "
      + book.steps.map(String.init).joined(separator: ", ") + " · rates over the graded submissions "
      + "(missing and error submissions are not counted)</p>\n"
    body += HTMLReport.notices(book)
    body +=
      "<h2>Checks by failure rate</h2>\n<table>\n<tr><th>Check</th><th>Level</th><th>Pass rate</th>"
      + "<th>Passed</th><th>Failed</th><th>Errors</th><th>Graded</th><th>What it checks</th></tr>\n"
    for figure in summary.hardest {
      body +=
        "<tr id=\"\(HTML.anchor(step: figure.column.step, check: figure.column.id))\">"
        + "<th style=\"text-align:left\">\(HTML.escape(figure.key))</th><td>\(figure.column.level.rawValue)</td>"
        + "<td style=\"background:\(HTMLGradebook.color(figure.passRate))\">\(ClassSummary.percent(figure.passRate))</td>"
        + "<td>\(figure.passed)</td><td>\(figure.failed)</td><td>\(figure.errors)</td><td>\(figure.graded)</td>"
        + "<td>\(HTML.escape(figure.column.title))</td></tr>\n"
    }
    body += "</table>\n<h2>Students who fail the same checks</h2>\n"
    if summary.groups.isEmpty { body += "<p>No graded submission failed a check.</p>\n" }
    for (number, group) in summary.groups.enumerated() {
      let first = group.students[0]
      let firstCheck = group.checks[0]
      let parts = firstCheck.split(separator: ":", maxSplits: 1)
      let anchor = HTML.anchor(step: Int(parts[0]) ?? 0, check: parts.count > 1 ? String(parts[1]) : "")
      let trace = "students/\(ResultStore.safeName(first)).html#\(anchor)"
      body +=
        "<h3 id=\"group-\(number + 1)\">\(group.students.count) student\(group.students.count == 1 ? "" : "s") "
        + "failing \(group.checks.count) check\(group.checks.count == 1 ? "" : "s")</h3>\n"
      body +=
        "<p>Fail: " + group.checks.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
        + ". <a href=\"\(HTML.escape(trace))\">First trace (\(HTML.escape(first)))</a></p>\n"
      body +=
        "<p class=\"meta\">"
        + group.students.map {
          "<a href=\"students/\(HTML.escape(ResultStore.safeName($0))).html\">\(HTML.escape($0))</a>"
        }.joined(separator: ", ") + "</p>\n"
    }
    return HTML.page(title: "Where the class struggles · cblearn grades", body: body)
  }
}
