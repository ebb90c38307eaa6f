import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Two cblearn processes on one workspace, and a workspace cannot be written.
@Suite("Progress across processes", .serialized)
struct ProgressSessionsTests {
  /// A fresh Python workspace with every step open.
  func workspace() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-sessions-\(UUID().uuidString)")
    let created = try CLI.run(["start", "--workspace", folder.path, "--track", "python", "--unlock-all"])
    #expect(created.status == 0, "\(created.stderr)")
    return folder
  }

  func progress(_ folder: URL) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent("progress.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("a REPL left open does not undo a step submitted from a second terminal")
  func replAndSubmit() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Session A: the REPL, open before the submission (bounded by timeout(1): a stuck REPL fails the test).
    let repl = Process()
    repl.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    repl.arguments = ["-s", "KILL", "120", CLI.executable, "start", "--workspace", folder.path]
    let input = Pipe()
    let output = Pipe()
    repl.standardInput = input
    repl.standardOutput = output
    repl.standardError = FileHandle.nullDevice
    try repl.run()
    var seen = Data()
    while !String(decoding: seen, as: UTF8.self).contains("Welcome back") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
    }
    #expect(String(decoding: seen, as: UTF8.self).contains("Welcome back"))

    // Session B: submits step 3 with the reference solution.
    let solution = CLI.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")
    let target = folder.appendingPathComponent("steps/03-basic-breaker/python/breaker.py")
    try FileManager.default.removeItem(at: target)
    try FileManager.default.copyItem(at: solution, to: target)
    let submitted = try CLI.run(["submit", "3", "--workspace", folder.path])
    #expect(submitted.status == 0, "\(submitted.stdout)\(submitted.stderr)")

    // Session A writes its own change after B's, from its older picture of the progress.
    input.fileHandleForWriting.write(Data("hint 4\nquit\n".utf8))
    try input.fileHandleForWriting.close()
    _ = output.fileHandleForReading.readDataToEndOfFile()
    repl.waitUntilExit()
    #expect(repl.terminationStatus == 0)

    let steps = try #require(try progress(folder)["steps"] as? [String: [String: Any]])
    #expect(steps["3"]?["status"] as? String == "done", "\(steps["3"] ?? [:])")
    #expect(steps["3"]?["attempts"] as? Int == 1)
    #expect(steps["4"]?["hints_used"] as? Int == 1)
  }

  @Test("a workspace that cannot be written: the command fails with exit 1 and says what could not be written")
  func readOnlyWorkspace() throws {
    let folder = try workspace()
    defer {
      chmod(folder.path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    var arguments = ["hint", "3", "--workspace", folder.path]
    var executable = CLI.executable
    if geteuid() == 0 {
      // Root writes anywhere: run the command as nobody, who cannot write the root-owned workspace.
      arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.executable] + arguments
      executable = "/usr/bin/setpriv"
    } else {
      chmod(folder.path, 0o555)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let err = Pipe()
    process.standardError = err
    process.standardOutput = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "\(text)")
    #expect(text.contains("could not write"), "\(text)")
    let steps = try #require(try progress(folder)["steps"] as? [String: [String: Any]])
    #expect(steps["3"]?["hints_used"] as? Int == 0)
    // Reading still works.
    let path = Process()
    path.executableURL = URL(fileURLWithPath: executable)
    path.arguments = arguments.map { $0 == "hint" ? "path" : $0 }.filter { $0 != "3" }
    path.standardOutput = FileHandle.nullDevice
    path.standardError = FileHandle.nullDevice
    try path.run()
    path.waitUntilExit()
    #expect(path.terminationStatus == 0)
  }
}
