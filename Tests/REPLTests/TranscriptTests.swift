import Foundation
import Testing

/// A newcomer's first session, in a real terminal (tmux) with the real `less` and no `PAGER` or `LESS`:
/// start, the lesson from its top, `q`, the quiz left with Ctrl-C and finished, the exercise, a failing
/// check, a hint, the file edited, a passing check, submit, next (step 3 opens without `unlock-all`), quit;
/// what is on the screen is asserted at each step, and no process is left behind.
@Suite(
  "A newcomer's transcript",
  .enabled(if: Driver.executable != nil, "the cblearn executable is not built"),
  .enabled(if: TmuxScreen.executable != nil, "tmux is not installed"),
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/less"), "less is not installed"))
struct TranscriptTests {
  /// The repository (real lessons and exercises).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A learner's environment: no pager settings, colour on, a home and a build cache of the test's own.
  static func environment(home: URL, marker: String) -> [String: String] {
    [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
      "LANG": "C.UTF-8", "TERM": "tmux-256color", "CBLEARN_HOME": root.path,
      "CBLEARN_CACHE_DIR": root.appendingPathComponent(".build/test-cache").path, "CBLEARN_TEST_MARK": marker,
    ]
  }

  /// Types a command and presses Enter.
  static func enter(_ screen: TmuxScreen, _ command: String) {
    screen.type(command)
    screen.press("Enter")
  }

  @Test(
    "start → lesson → q → quiz → exercise → check → hint → edit → check → submit → next → quit",
    arguments: ["python", "swift"])
  func firstSession(track: String) throws {
    let exe = try #require(Driver.executable)
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-newcomer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let workspace = home.appendingPathComponent("cblearn-workspace")
    let marker = Survivors.marker()
    let screen = try TmuxScreen(
      [exe, "start", "--workspace", workspace.path], environment: Self.environment(home: home, marker: marker),
      columns: 80, rows: 24)
    defer { for survivor in Survivors.find(marker) { kill(survivor.pid, SIGKILL) } }
    func prompt(_ step: Int) -> (TmuxScreen) -> Bool { { $0.lastLine.hasPrefix("cblearn \(step)/10") } }

    #expect(screen.waitUntil { $0.text.contains("Which language will you write in") }, "\(screen.text)")
    Self.enter(screen, track)
    #expect(screen.waitUntil(prompt(1)), "\(screen.text)")

    // The lesson opens at its top in less, which waits with its prompt; q gives the REPL back.
    Self.enter(screen, "lesson")
    #expect(screen.waitUntil { $0.lastLine == ":" }, "less waits for a key: \(screen.text)")
    #expect(screen.screen.first?.hasPrefix("Step 1 of 10") == true, "the top comes first: \(screen.text)")
    #expect(!screen.text.contains("cblearn 1/10"), "the pager has the whole screen")
    screen.press("q")
    #expect(screen.waitUntil(prompt(1)), "q gives the prompt back: \(screen.text)")

    // The quiz: two answers, Ctrl-C leaves it, `quiz` goes on from the third question.
    Self.enter(screen, "quiz")
    for question in 1...2 {
      #expect(screen.waitUntil { $0.text.contains("\(question)/7.") && $0.lastLine.hasPrefix("answer") })
      Self.enter(screen, "1")
    }
    #expect(screen.waitUntil { $0.text.contains("3/7.") && $0.lastLine.hasPrefix("answer") })
    screen.press("C-c")
    #expect(screen.waitUntil(prompt(1)), "Ctrl-C leaves the quiz: \(screen.text)")
    #expect(screen.text.contains("Quiz left with 2 answers kept"))
    Self.enter(screen, "quiz")
    #expect(screen.waitUntil { $0.text.contains("Going on from question 3") }, "\(screen.text)")
    for question in 3...7 {
      #expect(screen.waitUntil { $0.text.contains("\(question)/7.") && $0.lastLine.hasPrefix("answer") })
      Self.enter(screen, "1")
    }
    #expect(screen.waitUntil { $0.text.contains("Step 1 is done") }, "\(screen.text)")
    Self.enter(screen, "next")
    #expect(screen.waitUntil(prompt(2)), "\(screen.text)")

    // The exercise, then a check of the starter: it fails, with a summary and the way to the details.
    // The task is longer than the screen: it opens in the pager at its top, and `q` shows the file to edit.
    Self.enter(screen, "exercise")
    #expect(screen.waitUntil { $0.text.contains("Step 2:") && $0.lastLine.hasPrefix(":") }, "\(screen.text)")
    screen.type("q")
    #expect(screen.waitUntil { $0.text.contains("Your file (") && $0.lastLine.hasPrefix("cblearn 2/10") })
    Self.enter(screen, "check")
    #expect(screen.waitUntil(timeout: 120) { $0.text.contains("Some must checks fail") }, "\(screen.text)")
    #expect(screen.text.contains("✗") && screen.text.contains("`why "), "\(screen.text)")
    #expect(screen.waitUntil(prompt(2)))
    Self.enter(screen, "hint")
    #expect(screen.waitUntil { $0.text.contains("Hint 1/3") && $0.lastLine.hasPrefix("cblearn 2/10") })

    // The learner edits the file (here: the step's solution, as an editor would save it) and checks again.
    let file = track == "python" ? "python/breaker.py" : "swift/Breaker.swift"
    let solution = Self.root.appendingPathComponent("exercises/02-state-machine/solution")
      .appendingPathComponent(track == "python" ? "breaker.py" : "Breaker.swift")
    let mine = workspace.appendingPathComponent("steps/02-state-machine").appendingPathComponent(file)
    try Data(contentsOf: solution).write(to: mine)
    Self.enter(screen, "check")
    #expect(screen.waitUntil(timeout: 120) { $0.text.contains("Every must check passes") }, "\(screen.text)")
    #expect(screen.waitUntil(prompt(2)))
    Self.enter(screen, "submit")
    #expect(screen.waitUntil(timeout: 120) { $0.text.contains("Step 2 done") }, "\(screen.text)")
    #expect(screen.waitUntil(prompt(2)))
    Self.enter(screen, "next")
    // Step 2 is done, so `next` offers to start step 3 from the learner's own file; this learner keeps the starter.
    #expect(screen.waitUntil { $0.lastLine.contains("from your own file of step 2? [y/N]") }, "\(screen.text)")
    Self.enter(screen, "n")
    #expect(screen.waitUntil(prompt(3)), "step 3 opens without unlock-all: \(screen.text)")
    #expect(screen.text.contains("Step 3/10: The basic breaker"))

    Self.enter(screen, "quit")
    #expect(screen.waitUntil { $0.exited }, "\(screen.text)")
    #expect(screen.text.contains("Progress saved in"))
    let left = Survivors.find(marker).map { "\($0.pid) (parent \($0.parent)): \($0.command)" }
    #expect(left.isEmpty, "processes left behind: \(left)")
  }
}

/// Ctrl-C on a check in the REPL ends the whole check, the subject included, even a deadlocked one.
@Suite(
  "Cancelling a check in the REPL",
  .enabled(if: Driver.executable != nil, "the cblearn executable is not built"),
  .enabled(if: TmuxScreen.executable != nil, "tmux is not installed"))
struct CancelCheckTests {
  @Test("Ctrl-C during a check of a deadlocked breaker leaves no process behind")
  func noSurvivors() throws {
    let exe = try #require(Driver.executable)
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-cancel-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let workspace = home.appendingPathComponent("ws")
    let marker = Survivors.marker()
    let screen = try TmuxScreen(
      [exe, "start", "--workspace", workspace.path, "--track", "swift", "--unlock-all"],
      environment: TranscriptTests.environment(home: home, marker: marker), columns: 80, rows: 24)
    defer { for survivor in Survivors.find(marker) { kill(survivor.pid, SIGKILL) } }
    #expect(screen.waitUntil { $0.lastLine.hasPrefix("cblearn 1/10") }, "\(screen.text)")
    TranscriptTests.enter(screen, "goto 3")
    #expect(screen.waitUntil { $0.lastLine.hasPrefix("cblearn 3/10") })
    // A Swift breaker whose first call deadlocks on its own lock: the subject never reads its input again,
    // so only a kill of its process group ends it.
    let deadlock = """
      import Foundation

      struct CircuitOpenError: Error {}

      final class CircuitBreaker<C: Clock>: @unchecked Sendable where C.Duration == Duration {
        private let lock = NSLock()
        init(configuration: BreakerConfiguration, clock: C) {}
        var state: BreakerState { .closed }
        func call<T>(_ operation: () throws -> T) throws -> T {
          lock.lock()
          lock.lock()
          defer { lock.unlock() }
          return try operation()
        }
      }
      """
    try Data(deadlock.utf8).write(to: workspace.appendingPathComponent("steps/03-basic-breaker/swift/Breaker.swift"))
    TranscriptTests.enter(screen, "check")
    let adapterRuns = Survivors.waitUntil(attempts: 1200) {
      Survivors.find(marker).contains { $0.command.hasSuffix("/subject ") && !$0.command.contains("swiftc") }
    }
    #expect(adapterRuns, "the subject started: \(screen.text)")
    screen.press("C-c")
    #expect(screen.waitUntil { $0.text.contains("Check cancelled.") && $0.lastLine.hasPrefix("cblearn 3/10") })
    let checksGone = Survivors.waitUntil(attempts: 60) {
      !Survivors.find(marker).contains { $0.command.hasSuffix("/subject ") || $0.command.contains(" check ") }
    }
    #expect(checksGone, "left: \(Survivors.find(marker).map(\.command))")
    screen.press("C-d")
    #expect(screen.waitUntil { $0.exited })
    #expect(Survivors.waitUntil(attempts: 40) { Survivors.find(marker).isEmpty })
  }
}
