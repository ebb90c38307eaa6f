import Foundation
import Grading
import Testing

/// Per-check points add up to the score and the maximum in every format, under a rubric with `info`,
/// `should` and zero-point checks (issue 16.5).
@Suite("Scores add up")
struct ScoreSumTests {
  static let rubric = """
    starter_unchanged: grade
    points: {basic.trip-at-threshold: 3, basic.success-resets-count: 0, basic.threshold-one: 0}
    levels: {basic.tripping-error-propagates: info, basic.counters-reset-on-close: should}
    """

  @Test("CSV, grades.json, JUnit, Gradescope and HTML sum to the score; zero-point checks show pass or fail")
  func everyFormat() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-sums-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let exercise = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker")
    for (student, file) in [("solution", "solution/breaker.py"), ("starter", "python/breaker.py")] {
      let folder = root.appendingPathComponent("submissions/\(student)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: exercise.appendingPathComponent(file), to: folder.appendingPathComponent("breaker.py"))
    }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("submissions/absent"), withIntermediateDirectories: true)
    let out = root.appendingPathComponent("out")
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)], out: out)
    options.variants = 0
    options.jobs = 2
    options.buildCache = TestSupport.buildCache
    options.rubric = try Rubric.parse(Self.rubric, file: "rubric.yaml")
    let book = Gradebook(grades: try Grader(content: TestSupport.content, options: options).run(), seed: 1)
    try ReportWriter(out: out, formats: ReportFormat.allCases).write(book)
    let students = Dictionary(uniqueKeysWithValues: book.students.map { ($0.name, $0) })
    let starter = try #require(students["starter"]?.grades.first)
    // The info check passed for the starter but earns nothing; the maximum leaves it out.
    #expect(starter.points["basic.tripping-error-propagates"] == 0)
    // The manifest's points, with basic.trip-at-threshold 3 (+1), two zero-point checks (-2) and the info one (-1).
    #expect(starter.maxScore == (try TestSupport.manifestMaximum(3)) + 1 - 2 - 1)
    #expect(starter.score > 0)

    // gradebook.csv: the numeric check cells of a row add up to its score; zero-point checks say pass/fail.
    let rows = CSVReader.parse(try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8))
    let header = rows[0]
    for row in rows.dropFirst() {
      let student = try #require(students[row[0]])
      let cells = header.indices.filter { header[$0].hasPrefix("3:") }.map { row[$0] }
      if student.grades[0].status == .graded {
        #expect(cells.compactMap(Int.init).reduce(0, +) == student.score)
        let zero = header.firstIndex(of: "3:basic.success-resets-count")!
        #expect(["pass", "fail"].contains(row[zero]))
      }
      #expect(row[header.firstIndex(of: "total")!] == String(student.score))
      #expect(row[header.firstIndex(of: "max_total")!] == String(student.maxScore))
    }
    #expect(rows.first { $0[0] == "starter" }?[header.firstIndex(of: "3:basic.threshold-one")!] == "fail")

    // grades.json: earned points of the checks, and their maxima.
    let grades = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("grades.json")))
        as? [String: Any])
    for student in grades["students"] as? [[String: Any]] ?? [] {
      for step in student["steps"] as? [[String: Any]] ?? [] {
        let points = step["points"] as? [String: Int] ?? [:]
        let checks = step["checks"] as? [[String: Any]] ?? []
        let earned = checks.filter { $0["status"] as? String == "pass" }.map { points[$0["id"] as! String]! }
        if step["status"] as? String == "graded" { #expect(earned.reduce(0, +) == step["score"] as? Int) }
        #expect(points.values.reduce(0, +) == step["max_score"] as? Int)
      }
    }

    // junit.xml: the points.* properties of each suite add up to its score and max_score properties.
    let junit = try String(contentsOf: out.appendingPathComponent("junit.xml"), encoding: .utf8)
    for suite in junit.components(separatedBy: "<testsuite ").dropFirst() {
      func property(_ name: String) -> String? {
        guard let range = suite.range(of: "<property name=\"\(name)\" value=\"") else { return nil }
        return String(suite[range.upperBound...].prefix { $0 != "\"" })
      }
      let pairs = suite.components(separatedBy: "<property name=\"points.").dropFirst().map {
        $0.split(separator: "\"")[2].split(separator: "/").map { Int($0)! }
      }
      #expect(String(pairs.map { $0[0] }.reduce(0, +)) == property("score"))
      #expect(String(pairs.map { $0[1] }.reduce(0, +)) == property("max_score"))
    }

    // Gradescope: the tests' scores add up to the score, their maxima to the student's maximum.
    for student in book.students {
      let url = out.appendingPathComponent("gradescope/\(ResultStore.safeName(student.name))/results.json")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
      let tests = json["tests"] as? [[String: Any]] ?? []
      #expect(tests.compactMap { $0["score"] as? Double }.reduce(0, +) == json["score"] as? Double)
      #expect(tests.compactMap { $0["max_score"] as? Double }.reduce(0, +) == Double(student.maxScore))
    }

    // The student's HTML page: each check's earned/points add up to the total.
    for student in book.students {
      let page = try String(
        contentsOf: out.appendingPathComponent("students/\(ResultStore.safeName(student.name)).html"),
        encoding: .utf8)
      let pairs = page.components(separatedBy: "\n").filter { $0.hasPrefix("<h3 ") }.map {
        $0.replacingOccurrences(of: "</h3>", with: "").split(separator: " ").last!.split(separator: "/").map {
          Int($0)!
        }
      }
      #expect(pairs.map { $0[0] }.reduce(0, +) == student.score)
      #expect(pairs.map { $0[1] }.reduce(0, +) == student.maxScore)
      #expect(page.contains("Total \(student.score)/\(student.maxScore)"))
    }
  }

  @Test("a points pass mark above the step's maximum is an error naming the line")
  func passMarkAboveMaximum() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-mark-\(UUID().uuidString)")
    var options = GradingOptions(
      submissions: root, steps: [TestSupport.step(3)], out: root.appendingPathComponent("out"))
    options.rubric = try Rubric.parse("points: {basic.trip-at-threshold: 2}\npass_mark: 99\n", file: "rubric.yaml")
    do {
      _ = try Grader(content: TestSupport.content, options: options)
      Issue.record("a pass mark of 99 points was accepted")
    } catch let error as GradingError {
      let maximum = try TestSupport.manifestMaximum(3)
      #expect("\(error)".hasPrefix("rubric.yaml:2: `pass_mark: 99` is above step 3's maximum of \(maximum) points"))
    }
  }
}
