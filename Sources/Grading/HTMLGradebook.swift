import Conformance
import Foundation

/// `index.html`: the students × checks matrix, built to show where the class struggles on the first screen:
/// the hardest checks above the table, a sticky header with a pass-rate row, columns grouped by step (a
/// click folds a step), sortable columns, one compact symbol per cell linking to the student's trace.
enum HTMLGradebook {
  /// The symbol of a cell class.
  static let symbols = [
    "pass": "✓", "fail": "✗", "nonstrict": "~", "info": "i", "error": "E", "skip": "·", "missing": "–",
  ]

  static func render(_ book: Gradebook) -> String {
    let summary = ClassSummary(book)
    let columns = book.columns
    let rates = Dictionary(summary.checks.map { ($0.key, $0) }) { first, _ in first }
    var body = "<h1>cblearn grades</h1>\n"
    body +=
      "<p class=\"meta\">suite \(HTML.escape(book.suiteVersion)) · seed \(book.seed) · steps "
      + book.steps.map(String.init).joined(separator: ", ") + " · \(book.students.count) students · sandbox "
      + HTML.escape(book.sandboxes.joined(separator: "; ")) + "</p>\n"
    body += HTMLReport.notices(book)
    body += hardest(summary)
    body +=
      "<div class=\"wrap\"><table id=\"grades\">\n<thead>\n<tr><th rowspan=\"2\" class=\"name\" data-col=\"0\">Student</th>"
    var col = 1
    var secondRow = ""
    var rateRow = "<tr class=\"rates\"><th class=\"name\">pass rate</th>"
    for step in book.steps {
      let own = columns.filter { $0.step == step }
      body +=
        "<th colspan=\"\(own.count + 1)\" class=\"group s\(step)\" data-span=\"\(own.count + 1)\">"
        + "<button type=\"button\" data-step=\"\(step)\" title=\"fold or unfold the checks of step \(step)\">"
        + "Step \(step)</button></th>"
      secondRow += "<th class=\"sum s\(step)\" data-col=\"\(col)\">score</th>"
      let graded = book.students.compactMap { $0.grades.first { $0.step == step } }.filter { $0.status == .graded }
      let passed = graded.filter(\.passed).count
      rateRow +=
        "<td class=\"sum s\(step)\" title=\"passed the step\">"
        + ClassSummary.percent(graded.isEmpty ? nil : Double(passed) / Double(graded.count)) + "</td>"
      col += 1
      for column in own {
        let key = "\(step):\(column.id)"
        let short = column.id.split(separator: ".", maxSplits: 1).last.map(String.init) ?? column.id
        secondRow +=
          "<th class=\"check s\(step) c\" data-col=\"\(col)\" title=\"\(HTML.escape("\(key) [\(column.level.rawValue)] \(column.title)"))\">"
          + "<span>\(HTML.escape(short.count > 26 ? String(short.prefix(25)) + "…" : short))</span></th>"
        let rate = rates[key]?.passRate
        rateRow +=
          "<td class=\"rate s\(step) c\" style=\"background:\(color(rate))\" title=\"\(HTML.escape(key)): "
          + "\(rates[key]?.passed ?? 0) of \(rates[key]?.graded ?? 0) passed\">"
          + "\(rate.map { String(Int(($0 * 100).rounded())) } ?? "–")</td>"
        col += 1
      }
    }
    body +=
      "<th rowspan=\"2\" data-col=\"\(col)\">Total</th></tr>\n<tr>\(secondRow)</tr>\n\(rateRow)<td></td></tr>\n</thead>\n<tbody>\n"
    for student in book.students { body += row(student, book: book, columns: columns) }
    body += "</tbody>\n</table></div>\n"
    body +=
      "<p class=\"meta\">✓ pass · ✗ fail · ~ should failed · i info · E error · · not run · – missing. "
      + "Click a header to sort, a step to fold its checks.</p>\n"
    return HTML.page(title: "cblearn grades", body: body, style: style(book.steps), script: script)
  }

  /// The hardest checks, above the table: what an instructor should see first.
  static func hardest(_ summary: ClassSummary) -> String {
    let top = summary.hardest.filter { ($0.passRate ?? 1) < 1 }.prefix(5)
    var text = "<section class=\"hardest\"><h2>Hardest checks</h2>\n"
    if top.isEmpty {
      text += "<p>Every graded submission passed every check.</p>\n"
    } else {
      text += "<ol>\n"
      for figure in top {
        text +=
          "<li><a href=\"class.html#\(HTML.anchor(step: figure.column.step, check: figure.column.id))\">"
          + "\(HTML.escape(figure.key))</a> <b>\(ClassSummary.percent(figure.passRate))</b> pass "
          + "(\(figure.passed) of \(figure.graded)) — \(HTML.escape(figure.column.title))</li>\n"
      }
      text += "</ol>\n"
    }
    return text
      + "<p><a href=\"class.html\">The class page</a>: every check by failure rate, and the students grouped by "
      + "the checks they fail.</p></section>\n"
  }

