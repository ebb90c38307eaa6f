import Curriculum
import Foundation
import Grading
import Testing

@Suite("Submission layouts")
struct DiscoveryTests {
  /// Builds a submissions folder from `files` (path → text) and finds the submissions of `steps`.
  func find(_ files: [String: String], steps: [Int]) throws -> [String: Submission.Source] {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-discovery-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let finder = SubmissionFinder(content: TestSupport.content, steps: steps.map(TestSupport.step))
    var result: [String: Submission.Source] = [:]
    for submission in try finder.find(in: root) {
      var source = submission.source
      // Compare by the path inside the student's folder.
      if case .file(let url) = source { source = .file(URL(fileURLWithPath: submission.relativePath ?? url.path)) }
      result["\(submission.student)/\(submission.step.number)"] = source
    }
    return result
  }

  @Test("several steps: files and folders named by number or slug; missing steps say so")
  func severalSteps() throws {
    let found = try find(
      [
        "ann/03.py": "", "ann/stuck-open/Breaker.swift": "",
        "ben/step3.swift": "", "ben/04-stuck-open/python/breaker.py": "",
        "cat/basic-breaker.py": "", "cat/notes.txt": "",
      ], steps: [3, 4])
    #expect(found["ann/3"] == .file(URL(fileURLWithPath: "03.py")))
    #expect(found["ann/4"] == .file(URL(fileURLWithPath: "stuck-open/Breaker.swift")))
    #expect(found["ben/3"] == .file(URL(fileURLWithPath: "step3.swift")))
    #expect(found["ben/4"] == .file(URL(fileURLWithPath: "04-stuck-open/python/breaker.py")))
    #expect(found["cat/3"] == .file(URL(fileURLWithPath: "basic-breaker.py")))
    guard case .missing(let why) = found["cat/4"] else {
      Issue.record("cat/4 should be missing: \(String(describing: found["cat/4"]))")
      return
    }
    #expect(why.contains("stuck-open"))
  }

  @Test("ambiguous layouts are explained")
  func ambiguous() throws {
    let found = try find(["dan/03.py": "", "dan/3.swift": "", "eve/a.py": "", "eve/b.py": ""], steps: [3])
    guard case .ambiguous(let dan) = found["dan/3"], case .ambiguous(let eve) = found["eve/3"] else {
      Issue.record("expected ambiguity: \(found)")
      return
    }
    #expect(dan.contains("03.py") && dan.contains("3.swift"))
    #expect(eve.contains("a.py, b.py"))
  }

  @Test("a workspace: the edited track wins when progress.json names none")
  func workspace() throws {
    let starter = try String(
      contentsOf: TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/python/breaker.py"),
      encoding: .utf8)
    let found = try find(
      [
        "fay/steps/03-basic-breaker/python/breaker.py": starter,
        "fay/steps/03-basic-breaker/swift/Breaker.swift": "// edited\n",
      ], steps: [3])
    #expect(found["fay/3"] == .file(URL(fileURLWithPath: "steps/03-basic-breaker/swift/Breaker.swift")))
  }

  @Test("an empty submissions folder is an error that says what to do")
  func empty() throws {
    #expect(throws: GradingError.self) { _ = try find([:], steps: [3]) }
  }
}
