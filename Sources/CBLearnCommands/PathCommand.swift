import ArgumentParser
import Curriculum
import Foundation
import Progress
import REPL
import TerminalUI

/// `cblearn path`: the ten steps, with the learner's progress inside a workspace.
struct PathCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path", abstract: "Show the ten steps of the path and your progress along it.")

  @OptionGroup var options: LearnerOptions

  func run() throws {
    if let root = Workspace.find(explicit: options.workspace), Workspace.exists(at: root) {
      try options.run("path")
      return
    }
    let console = Console(info: TerminalInfo.detect(), reader: PlainLineReader())
    console.line("The circuit-breaker path, ten steps:")
    console.line("")
    console.lines(PathView(path: .standard, progress: nil).render(on: console))
    console.line("")
    console.line("Start learning with `cblearn start` (it creates ./cblearn-workspace).")
  }
}