  static func row(_ student: Gradebook.Student, book: Gradebook, columns: [Gradebook.Column]) -> String {
    let page = "students/\(ResultStore.safeName(student.name)).html"
    var text =
      "<tr><th class=\"name\" data-v=\"\(HTML.escape(student.name))\"><a href=\"\(HTML.escape(page))\">"
      + "\(HTML.escape(student.name))</a></th>"
    for step in book.steps {
      let own = columns.filter { $0.step == step }
      guard let grade = student.grades.first(where: { $0.step == step }) else {
        text +=
          "<td class=\"sum s\(step)\" data-v=\"-1\"></td>"
          + own.map { _ in "<td class=\"s\(step) c\" data-v=\"-1\"></td>" }.joined()
        continue
      }
      text +=
        "<td class=\"sum s\(step) \(grade.outcome)\" data-v=\"\(grade.score)\" title=\"\(HTML.escape(([grade.message ?? grade.outcome] + (grade.flags ?? []).map(\.rawValue)).joined(separator: "; ")))\">"
        + "\(grade.score)/\(grade.maxScore)</td>"
      for column in own {
        guard let check = grade.checks.first(where: { $0.id == column.id }) else {
          text += "<td class=\"s\(step) c\" data-v=\"-1\"></td>"
          continue
        }
        let (label, css) = HTML.cell(check, in: grade)
        let link = "\(page)#\(HTML.anchor(step: step, check: check.id))"
        let value = check.status == .pass ? 1 : 0
        text +=
          "<td class=\"cell \(css) s\(step) c\" data-v=\"\(value)\"><a href=\"\(HTML.escape(link))\" "
          + "title=\"\(HTML.escape("\(label): \(check.id) — \(check.message)"))\">\(symbols[css] ?? "?")</a></td>"
      }
    }
    return text + "<td data-v=\"\(student.score)\">\(student.score)/\(student.maxScore)</td></tr>\n"
  }

  /// A pass rate's background: red at 0 %, yellow at 50 %, green at 100 %.
  static func color(_ rate: Double?) -> String {
    guard let rate else { return "#eee" }
    return "hsl(\(Int((rate * 120).rounded())), 70%, 78%)"
  }

  static func style(_ steps: [Int]) -> String {
    """
    .wrap { overflow: auto; max-height: 85vh; }
    #grades { border-collapse: separate; border-spacing: 0; }
    #grades th, #grades td { border-width: 0 1px 1px 0; }
    #grades tr > :first-child { border-left-width: 1px; }
    #grades thead tr:first-child > * { border-top-width: 1px; }
    #grades thead { position: sticky; top: 0; z-index: 2; }
    #grades thead th, #grades thead td { background: #fff; }
    #grades th.check { height: 140px; vertical-align: bottom; padding: 2px 0; width: 18px; }
    #grades th.check span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: normal; font-size: 11px; }
    #grades .name { position: sticky; left: 0; background: #fff; z-index: 1; text-align: left; white-space: nowrap; }
    #grades td.c { width: 18px; min-width: 18px; padding: 0; text-align: center; font-size: 12px; }
    #grades td.rate { font-size: 10px; }
    #grades th[data-col] { cursor: pointer; }
    #grades th.group button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; }
    #grades td.sum { white-space: nowrap; }
    .hardest ol { margin: 0.3em 0; } .hardest h2 { margin: 0.4em 0 0.2em; font-size: 1.1em; }
    """ + steps.map { "\n#grades.fold-\($0) .s\($0).c { display: none; }" }.joined()
  }

  /// Sorting by a column and folding a step's checks; the page works without it.
  static let script = """
    (function () {
      var table = document.getElementById("grades");
      if (!table) return;
      table.querySelectorAll("th[data-col]").forEach(function (th) {
        th.addEventListener("click", function () {
          var col = +th.getAttribute("data-col"), asc = th.getAttribute("data-asc") !== "1";
          th.setAttribute("data-asc", asc ? "1" : "0");
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          function key(row) {
            var cell = row.cells[col], v = cell ? cell.getAttribute("data-v") : "";
            return col === 0 ? v : +v;
          }
          rows.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
      table.querySelectorAll("th.group button").forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.stopPropagation();
          var step = button.getAttribute("data-step"), th = button.parentNode;
          var folded = table.classList.toggle("fold-" + step);
          th.colSpan = folded ? 1 : +th.getAttribute("data-span");
          button.textContent = "Step " + step + (folded ? " ▸" : "");
        });
      });
    })();
    """
}
