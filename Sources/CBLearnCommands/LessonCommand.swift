import ArgumentParser
import Curriculum
import Foundation
import Progress
import REPL
import TerminalUI

/// `cblearn lesson [STEP]`: a lesson, inside or outside a workspace.
struct LessonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson", abstract: "Read the lesson of a step (the current one in a workspace, else step 1).")

  @Argument(help: "The step: its number (3) or slug (basic-breaker).")
  var step: String?

  @OptionGroup var options: LearnerOptions

  func run() throws {
    if let root = Workspace.find(explicit: options.workspace), Workspace.exists(at: root) {
      try options.run("lesson" + (step.map { " \($0)" } ?? ""))
      return
    }
    do {
      let content = try ContentRoot.locate()
      let pathStep = try LearningPath.standard.resolve(step ?? "1")
      let console = Console(info: TerminalInfo.detect(), reader: PlainLineReader())
      Pager(info: console.info).show(
        LessonView(lesson: try content.lesson(pathStep).forTrack(nil)).render(on: console))
    } catch {
      Output.error(error)
      throw ExitCode(1)
    }
  }
}
