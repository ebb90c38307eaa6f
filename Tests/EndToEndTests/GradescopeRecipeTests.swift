import Foundation
import Processes
import Testing

/// `scripts/gradescope/run_autograder`, as docs/grading.md ships it, run against a fake autograder folder
/// (`AUTOGRADER_ROOT`) in both sandbox modes: it always writes `results.json`.
@Suite("Gradescope recipe")
struct GradescopeRecipeTests {
  /// Lays out `/autograder` in a temporary folder with the step-3 solution as the submission.
  static func autograder(submission: String = "exercises/03-basic-breaker/solution/breaker.py") throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-autograder-\(UUID().uuidString)")
    for folder in ["source", "submission", "results"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
    }
    try FileManager.default.copyItem(
      at: CLI.root.appendingPathComponent(submission), to: root.appendingPathComponent("submission/breaker.py"))
    return root
  }

  /// Runs the script; returns its exit status and the parsed `results.json` (nil when there is none).
  static func runAutograder(_ root: URL, _ environment: [String: String]) throws -> (Int32, [String: Any]?) {
    var env = ProcessInfo.processInfo.environment
    env["AUTOGRADER_ROOT"] = root.path
    env["CBLEARN"] = CLI.executable
    env["CBLEARN_HOME"] = CLI.root.path
    env["CBLEARN_CACHE_DIR"] = CLI.root.appendingPathComponent(".build/test-cache").path
    for (key, value) in environment { env[key] = value }
    let script = CLI.root.appendingPathComponent("scripts/gradescope/run_autograder").path
    let run = try Spawn(["/bin/bash", script], group: .own, environment: env).capture(timeout: 900)
    let data = FileManager.default.contents(atPath: root.appendingPathComponent("results/results.json").path)
    return (
      run.termination.exitStatus, data.flatMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
    )
  }

  /// Whether bubblewrap can create its namespaces on this machine.
  static let bubblewrapWorks: Bool = {
    let spawn = Spawn(
      ["bwrap", "--unshare-all", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--", "/bin/true"],
      group: .own)
    return (try? spawn.capture(timeout: 60))?.termination == .exited(0)
  }()

  @Test("a submission is graded through the linked folder, with and without bubblewrap", arguments: ["none", "bwrap"])
  func grades(sandbox: String) throws {
    let root = try Self.autograder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (status, results) = try Self.runAutograder(root, ["CBLEARN_SANDBOX": sandbox])
    #expect(status == 0)
    let json = try #require(results, "no results.json")
    let tests = json["tests"] as? [[String: Any]] ?? []
    let output = json["output"] as? String ?? ""
    if sandbox == "bwrap" && !Self.bubblewrapWorks {
      // cblearn refuses to grade without the sandbox it was asked for: an error result says why.
      #expect(tests.isEmpty && output.contains("--sandbox bwrap"), "\(output)")
      return
    }
    #expect(!tests.isEmpty)
    #expect(tests.allSatisfy { $0["status"] as? String == "passed" }, "\(output)")
    #expect((json["score"] as? Double ?? 0) > 0)
    #expect(output.contains("sandbox: \(sandbox == "bwrap" ? "bubblewrap" : "none")"), "\(output)")
  }

  @Test("when cblearn cannot grade, results.json is an error result that quotes it")
  func errorResult() throws {
    let root = try Self.autograder()
    defer { try? FileManager.default.removeItem(at: root) }
    // Step 1 is a quiz: cblearn exits 2.
    let (status, results) = try Self.runAutograder(root, ["CBLEARN_STEP": "1", "CBLEARN_SANDBOX": "none"])
    #expect(status == 0)
    let json = try #require(results, "no results.json")
    #expect(json["score"] as? Double == 0)
    #expect((json["tests"] as? [Any])?.isEmpty == true)
    let output = json["output"] as? String ?? ""
    #expect(output.contains("exit status 2") && output.contains("step 1 cannot be graded"), "\(output)")
    // Even without a cblearn binary at all.
    let (again, missing) = try Self.runAutograder(root, ["CBLEARN": "/nonexistent/cblearn"])
    #expect(again == 0)
    #expect((missing?["output"] as? String)?.contains("could not grade") == true)
  }
}
