import Conformance
import Foundation
import Grading
import Testing

@Suite("Wall-clock limit")
struct WallClockTests {
  @Test(
    "a submission that keeps hanging after passing checks is stopped at --timeout and graded error",
    .timeLimit(.minutes(1)))
  func deadline() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-deadline-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("submissions/slow")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(BadSubmissions.slowHang.utf8).write(to: folder.appendingPathComponent("breaker.py"))
    var options = GradingOptions(
      submissions: root.appendingPathComponent("submissions"), steps: [TestSupport.step(3)],
      out: root.appendingPathComponent("out"))
    options.variants = 0
    options.replyTimeout = 1
    options.timeout = 4
    let grades = try Grader(content: TestSupport.content, options: options).run()
    let grade = try #require(grades.first)
    #expect(grade.status == .error)
    #expect(grade.message?.contains("wall-clock limit of 4 s") == true, "\(grade.message ?? "")")
    #expect(grade.checks.contains { $0.status == .pass })
    #expect(NoLeftovers.processes(under: root).isEmpty)
  }
}
