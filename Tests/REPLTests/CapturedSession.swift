import Curriculum
import Foundation
import Progress
import REPL
import TerminalUI

#if canImport(Glibc)
  import Glibc
#endif

/// A session over a test workspace whose output is captured and whose input comes from a pipe.
final class CapturedSession {
  let temp: TestContent
  let session: LearnerSession
  private let writeEnd: Int32
  private let box: OutputBox

  /// Output collected so far.
  final class OutputBox: @unchecked Sendable {
    var text = ""
  }

  init(unlockAll: Bool = true, track: Track = .swift, info: TerminalInfo = .plain) throws {
    temp = try TestContent()
    var fds: [Int32] = [0, 0]
    _ = pipe(&fds)
    writeEnd = fds[1]
    let box = OutputBox()
    self.box = box
    let console = Console(info: info, reader: PlainLineReader(fd: fds[0])) { box.text += $0 }
    var notices: [String] = []
    let workspace = try Workspace.open(
      at: temp.workspace, content: temp.content, create: LearnerProgress(track: track, unlockAll: unlockAll),
      notices: &notices)
    session = LearnerSession(workspace: workspace, console: console, checker: FakeChecker(content: temp.content))
  }

  /// The write end of the input pipe.
  var inputDescriptor: Int32 { writeEnd }

  /// Queues lines of input for questions (confirmations, quiz answers).
  func type(_ lines: String...) {
    let text = lines.map { $0 + "\n" }.joined()
    _ = text.withCString { write(writeEnd, $0, strlen($0)) }
  }

  /// Runs a command and returns what it printed.
  @discardableResult
  func run(_ line: String) -> String {
    box.text = ""
    session.execute(line)
    return box.text
  }

  deinit {
    close(writeEnd)
    temp.remove()
  }
}
