import Curriculum
import Foundation
import Testing

@Suite("REPL through a pipe", .enabled(if: Driver.executable != nil, "the cblearn executable is not built"))
struct PipeTests {
  func start(_ temp: TestContent, _ extra: [String] = [], input: String) throws -> (String, Int32?) {
    let exe = try #require(Driver.executable)
    let driver = try Driver.pipe(
      [exe, "start", "--workspace", temp.workspace.path] + extra,
      environment: ProcessEnvironment.make(content: temp.content.url))
    driver.send(input)
    let status = driver.finish()
    return (driver.transcript, status)
  }

  @Test("printf 'path\\nquit\\n' | cblearn start works, exits 0 and creates the workspace")
  func pathQuit() throws {
    let temp = try TestContent()
    defer { temp.remove() }
    let (out, status) = try start(temp, input: "path\nquit\n")
    #expect(status == 0, "\(out)")
    #expect(out.contains("Created your workspace"))
    #expect(out.contains("Swift track"))
    #expect(out.contains("0/10 done"))
    #expect(out.contains("basic-breaker"))
    #expect(!out.contains("\u{1B}["), "plain output has no escape sequences")
    #expect(FileManager.default.fileExists(atPath: temp.workspace.appendingPathComponent("progress.json").path))
    #expect(FileManager.default.fileExists(atPath: temp.learnerFile(.swift).path))
    #expect(
      !FileManager.default.fileExists(atPath: temp.learnerFile(.python).path), "a Swift workspace has no Python files")
    let (again, second) = try start(temp, input: "goto 2\n")
    #expect(second == 0, "end of input quits cleanly")
    #expect(again.contains("Welcome back"))
    #expect(again.contains("locked until step 1"))
  }

  @Test("--track python and --unlock-all, then the commands run in order")
  func scripted() throws {
    let temp = try TestContent()
    defer { temp.remove() }
    let (out, status) = try start(
      temp, ["--track", "python", "--unlock-all"], input: "goto 3\nexercise\nhint\nfrobnicate\ndiagram open\nquit\n")
    #expect(status == 0)
    #expect(out.contains("Python track"))
    #expect(out.contains("python/breaker.py"))
    #expect(out.contains("Hint 1/3: Nudge"))
    #expect(out.contains("unknown command `frobnicate`"))
    #expect(out.contains("HALF_OPEN"))
    let progress = try String(contentsOf: temp.workspace.appendingPathComponent("progress.json"), encoding: .utf8)
    #expect(progress.contains("\"hints_used\" : 1"))
    #expect(progress.contains("\"current_step\" : 3"))
  }

  @Test("plain subcommands share the workspace and path works outside one")
  func subcommands() throws {
    let temp = try TestContent()
    defer { temp.remove() }
    let exe = try #require(Driver.executable)
    let env = ProcessEnvironment.make(content: temp.content.url)
    func run(_ arguments: [String]) throws -> (String, Int32?) {
      let driver = try Driver.pipe([exe] + arguments, environment: env)
      let status = driver.finish()
      return (driver.transcript, status)
    }
    let (outside, outsideStatus) = try run(["path", "--workspace", temp.workspace.path])
    #expect(outsideStatus == 0)
    #expect(outside.contains("cblearn start"))
    let (noWorkspace, failed) = try run(["hint", "3", "--workspace", temp.workspace.path])
    #expect(failed == 1)
    #expect(noWorkspace.contains("error: no cblearn workspace"))
    _ = try start(temp, ["--unlock-all"], input: "quit\n")
    let (hint, hintStatus) = try run(["hint", "3", "--workspace", temp.workspace.path])
    #expect(hintStatus == 0)
    #expect(hint.contains("Hint 1/3"))
    try Data("// mine\n".utf8).write(to: temp.learnerFile())
    let (reset, resetStatus) = try run(["reset", "3", "--yes", "--workspace", temp.workspace.path])
    #expect(resetStatus == 0)
    #expect(reset.contains("your previous file is at"))
    let (path, _) = try run(["path", "--workspace", temp.workspace.path])
    #expect(path.contains("1 hint"))
    let (lesson, _) = try run(["lesson", "3", "--workspace", temp.workspace.path])
    #expect(lesson.contains("Count consecutive failures."))
  }
}
