import Foundation
import Grading
import Testing

/// Grading step 10 uses the student's own breaker plan (`breakers.yaml` beside the breaker), and a
/// submission without one is graded with the starter plan and told so.
@Suite("Capstone plan in grading")
struct CapstonePlanGradingTests {
  @Test("a student's breakers.yaml is picked up; without one the message names the starter plan")
  func studentPlan() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-plan-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let exercises = TestSupport.root.appendingPathComponent("exercises")
    let breaker = exercises.appendingPathComponent("09-slow-calls-bulkhead/solution/breaker.py")
    for student in ["ann", "ben"] {
      let folder = root.appendingPathComponent("submissions/\(student)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: breaker, to: folder.appendingPathComponent("breaker.py"))
    }
    try FileManager.default.copyItem(
      at: exercises.appendingPathComponent("10-chaos/solution/breakers.yaml"),
      to: root.appendingPathComponent("submissions/ann/breakers.yaml"))
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(10)],
      out: root.appendingPathComponent("out"))
    options.jobs = 2
    options.seedCount = 1
    options.buildCache = TestSupport.buildCache
    let grades = Dictionary(
      uniqueKeysWithValues: try Grader(content: TestSupport.content, options: options).run().map { ($0.student, $0) })
    let ann = try #require(grades["ann"])
    let ben = try #require(grades["ben"])
    #expect(ann.passed, "\(ann.message ?? "")")
    #expect(ann.message?.contains("starter plan") != true, "\(ann.message ?? "")")
    #expect(!ben.passed)
    #expect(ben.message?.contains("starter plan") == true, "\(ben.message ?? "")")
  }
}
