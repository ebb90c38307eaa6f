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
      try FileManager.default.copyItem(at: exercise.appendingPathComponent(file), to: folder.appendingPathComponent("breaker.py"))
    }
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.variants = 1
    options.seed = 7
    options.force = true
    func summary(_ grades: [StepGrade]) -> [String] {
      grades.map { grade in
        "\(grade.student) \(grade.score) \(grade.outcome) " + grade.checks.map { "\($0.id)=\($0.status.rawValue)" }.joined(separator: ",")
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
