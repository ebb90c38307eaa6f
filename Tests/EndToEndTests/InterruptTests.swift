import Foundation
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
    let pid = try Self.spawn([CLI.executable, "check", "3", fixture, "--timeout", "30"], environment: env)
    defer {
      kill(pid, SIGKILL)
      for survivor in Survivors.find(marker) { kill(survivor.pid, SIGKILL) }
      var status: Int32 = 0
      waitpid(pid, &status, WNOHANG)
    }
    // The subject is running (stuck in its first call) once a process other than cblearn has the mark (not
    // the compiler, whose command line also ends in the output file's name, `subject`).
    let subjectStarted = Survivors.waitUntil(attempts: 1200) {
      Survivors.find(marker).contains {
        $0.command.contains("cblearn_adapter") || ($0.command.hasSuffix("/subject ") && !$0.command.contains("swiftc"))
      }
    }
    #expect(subjectStarted, "the subject never started")
    kill(pid, signal)
    var status: Int32 = 0
    let ended = Survivors.waitUntil(attempts: 100) { waitpid(pid, &status, WNOHANG) == pid }
    #expect(ended, "cblearn did not end on the signal")
    #expect(status & 0x7f == signal, "cblearn ends with the signal, as before (status \(status))")
    let gone = Survivors.waitUntil(attempts: 40) { Survivors.find(marker).isEmpty }
    let left = Survivors.find(marker).map { "\($0.pid) (parent \($0.parent)): \($0.command)" }
    #expect(gone, "processes left behind: \(left)")
  }

  /// Starts a program with SIGINT and SIGTERM at their defaults and unblocked, as a shell would (the test
  /// runner may ignore or block them, and children inherit that).
  static func spawn(_ arguments: [String], environment: [String: String]) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
    guard rc == 0 else { throw CocoaError(.executableLoad) }
    return pid
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
