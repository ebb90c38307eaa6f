import ArgumentParser
import Curriculum
import Foundation
import Progress
import REPL

/// `cblearn start`: the interactive REPL that walks the learner along the path.
struct StartCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Start (or resume) learning: lessons, diagrams and exercises in an interactive shell.",
    discussion: """
      The first run creates ./cblearn-workspace (or --workspace DIR) with the starter files of every step and
      your progress; later runs resume it. Without a terminal, commands are read line by line from stdin:
        printf 'path\\nquit\\n' | cblearn start --workspace DIR
      """)

  @Option(help: "The workspace folder.")
  var workspace: String?

  @Option(help: "The language you write in: swift or python (asked on the first run at a terminal).")
  var track: Track?

  @Flag(help: "Unlock every step (for instructors and people who know the basics).")
  var unlockAll = false

  func run() throws {
    let status: Int32
    do {
      let content = try ContentRoot.locate()
      let root =
        Workspace.find(explicit: workspace)
        ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(Workspace.defaultName)
      let options = REPL.Options(workspace: root, track: track, unlockAll: unlockAll, content: content)
      status = try REPL(options: options).run()
    } catch {
      Output.error(error)
      throw ExitCode(1)
    }
    if status != 0 { throw ExitCode(status) }
  }
}

extension Track: ExpressibleByArgument {}
