import Foundation
import Grading
import Testing

/// Honest credit: an unchanged starter scores 0 and says why; a copy of the reference is flagged (16.6).
@Suite("Starter unchanged")
struct StarterTests {
  static let exercise = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker")

  /// Grades `files` (student → text of breaker.py) for step 3 under `rubric`.
  func grade(_ files: [String: String], rubric: String = "") throws -> [String: StepGrade] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-starter-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (student, text) in files {
      let folder = root.appendingPathComponent("submissions/\(student)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: folder.appendingPathComponent("breaker.py"))
    }
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.variants = 0
    options.jobs = 2
    options.buildCache = TestSupport.buildCache
    options.rubric = try Rubric.parse(rubric, file: "rubric.yaml")
    let grades = try Grader(content: TestSupport.content, options: options).run()
    return Dictionary(uniqueKeysWithValues: grades.map { ($0.student, $0) })
  }

  @Test("the starter with new comments and spacing scores 0, flagged; the rubric can grade it; copies are flagged")
  func flags() throws {
    let starter = try String(contentsOf: Self.exercise.appendingPathComponent("python/breaker.py"), encoding: .utf8)
    let solution = try String(
      contentsOf: Self.exercise.appendingPathComponent("solution/breaker.py"), encoding: .utf8)
    let retouched = "# my breaker\n\n" + starter.replacingOccurrences(of: "\n", with: "  \n\n") + "# done\n"
    let files = [
      "ann": retouched, "ben": solution + "\n# all mine\n",
      "cat": solution.replacingOccurrences(
        of: "return", with: "return ", options: [], range: nil) + "\nx = '# not a comment'\n",
    ]
    let grades = try grade(files)
    let ann = try #require(grades["ann"])
    #expect(ann.status == .missing && ann.score == 0 && !ann.passed)
    #expect(ann.flags == [.starterUnchanged])
    #expect(ann.message?.hasPrefix("starter unchanged") == true)
    #expect(grades["ben"]?.flags == [.referenceSolution] && grades["ben"]?.outcome == "passed")
    // The instructor's flag never reaches what students see.
    #expect(grades["ben"]?.message == nil)
    let ben = try #require(grades["ben"])
    let student = try #require(Gradebook(grades: [ben], seed: 1).students.first)
    #expect(HTMLReport.student(student).contains("identical to the reference solution"))
    let gradescope = String(decoding: try GradescopeResults.render(student), as: UTF8.self)
    #expect(!gradescope.contains("reference solution"))
    #expect(grades["cat"]?.flags == nil, "a string holding # is code, not a comment")
    let graded = try grade(["ann": retouched], rubric: "starter_unchanged: grade\n")
    #expect(graded["ann"]?.status == .graded && graded["ann"]?.flags == [.starterUnchanged])
    #expect((graded["ann"]?.score ?? 0) > 0)
  }

  @Test("a workspace whose two starters are untouched is `starter unchanged`, not an ambiguity")
  func untouchedWorkspace() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-ws-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let step = root.appendingPathComponent("submissions/ann/steps/03-basic-breaker")
    for (track, file) in [("python", "breaker.py"), ("swift", "Breaker.swift")] {
      try FileManager.default.createDirectory(
        at: step.appendingPathComponent(track), withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: Self.exercise.appendingPathComponent("\(track)/\(file)"),
        to: step.appendingPathComponent("\(track)/\(file)"))
    }
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.buildCache = TestSupport.buildCache
    let grade = try #require(try Grader(content: TestSupport.content, options: options).run().first)
    #expect(grade.status == .missing && grade.flags == [.starterUnchanged], "\(grade.message ?? "")")
  }

  @Test("`starter_unchanged` takes zero or grade")
  func rubricKey() throws {
    #expect(throws: GradingError.self) { try Rubric.parse("starter_unchanged: sometimes\n", file: "r.yaml") }
    #expect(
      try Rubric.parse("steps: {3: {starter_unchanged: grade}}\n", file: "r.yaml").overrides(for: 3)
        .gradeUnchangedStarter == true)
  }
}
