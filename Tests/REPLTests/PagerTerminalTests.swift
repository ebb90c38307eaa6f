import Foundation
import Testing

/// The real `less`, with `PAGER` and `LESS` unset, in a pseudo-terminal: the lesson opens at its top, `q` and
/// Ctrl-C give the prompt back, and no pager is left behind (the pager once stopped as a background job).
@Suite(
  "The pager in a real terminal",
  .enabled(if: Driver.executable != nil, "the cblearn executable is not built"),
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/less"), "less is not installed"))
struct PagerTerminalTests {
  /// The repository's own content (real lessons, long enough to page).
  static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The environment of a learner with no pager settings, at 80 x 24.
  private func environment() -> [String: String] {
    var env = ProcessEnvironment.make(content: PagerTerminalTests.content, extra: ["COLUMNS": "80", "LINES": "24"])
    env["PAGER"] = nil
    env["LESS"] = nil
    return env
  }

  @Test("cblearn lesson 1 from a shell: the top first, q ends it")
  func fromAShell() throws {
    let exe = try #require(Driver.executable)
    let driver = try Driver.terminal([exe, "lesson", "1"], environment: environment(), columns: 80, rows: 24)
    defer { _ = driver.finish(closeInput: false, timeout: 1) }
    #expect(driver.waitFor("Step 1 of 10"), "\(driver.transcript)")
    // The pager waits at the end of the first screen: the last section has not been written yet.
    #expect(driver.waitFor("\n:", timeout: 10), "less shows its prompt: \(driver.transcript)")
    #expect(!driver.transcript.contains("Next, lesson 2"), "the whole lesson scrolled by instead of paging")
    driver.send("q")
    #expect(driver.finish(closeInput: false, timeout: 10) == 0, "\(driver.transcript)")
  }

  @Test("lesson in the REPL: q and Ctrl-C give the prompt back, Ctrl-D quits")
  func fromTheREPL() throws {
    let exe = try #require(Driver.executable)
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-pager-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: workspace) }
    let driver = try Driver.terminal(
      [exe, "start", "--workspace", workspace.path, "--track", "python"], environment: environment(), columns: 80,
      rows: 24)
    defer { _ = driver.finish(closeInput: false, timeout: 1) }
    #expect(driver.waitFor("cblearn 1/10 ▸"), "\(driver.transcript)")

    var mark = driver.mark
    driver.send("lesson\r")
    #expect(driver.waitFor("Step 1 of 10", after: mark), "\(driver.transcript)")
    #expect(driver.waitFor("\n:", after: mark, timeout: 10), "less shows its prompt: \(driver.transcript)")
    driver.send("q")
    #expect(driver.waitFor("cblearn 1/10 ▸", after: mark), "q gives the prompt back: \(driver.transcript)")

    mark = driver.mark
    driver.send("lesson 2\r")
    #expect(driver.waitFor("\n:", after: mark, timeout: 10), "\(driver.transcript)")
    // A Ctrl-C typed while less is still drawing its first screen can be lost: a learner presses it again.
    #expect(
      driver.press("\u{03}", until: "cblearn 1/10 ▸", after: mark), "Ctrl-C in the pager gives the prompt back")

    mark = driver.mark
    // A learner's Ctrl-D comes once the line editor reads the keyboard again, not while the pager leaves.
    driver.waitForRawMode()
    #expect(driver.press("\u{04}", until: "Progress saved", after: mark), "Ctrl-D quits: \(driver.transcript)")
    #expect(driver.finish(closeInput: false, timeout: 10) == 0, "\(driver.transcript)")
  }
}
