import Conformance
import Foundation
import Grading
import Testing

/// Where the class struggles: pass rates, failure groups, the gradebook's header and the class page (16.8).
@Suite("Class view")
struct ClassViewTests {
  @Test("pass rates and same-bug groups agree across index.html, class.html and checks.csv")
  func classView() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-class-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let files = [
      ("amy", "exercises/03-basic-breaker/solution/breaker.py"),
      ("bob", "mutants/python/trial-failure-keeps-wait.py"),
      ("cal", "mutants/python/trial-failure-keeps-wait.py"),
      ("dee", "mutants/python/gt-for-ge.py"),
    ]
    for (student, file) in files {
      let folder = root.appendingPathComponent("submissions/\(student)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: TestSupport.root.appendingPathComponent(file), to: folder.appendingPathComponent("breaker.py"))
    }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("submissions/eve"), withIntermediateDirectories: true)
    let out = root.appendingPathComponent("out")
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)], out: out)
    options.variants = 0
    options.seedCount = 1
    options.jobs = 2
    options.buildCache = TestSupport.buildCache
    let book = Gradebook(grades: try Grader(content: TestSupport.content, options: options).run(), seed: 1)
    let summary = ClassSummary(book)

    // Rates over the four graded submissions (eve is missing and not counted).
    let restart = try #require(summary.checks.first { $0.column.id == "basic.failed-trial-restarts-wait" })
    let passing = book.students.filter { student in
      student.grades[0].checks.contains { $0.id == restart.column.id && $0.status == .pass }
    }.map(\.name)
    #expect(passing.contains("amy") && !passing.contains("bob") && !passing.contains("cal"))
    #expect(restart.graded == 4 && restart.passed == passing.count)
    #expect(restart.passRate == Double(passing.count) / 4)
    let percent = passing.count * 25
    #expect(summary.hardest.first.map { ($0.passRate ?? 1) <= 0.5 } == true)
    // bob and cal have the same bug: one group; dee another; amy none.
    #expect(summary.groups.first?.students == ["bob", "cal"])
    #expect(summary.groups.count == 2)
    #expect(summary.groups.allSatisfy { !$0.students.contains("amy") && !$0.students.contains("eve") })

    try ReportWriter(out: out, formats: [.html, .csv]).write(book)
    let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(index.contains("<h2>Hardest checks</h2>"))
    #expect(index.contains("<tr class=\"rates\"><th class=\"name\">pass rate</th>"))
    #expect(
      index.contains("title=\"3:basic.failed-trial-restarts-wait: \(passing.count) of 4 passed\">\(percent)</td>"))
    #expect(index.contains("position: sticky") && index.contains("data-step=\"3\""))
    let classPage = try String(contentsOf: out.appendingPathComponent("class.html"), encoding: .utf8)
    #expect(classPage.contains("2 students failing"))
    // Each group links to a trace that exists on the first student's page.
    let bobPage = try String(contentsOf: out.appendingPathComponent("students/bob.html"), encoding: .utf8)
    let link = try #require(classPage.components(separatedBy: "href=\"students/bob.html#").dropFirst().first)
    #expect(bobPage.contains("id=\"\(link.prefix { $0 != "\"" })\""))
    let csv = CSVReader.parse(try String(contentsOf: out.appendingPathComponent("checks.csv"), encoding: .utf8))
    #expect(csv[0].prefix(3) == ["step", "check", "title"])
    let row = try #require(csv.first { $0.count > 1 && $0[1] == "basic.failed-trial-restarts-wait" })
    #expect(row[4] == "4" && row[5] == String(passing.count) && row[8] == String(format: "%.3f", Double(percent) / 100))
    #expect(csv.count - 1 == summary.checks.count)
  }
}
