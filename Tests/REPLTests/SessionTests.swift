import Curriculum
import Foundation
import Progress
import REPL
import TerminalUI
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Learner session commands")
struct SessionTests {
  @Test("path lists ten steps with the progress bar")
  func path() throws {
    let s = try CapturedSession()
    let out = s.run("path")
    #expect(out.contains("0/10 done"))
    #expect(out.contains("basic-breaker"))
    #expect(out.contains("chaos"))
  }

  @Test("unknown commands suggest the closest one")
  func unknown() throws {
    let s = try CapturedSession()
    #expect(s.run("chek").contains("did you mean `check`?"))
    #expect(s.run("lessn").contains("did you mean `lesson`?"))
    #expect(s.run("").isEmpty)
    #expect(!s.session.execute("quit"))
    #expect(!s.session.execute("exit"))
  }

  @Test("goto a locked step says what to finish first; unlock-all opens it")
  func locked() throws {
    let s = try CapturedSession(unlockAll: false)
    #expect(s.run("goto 3").contains("locked until steps 1, 2"))
    #expect(s.session.prompt == "cblearn 1/10 ▸ ")
    s.run("unlock-all")
    #expect(s.run("goto basic-breaker").contains("Step 3/10"))
    #expect(s.session.prompt == "cblearn 3/10 ▸ ")
    #expect(s.run("goto basic-braker").contains("did you mean `basic-breaker`?"))
  }

