import Foundation
import Testing

/// `cblearn grade` as an instructor types it: the sandbox warning, one student's repository, merges.
@Suite("cblearn grade from the command line")
struct GradeCommandTests {
  /// A temporary folder with `students` empty student folders (graded `missing` at once).
  static func classFolder(_ students: [String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-cli-\(UUID().uuidString)")
    for student in students {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent("subs/\(student)"), withIntermediateDirectories: true)
    }
    return root
  }

  static func json(_ url: URL) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  @Test("--sandbox auto without bubblewrap warns, and grading.json and grades.json say none and why")
  func sandboxFallback() throws {
    let root = try Self.classFolder(["ann"])
    defer { try? FileManager.default.removeItem(at: root) }
    // A PATH without bwrap (nothing runs: the student is missing), with setpriv, which grading as root needs.
    let empty = root.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    for tool in ["setpriv", "timeout"] {
      if let found = ["/usr/bin/\(tool)", "/bin/\(tool)"].first(where: FileManager.default.isExecutableFile) {
        try FileManager.default.createSymbolicLink(
          at: empty.appendingPathComponent(tool), withDestinationURL: URL(fileURLWithPath: found))
      }
    }
    let run = try CLI.run(
      ["grade", "subs", "--step", "3", "--format", "json", "--out", "out"], in: root,
      environment: ["PATH": empty.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("warning: grading WITHOUT a sandbox: bwrap is not installed"), "\(run.stderr)")
    let info = try Self.json(root.appendingPathComponent("out/grading.json"))
    #expect((info["sandbox"] as? String)?.hasPrefix("none (bwrap is not installed") == true)
    let grades = try Self.json(root.appendingPathComponent("out/grades.json"))
    #expect((grades["sandbox"] as? [String])?.first?.hasPrefix("none (") == true)
    let quiet = try CLI.run(
      ["grade", "subs", "--step", "3", "--format", "json", "--out", "out2", "--sandbox", "none"], in: root,
      environment: ["PATH": empty.path])
    #expect(quiet.status == 0 && !quiet.stderr.contains("WITHOUT a sandbox"))
    #expect(try Self.json(root.appendingPathComponent("out2/grading.json"))["sandbox"] as? String == "none")
  }

  @Test("--single grades the current folder as one student and ignores their tests")
  func single() throws {
    let root = try Self.classFolder([])
    defer { try? FileManager.default.removeItem(at: root) }
    let repo = root.appendingPathComponent("ann-repo")
    try FileManager.default.createDirectory(
      at: repo.appendingPathComponent("tests"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: CLI.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py"),
      to: repo.appendingPathComponent("breaker.py"))
    try Data("import breaker\n".utf8).write(to: repo.appendingPathComponent("tests/test_breaker.py"))
    try Data("import breaker\n".utf8).write(to: repo.appendingPathComponent("test_breaker.py"))
    let run = try CLI.run(
      [
        "grade", ".", "--single", "--step", "3", "--format", "table,junit", "--out", "/tmp/\(UUID().uuidString)",
        "--variants", "0",
      ],
      in: repo)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("ann-repo") && run.stdout.contains("1 students"), "\(run.stdout)")
    #expect(run.stderr.contains("passed 1 ·"), "\(run.stderr)")
  }

  @Test("grade merge with a shard missing exits 2 naming it; --partial writes a gradebook marked partial")
  func merge() throws {
    let root = try Self.classFolder((1...9).map { "s\($0)" })
    defer { try? FileManager.default.removeItem(at: root) }
    for shard in 1...3 {
      let run = try CLI.run(
        ["grade", "subs", "--step", "3", "--format", "json", "--shard", "\(shard)/3", "--out", "shard-\(shard)"],
        in: root)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let refused = try CLI.run(["grade", "merge", "shard-1", "shard-2", "--out", "merged"], in: root)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("shard 3/3 is missing"), "\(refused.stderr)")
    let partial = try CLI.run(
      ["grade", "merge", "shard-1", "shard-2", "--out", "merged", "--partial", "--format", "json"], in: root)
    #expect(partial.status == 0 && partial.stderr.contains("PARTIAL"))
    #expect(try Self.json(root.appendingPathComponent("merged/grades.json"))["missing_shards"] as? [String] == ["3/3"])
    let whole = try CLI.run(
      ["grade", "merge", "shard-1", "shard-2", "shard-3", "--out", "all", "--format", "json"], in: root)
    #expect(whole.status == 0)
    let students = try Self.json(root.appendingPathComponent("all/grades.json"))["students"] as? [Any]
    #expect(students?.count == 9)
  }
}
