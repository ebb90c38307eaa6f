import Foundation
import Processes
import Testing

/// Ctrl-C on `cblearn check` ends the subject too, even one that is deadlocked and never reads its input.
@Suite("interrupting a check")
struct InterruptTests {
  @Test(
    "SIGINT and SIGTERM during a check of a deadlocked breaker leave no subject behind",
    arguments: [(SIGINT, "deadlock.py"), (SIGTERM, "deadlock.py"), (SIGINT, "Deadlock.swift")])
  func noSurvivors(signal: Int32, file: String) throws {
    let marker = Survivors.marker()
    let fixture = CLI.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/\(file)").path
    var env = ProcessInfo.processInfo.environment
    env["CBLEARN_TEST_MARK"] = marker
    env["CBLEARN_CACHE_DIR"] = CLI.root.appendingPathComponent(".build/test-cache").path
    let child = try Self.spawn([CLI.executable, "check", "3", fixture, "--timeout", "30"], environment: env)
    defer {
      child.send(SIGKILL)
      for survivor in Survivors.find(marker) { kill(survivor.pid, SIGKILL) }
      _ = child.poll()
    }
    // The subject is running (stuck in its first call) once a process other than cblearn has the mark (not
    // the compiler, whose command line also ends in the output file's name, `subject`).
    let subjectStarted = Survivors.waitUntil(attempts: 1200) {
      Survivors.find(marker).contains {
        $0.command.contains("cblearn_adapter") || ($0.command.hasSuffix("/subject ") && !$0.command.contains("swiftc"))
      }
    }
    #expect(subjectStarted, "the subject never started")
    kill(child.pid, signal)
    let ended = Survivors.waitUntil(attempts: 100) { child.poll() != nil }
    #expect(ended, "cblearn did not end on the signal")
    #expect(
      child.poll() == .signalled(signal),
      "cblearn ends with the signal, as before (\(String(describing: child.poll())))")
    let gone = Survivors.waitUntil(attempts: 40) { Survivors.find(marker).isEmpty }
    let left = Survivors.find(marker).map { "\($0.pid) (parent \($0.parent)): \($0.command)" }
    #expect(gone, "processes left behind: \(left)")
  }

  /// Starts a program in a group of its own with its signals at their defaults and unblocked, as a shell
  /// would (the test runner may ignore or block them, and children inherit that), reading and writing
  /// `/dev/null`.
  static func spawn(_ arguments: [String], environment: [String: String]) throws -> SpawnedProcess {
    let null = open("/dev/null", O_RDWR | O_CLOEXEC)
    defer { close(null) }
    var spawn = Spawn(arguments, group: .own, environment: environment)
    spawn.standardInput = null
    spawn.standardOutput = null
    spawn.standardError = null
    return try spawn.start()
  }
}

/// A learner's escape sequences (in errors, standard error, a failed start) are shown escaped, never raw.
@Suite("learner output is escaped")
struct EscapedOutputTests {
  @Test func reportsAndErrorsShowEscapes() throws {
    let fixtures = CLI.root.appendingPathComponent("Tests/EndToEndTests/Fixtures")
    let run = try CLI.run(
      ["check", "3", fixtures.appendingPathComponent("escapes.py").path, "--variants", "0", "--verbose"],
      environment: ["NO_COLOR": "1"])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"), "raw escapes in: \(run.stdout)")
    #expect(run.stdout.contains("\\x1b[31mred\\x1b[0m alert"), "\(run.stdout)")
    let start = try CLI.run(["check", "3", fixtures.appendingPathComponent("escapes_import.py").path])
    #expect(start.status == 2)
    #expect(!start.stderr.contains("\u{1B}"), "raw escapes in: \(start.stderr)")
    #expect(start.stderr.contains("\\x1b[2J"), "\(start.stderr)")
  }
}
