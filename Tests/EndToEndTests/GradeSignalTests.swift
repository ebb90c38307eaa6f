import Foundation
import Processes
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGTERM, SIGHUP and kill -9 in the middle of a grading run.
@Suite("Grading under signals", .serialized)
struct GradeSignalTests {
  /// A protocol program that answers the handshake, then waits for ever without reading its input (so the
  /// end of its input does not end it): only a signal ends its grading.
  static let sleeper = """
    #!/bin/sh
    read line
    echo '{"id":1,"ok":true,"protocol":1,"name":"sleeper","language":"sh","features":[]}'
    read line
    while :; do sleep 1; done

    """

  /// A class of one sleeping and one correct submission, in a fresh folder.
  func makeClass() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-signals-\(UUID().uuidString)")
    let sleeper = root.appendingPathComponent("submissions/sleeper/run")
    try FileManager.default.createDirectory(at: sleeper.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(Self.sleeper.utf8).write(to: sleeper)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sleeper.path)
    let solution = CLI.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py")
    let honest = root.appendingPathComponent("submissions/honest/breaker.py")
    try FileManager.default.createDirectory(at: honest.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: solution, to: honest)
    return root
  }

  /// Starts `cblearn grade` with two minutes per reply and returns once the sleeper's subject runs, with the
  /// read end of its standard error (the caller closes it).
  func startGrading(_ root: URL) throws -> (SpawnedProcess, Int32) {
    let err = try Spawn.pipe()
    let null = open("/dev/null", O_RDWR | O_CLOEXEC)
    var spawn = Spawn(
      [
        CLI.executable, "grade", root.appendingPathComponent("submissions").path, "--step", "3", "--out",
        root.appendingPathComponent("out").path, "--jobs", "1", "--timeout", "120", "--reply-timeout", "120",
        "--variants", "0", "--format", "json",
      ], group: .own)
    spawn.standardInput = null
    spawn.standardOutput = null
    spawn.standardError = err.write
    let process = try spawn.start()
    for fd in [err.write, null] { close(fd) }
    // The sleeper sorts after honest: once honest's line is printed, the sleeper is being graded. A child
    // bounded by timeout(1) then waits for its subject to appear.
    let seen = CLI.read(err.read, until: "honest", timeout: 300)
    #expect(seen.contains("honest"), "\(seen)")
    #expect(try Self.waitFor(root, running: true) == 0, "the sleeper's subject never started")
    return (process, err.read)
  }

  /// Waits in a child process, bounded by timeout(1), until a process running the sleeper's program exists
  /// (or none does).
  static func waitFor(_ root: URL, running: Bool) throws -> Int32 {
    // The needle is read from a file, so that no command line of the waiter itself contains it.
    let needle = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-needle-\(UUID().uuidString)")
    try Data(root.appendingPathComponent("submissions/sleeper/run").path.utf8).write(to: needle)
    defer { try? FileManager.default.removeItem(at: needle) }
    let check = "grep -qsFf \"$1\" /proc/[0-9]*/cmdline"
    let script = running ? "until \(check); do sleep 0.05; done" : "while \(check); do sleep 0.05; done"
    let waiter = Spawn(
      ["/usr/bin/timeout", "-s", "KILL", "20", "/bin/sh", "-c", script, "wait", needle.path], group: .own)
    return try waiter.start().wait().exitStatus
  }

  @Test("SIGTERM and SIGHUP stop like Ctrl-C: subjects killed, work folder removed, grades kept, 143 and 129")
  func termAndHangUp() throws {
    for (signal, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
      let root = try makeClass()
      defer { try? FileManager.default.removeItem(at: root) }
      let (process, err) = try startGrading(root)
      kill(process.pid, signal)
      let text = CLI.read(err, timeout: 300)
      close(err)
      #expect(process.wait() == .exited(status), "\(text)")
      #expect(text.contains("run the same command to resume"), "\(text)")
      #expect(try Self.waitFor(root, running: false) == 0, "a subject outlived the run")
      let out = root.appendingPathComponent("out")
      #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(".work").path))
      let kept = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("results").path))
      #expect(kept?.contains { $0.hasPrefix("honest") } == true, "\(kept ?? [])")
      let cgroups = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/fs/cgroup/pids")) ?? []
      #expect(!cgroups.contains { $0.hasPrefix("cblearn-grade-\(process.pid)-") })
    }
  }

  @Test("after kill -9 of cblearn, every subject dies at once (a parent-death signal)")
  func killNine() throws {
    let root = try makeClass()
    defer { try? FileManager.default.removeItem(at: root) }
    let (process, err) = try startGrading(root)
    defer { close(err) }
    kill(process.pid, SIGKILL)
    process.wait()
    // The subject would wait for ever, and its deadline is two minutes away: only the parent-death signal ends it.
    #expect(try Self.waitFor(root, running: false) == 0, "a subject outlived cblearn")
  }
}
