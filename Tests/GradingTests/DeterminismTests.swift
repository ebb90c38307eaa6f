import Conformance
import Foundation
import Grading
import Testing

@Suite("Determinism")
struct DeterminismTests {
  @Test("the same submissions and seed give the same grades, with or without --force")
  func sameGrades() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-determinism-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let exercise = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker")
    for (student, file) in [("a", "solution/breaker.py"), ("b", "python/breaker.py")] {
      let folder = root.appendingPathComponent("submissions/\(student)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: exercise.appendingPathComponent(file), to: folder.appendingPathComponent("breaker.py"))
    }
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.variants = 1
    options.seed = 7
    options.force = true
    func summary(_ grades: [StepGrade]) -> [String] {
      grades.map { grade in
        "\(grade.student) \(grade.score) \(grade.outcome) "
          + grade.checks.map { "\($0.id)=\($0.status.rawValue)" }.joined(separator: ",")
      }
    }
    let first = try Grader(content: TestSupport.content, options: options).run()
    let second = try Grader(content: TestSupport.content, options: options).run()
    #expect(summary(first) == summary(second))
    #expect(first.map(\.key) == second.map(\.key))
    options.seed = 8
    let reseeded = try Grader(content: TestSupport.content, options: options).run()
    #expect(reseeded.map(\.key) != first.map(\.key))
  }
}

@Suite("Resuming")
struct ResumeTests {
  @Test("an interrupted run keeps its grades and the next run resumes from them")
  func resume() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-resume-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let solution = TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")
    for index in 1...5 {
      let folder = root.appendingPathComponent("submissions/s\(index)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: solution, to: folder.appendingPathComponent("breaker.py"))
    }
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.jobs = 1
    options.variants = 0
    let first = try Grader(content: TestSupport.content, options: options)
    first.onGrade = { [weak first] _, _ in first?.cancel() }
    let kept = try first.run()
    #expect(first.wasCancelled)
    #expect(kept.count == 1)
    let second = try Grader(content: TestSupport.content, options: options)
    let cached = CachedCounter()
    second.onGrade = { _, wasCached in if wasCached { cached.add() } }
    let all = try second.run()
    #expect(all.count == 5)
    #expect(cached.value == 1)
    #expect(all.allSatisfy { $0.outcome == "passed" })
  }
}
