import Foundation
import Grading
import Processes
import Testing

/// Submissions as students hand them in: zips, notebooks, a nested project folder (16.10).
@Suite("Zips, notebooks and nested folders")
struct ArchiveTests {
  /// Writes a zip with Python's zipfile: member name → text.
  static func zip(_ url: URL, _ members: [(String, String)]) throws {
    let script = """
      import json, sys, zipfile
      with zipfile.ZipFile(sys.argv[1], "w") as z:
          for name, text in json.loads(sys.argv[2]):
              z.writestr(name, text)
      """
    let json = String(
      decoding: try JSONSerialization.data(withJSONObject: members.map { [$0.0, $0.1] }), as: UTF8.self)
    let run = try Spawn(["python3", "-c", script, url.path, json], group: .own).capture(timeout: 120)
    #expect(run.termination == .exited(0), "\(run.text)")
  }

  @Test("a zip is unpacked and graded, an unsafe one is an error; notebooks and a nested folder are found")
  func handedIn() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-archives-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let submissions = root.appendingPathComponent("submissions")
    let fm = FileManager.default
    let solution = try String(
      contentsOf: TestSupport.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py"),
      encoding: .utf8)
    func write(_ path: String, _ text: String) throws {
      let url = submissions.appendingPathComponent(path)
      try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    try fm.createDirectory(at: submissions, withIntermediateDirectories: true)
    try Self.zip(submissions.appendingPathComponent("zipped.zip"), [("project/breaker.py", solution)])
    try Self.zip(
      submissions.appendingPathComponent("sneaky.zip"), [("../../escaped.py", "print('out')"), ("breaker.py", "x")])
    try fm.createDirectory(at: submissions.appendingPathComponent("inner"), withIntermediateDirectories: true)
    try Self.zip(submissions.appendingPathComponent("inner/handin.zip"), [("breaker.py", solution)])
    try write("nested/cblearn-assignment-main/breaker.py", solution)
    let cells: [[String: Any]] = [
      ["cell_type": "markdown", "source": ["# My breaker\n"]],
      ["cell_type": "code", "source": ["%matplotlib inline\n", "!pip install nothing\n"]],
      [
        "cell_type": "code",
        "source": solution.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\n" },
      ],
    ]
    try write(
      "notebook/Breaker.ipynb",
      String(decoding: try JSONSerialization.data(withJSONObject: ["cells": cells, "nbformat": 4]), as: UTF8.self))
    try write("lost/notes.txt", "I forgot")
    try write("lost/draft.txt", "really")

    var options = GradingOptions(
      submissions: submissions, steps: [TestSupport.step(3)], out: root.appendingPathComponent("out"))
    options.variants = 0
    options.seedCount = 1
    options.jobs = 2
    options.buildCache = TestSupport.buildCache
    let grades = Dictionary(
      uniqueKeysWithValues: try Grader(content: TestSupport.content, options: options).run().map { ($0.student, $0) })
    #expect(grades["zipped"]?.outcome == "passed", "\(grades["zipped"]?.message ?? "")")
    #expect(grades["zipped"]?.file == "project/breaker.py")
    #expect(grades["inner"]?.outcome == "passed", "\(grades["inner"]?.message ?? "")")
    #expect(grades["nested"]?.outcome == "passed")
    #expect(grades["nested"]?.file == "cblearn-assignment-main/breaker.py")
    #expect(grades["notebook"]?.outcome == "passed", "\(grades["notebook"]?.message ?? "")")
    #expect(grades["notebook"]?.message?.contains("notebook") == true)
    #expect(grades["sneaky"]?.outcome == "error")
    #expect(grades["sneaky"]?.message?.contains("would be written outside its folder") == true)
    #expect(!fm.fileExists(atPath: root.appendingPathComponent("escaped.py").path))
    #expect(grades["lost"]?.outcome == "missing")
    #expect(grades["lost"]?.message?.contains("found instead: draft.txt, notes.txt") == true)
  }
}
