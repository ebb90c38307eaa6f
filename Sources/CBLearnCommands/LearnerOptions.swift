import ArgumentParser
import Curriculum
import Foundation
import Progress
import REPL
import TerminalUI

#if canImport(Glibc)
  import Glibc
#endif

/// `--workspace DIR`, shared by the learner's commands, and the session they run commands in.
struct LearnerOptions: ParsableArguments {
  @Option(help: "The workspace folder (default: the current directory if it holds one, else ./cblearn-workspace).")
  var workspace: String?

  /// The session of an existing workspace; a clear error when there is none.
  func session() throws -> LearnerSession {
    let content = try ContentRoot.locate()
    guard let root = Workspace.find(explicit: workspace), Workspace.exists(at: root) else {
      throw ProgressError.noWorkspace(searched: workspace ?? FileManager.default.currentDirectoryPath)
    }
    var notices: [String] = []
    let opened = try Workspace.open(at: root, content: content, notices: &notices)
    let terminal = isatty(0) == 1 && isatty(1) == 1
    var info = TerminalInfo.detect()
    info.isTerminal = terminal
    let console = Console(info: info, reader: PlainLineReader(echoPrompt: terminal))
    for notice in notices { console.line(notice) }
    return LearnerSession(
      workspace: opened, console: console, checker: ProcessCheckService.current(contentRoot: content.url))
  }

  /// Runs one REPL command line in the workspace's session, mapping errors to `error: …` and exit status 1.
  @discardableResult
  func run(_ line: String) throws -> LearnerSession {
    let session: LearnerSession
    do {
      session = try self.session()
      InterruptMonitor.install()
      try session.run(line)
    } catch {
      Output.error(error)
      throw ExitCode(1)
    }
    for warning in session.workspace.takeWarnings() {
      FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
    }
    // A progress change that could not be written was reported by the command; the exit status says so too.
    if session.workspace.saveError != nil { throw ExitCode(1) }
    return session
  }
}