  @Test("lesson draws the diagram directive; diagram highlights a state")
  func lesson() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    let out = s.run("lesson")
    #expect(out.contains("Count consecutive failures."))
    #expect(out.contains("HALF_OPEN"))
    #expect(!out.contains("::: diagram"))
    #expect(s.run("diagram open").contains("OPEN"))
    #expect(s.run("diagram sideways").contains("usage: diagram"))
    #expect(s.run("lesson 7").contains("no content yet"))
  }

  @Test("exercise shows the task and the learner's file")
  func exercise() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    let out = s.run("exercise")
    #expect(out.contains("Write the breaker."))
    #expect(out.contains("steps/03-basic-breaker/swift/Breaker.swift"))
  }

  @Test("hints climb the ladder and are recorded")
  func hints() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    #expect(s.run("hint").contains("Hint 1/3: Nudge"))
    #expect(s.run("hint").contains("Hint 2/3: Idea"))
    #expect(s.run("hint").contains("Hint 3/3: Nearly the code"))
    #expect(s.run("hint").contains("that is the last hint"))
    #expect(s.session.workspace.progress.record(3).hintsUsed == 3)
  }

  @Test("check records an attempt; submit records the step once every must check passes")
  func checkAndSubmit() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    let failing = s.run("check")
    #expect(failing.contains("FAIL") || failing.contains("✗"))
    #expect(failing.contains("expected OPEN, observed CLOSED"))
    #expect(s.session.workspace.progress.record(3).attempts == 1)
    #expect(s.run("submit").contains("Not yet"))
    #expect(s.session.workspace.progress.status(3) == .inProgress)
    try Data("// SOLVED\n".utf8).write(to: s.temp.learnerFile())
    let passing = s.run("submit")
    #expect(passing.contains("Step 3 done"))
    let record = s.session.workspace.progress.record(3)
    #expect(record.status == .done)
    #expect(record.attempts == 3)
    #expect(record.bestScore == record.maxScore)
    #expect(record.completedAt != nil)
    #expect(record.suiteVersion == "test")
    #expect(s.session.prompt == "cblearn 3/10 ✓ ▸ ")
    #expect(s.run("path").contains("1/10 done"))
  }

  @Test("reset asks first, then restores the starter and keeps a backup")
  func reset() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    try Data("// mine\n".utf8).write(to: s.temp.learnerFile())
    s.type("n")
    #expect(s.run("reset").contains("Nothing changed"))
    #expect(try String(contentsOf: s.temp.learnerFile(), encoding: .utf8) == "// mine\n")
    s.type("y")
    let reset = s.run("reset 3").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(reset.contains("your previous file is at .cblearn/backups/03-basic-breaker/"))
    #expect(try String(contentsOf: s.temp.learnerFile(), encoding: .utf8) == "// TODO\n")
  }

  @Test("track changes the file checked, and the new track's starters appear only then")
  func track() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    #expect(!FileManager.default.fileExists(atPath: s.temp.learnerFile(.python).path))
    try Data("// mine\n".utf8).write(to: s.temp.learnerFile())
    #expect(s.run("track python").contains("python/breaker.py"))
    #expect(s.session.workspace.progress.track == .python)
    #expect(try String(contentsOf: s.temp.learnerFile(.python), encoding: .utf8) == "# TODO\n")
    #expect(try String(contentsOf: s.temp.learnerFile(), encoding: .utf8) == "// mine\n")
    #expect(s.run("track cobol").contains("usage: track"))
  }

  @Test("the quiz checks answers with tolerances, explains them and completes step 1")
  func quiz() throws {
    let s = try CapturedSession(unlockAll: false)
    s.type("about 205", "c", "a")
    let out = s.run("quiz")
    #expect(out.contains("Right."))
    #expect(out.contains("type a letter from a to b"))
    #expect(out.contains("Not quite."))
    #expect(out.contains("Inventory is slow."))
    #expect(out.contains("1 of 2"))
    #expect(s.session.workspace.progress.status(1) == .done)
    #expect(s.session.workspace.progress.status(2) == .available)
    #expect(s.run("check 1").contains("quiz"))
  }

  @Test("next and prev move along the path and stop at the ends")
  func navigation() throws {
    let s = try CapturedSession()
    #expect(s.run("prev").contains("first step"))
    s.run("next")
    #expect(s.session.currentStep.number == 2)
    s.run("goto 10")
    #expect(s.run("next").contains("last step"))
  }

  @Test("watch checks at once, re-checks when the file changes (not when it is quiet), and stops on Enter")
  func watch() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    let file = s.temp.learnerFile()
    // The learner's edits as a script of events: a quiet poll, a save, two quiet polls, Enter.
    var script: [WatchEvent] = [.idle, .changed, .idle, .idle, .stop]
    s.session.watchSource = { watched in
      #expect(watched == file)
      return ScriptedWatch {
        let event = script.isEmpty ? .stop : script.removeFirst()
        if event == .changed { try? Data("// SOLVED\n".utf8).write(to: file) }
        return event
      }
    }
    let out = s.run("watch")
    #expect(out.contains("Watching steps/03-basic-breaker/swift/Breaker.swift"))
    #expect(out.contains("Some must checks fail"))
    #expect(out.contains("Every must check passes"))
    #expect(out.contains("Stopped watching."))
    #expect(script.isEmpty, "watch read every event up to Enter")
    #expect(s.session.workspace.progress.record(3).attempts == 2, "one check at once, one after the save")
  }

  @Test("the file watch reports a save as one change, then quiet; Enter stops it")
  func fileWatchSource() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    let file = s.temp.learnerFile()
    var source = FileWatchSource(file: file, reader: s.session.console.reader, interval: 0)
    #expect(source.next() == .idle)
    try Data("// a longer file than before\n".utf8).write(to: file)
    #expect(source.next() == .changed)
    #expect(source.next() == .idle)
    _ = write(s.inputDescriptor, "\n", 1)
    #expect(source.next() == .stop)
  }

  @Test("edit opens $VISUAL on the current file")
  func edit() throws {
    let s = try CapturedSession()
    s.run("goto 3")
    setenv("VISUAL", "sed -i s/TODO/SOLVED/", 1)
    defer { unsetenv("VISUAL") }
    #expect(s.run("edit").contains("Type `check`"))
    #expect(try String(contentsOf: s.temp.learnerFile(), encoding: .utf8) == "// SOLVED\n")
    s.run("track python")
    s.run("edit steps/03-basic-breaker/python/breaker.py")
    #expect(try String(contentsOf: s.temp.learnerFile(.python), encoding: .utf8) == "# SOLVED\n")
  }

  @Test("the prompt and the path fall back to ASCII outside UTF-8 locales")
  func ascii() throws {
    let s = try CapturedSession(info: TerminalInfo(unicode: false))
    s.run("goto 3")
    #expect(s.session.prompt == "cblearn 3/10 > ")
    try Data("// SOLVED\n".utf8).write(to: s.temp.learnerFile())
    s.run("submit")
    #expect(s.session.prompt == "cblearn 3/10 done > ")
    let path = s.run("path")
    let ascii = path.allSatisfy { $0.isASCII }
    #expect(ascii, "\(path)")
  }
}

/// `watch`'s events from a closure, in place of the terminal and the file system.
struct ScriptedWatch: WatchSource {
  let events: () -> WatchEvent
  init(_ events: @escaping () -> WatchEvent) { self.events = events }
  mutating func next() -> WatchEvent { events() }
}
