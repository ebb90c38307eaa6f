import Foundation
import Testing

/// The package root, holding the real `lessons/` and `exercises/`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
private let solution = packageRoot.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")

/// A whole journey on the real content: it runs once the step-3 exercise and its reference solution exist.
@Suite(
  "Learner journey",
  .enabled(if: Driver.executable != nil, "the cblearn executable is not built"),
  .enabled(if: FileManager.default.fileExists(atPath: solution.path), "exercises/03-basic-breaker has no solution yet"))
struct JourneyTests {
  @Test("start, read lesson 3, fail a check, take a hint, fix, submit, see 3/10, quit, restart and resume")
  func journey() throws {
    let exe = try #require(Driver.executable)
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cblearn-journey-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: workspace) }
    let env = ProcessEnvironment.make(content: packageRoot)
    let arguments = [exe, "start", "--workspace", workspace.path, "--track", "python", "--unlock-all"]
    let first = try Driver.pipe(arguments, environment: env)
    first.send("goto 3\n")
    #expect(first.waitFor("Step 3/10"), "\(first.transcript)")
    var mark = first.mark
    first.send("lesson\n")
    #expect(first.waitFor("Next: `exercise`", after: mark), "\(first.transcript)")
    mark = first.mark
    first.send("check\n")
    #expect(first.waitFor("Some must checks fail", after: mark, timeout: 180), "the starter fails: \(first.transcript)")
    mark = first.mark
    first.send("hint\n")
    #expect(first.waitFor("Hint 1/3", after: mark), "\(first.transcript.suffix(3000))")
    let file = workspace.appendingPathComponent("steps/03-basic-breaker/python/breaker.py")
    try FileManager.default.removeItem(at: file)
    try FileManager.default.copyItem(at: solution, to: file)
    mark = first.mark
    first.send("submit\n")
    #expect(first.waitFor("Step 3 done", after: mark, timeout: 180), "\(first.transcript)")
    mark = first.mark
    first.send("path\n")
    #expect(first.waitFor("1/10 done", after: mark), "\(first.transcript)")
    first.send("quit\n")
    #expect(first.finish() == 0)

    let second = try Driver.pipe(arguments, environment: env)
    second.send("path\nquit\n")
    #expect(second.finish() == 0)
    #expect(second.transcript.contains("Welcome back: step 3/10, 1 done"), "\(second.transcript)")
    let progress = try String(contentsOf: workspace.appendingPathComponent("progress.json"), encoding: .utf8)
    #expect(progress.contains("\"status\" : \"done\""))
    #expect(progress.contains("\"hints_used\" : 1"))
  }
}
