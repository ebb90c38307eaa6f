import Curriculum
import Foundation
import Testing

@Suite("REPL through a pseudo-terminal", .enabled(if: Driver.executable != nil, "the cblearn executable is not built"))
struct TerminalTests {
  @Test("first-run question, tab completion, history, Ctrl-C cancelling a check, Ctrl-D quitting")
  func session() throws {
    let temp = try TestContent()
    defer { temp.remove() }
    let exe = try #require(Driver.executable)
    let slowChecker = temp.base.appendingPathComponent("slow-check.sh")
    let started = temp.base.appendingPathComponent("slow-check.started")
    try Data("#!/bin/sh\ntouch '\(started.path)'\nsleep 30\n".utf8).write(to: slowChecker)
    chmod(slowChecker.path, 0o755)
    let env = ProcessEnvironment.make(content: temp.content.url, extra: ["CBLEARN_EXE": slowChecker.path])
    let driver = try Driver.terminal([exe, "start", "--workspace", temp.workspace.path], environment: env)
    defer { _ = driver.finish(closeInput: false, timeout: 1) }

    #expect(driver.waitFor("Which language"), "\(driver.transcript)")
    driver.send("python\r")
    #expect(driver.waitFor("cblearn 1/10 ▸"), "\(driver.transcript)")
    driver.send("unlock-all\r")
    #expect(driver.waitFor("Every step is unlocked"))

    var mark = driver.mark
    driver.send("goto basic-b\t")
    #expect(driver.waitFor("reaker", after: mark), "tab completed the slug: \(driver.transcript)")
    driver.send("\r")
    #expect(driver.waitFor("Step 3/10", after: mark), "\(driver.transcript)")
    #expect(driver.waitFor("cblearn 3/10 ▸", after: mark))

    mark = driver.mark
    driver.send("chec\t\r")
    #expect(driver.waitFor("Checking", after: mark), "\(driver.transcript)")
    #expect(driver.waitUntil { FileManager.default.fileExists(atPath: started.path) }, "the check started")
    driver.send("\u{03}")
    #expect(driver.waitFor("Check cancelled.", after: mark, timeout: 10), "\(driver.transcript)")
    // The prompt must be the one drawn after the cancellation (a Tab redraw also shows it), and libedit must
    // be reading again before Ctrl-D is typed: a ^D typed while the terminal is still in cooked mode is lost.
    mark = driver.mark(after: "Check cancelled.", from: mark) ?? driver.mark
    #expect(driver.waitFor("cblearn 3/10 ▸", after: mark), "the REPL survived Ctrl-C")
    #expect(driver.waitForRawMode(), "libedit reads key by key again")

    driver.send("\u{04}")
    #expect(driver.finish(closeInput: false, timeout: 10) == 0, "\(driver.transcript)")
    let history = try String(contentsOf: temp.workspace.appendingPathComponent(".history"), encoding: .utf8)
    #expect(history.contains("basic-breaker"), "libedit encodes spaces in its history file: \(history)")
    let progress = try String(contentsOf: temp.workspace.appendingPathComponent("progress.json"), encoding: .utf8)
    #expect(progress.contains("\"track\" : \"python\""))
  }
}
