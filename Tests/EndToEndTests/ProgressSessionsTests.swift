import Foundation
import Processes
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
    let input = try Spawn.pipe()
    let output = try Spawn.pipe()
    let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
    var spawn = Spawn(
      ["/usr/bin/timeout", "-s", "KILL", "120", CLI.executable, "start", "--workspace", folder.path], group: .own)
    spawn.standardInput = input.read
    spawn.standardOutput = output.write
    spawn.standardError = null
    let repl = try spawn.start()
    for fd in [input.read, output.write, null] { close(fd) }
    defer { close(output.read) }
    #expect(CLI.read(output.read, until: "Welcome back", timeout: 120).contains("Welcome back"))

    // Session B: submits step 3 with the reference solution.
    let solution = CLI.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")
    let target = folder.appendingPathComponent("steps/03-basic-breaker/python/breaker.py")
    try FileManager.default.removeItem(at: target)
    try FileManager.default.copyItem(at: solution, to: target)
    let submitted = try CLI.run(["submit", "3", "--workspace", folder.path])
    #expect(submitted.status == 0, "\(submitted.stdout)\(submitted.stderr)")

    // Session A writes its own change after B's, from its older picture of the progress.
    _ = Array("hint 4\nquit\n".utf8).withUnsafeBytes { write(input.write, $0.baseAddress, $0.count) }
    close(input.write)
    _ = CLI.read(output.read, timeout: 120)
    #expect(repl.wait() == .exited(0))

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
    let run = try Spawn([executable] + arguments, group: .own).capture(timeout: 300)
    let text = run.text
    #expect(run.termination == .exited(1), "\(text)")
    #expect(text.contains("could not write"), "\(text)")
    let steps = try #require(try progress(folder)["steps"] as? [String: [String: Any]])
    #expect(steps["3"]?["hints_used"] as? Int == 0)
    // Reading still works.
    let reading = [executable] + arguments.map { $0 == "hint" ? "path" : $0 }.filter { $0 != "3" }
    let path = try Spawn(reading, group: .own).capture(timeout: 300)
    #expect(path.termination == .exited(0), "\(path.text)")
  }
}
