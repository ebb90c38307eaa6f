import Curriculum
import Foundation
import Progress

extension LearnerSession {
  /// After `next`: starts the new step from the learner's own file of the step before.
  ///
  /// With `--from-mine` it copies without asking. Without it, an interactive session offers the copy
  /// when the previous step is done and the new step's file is still the untouched starter; a scripted
  /// session is never asked. The repository's starter stays one `reset` away.
  func carryForward(from previous: PathStep, to step: PathStep, requested: Bool) throws {
    let kinds = [previous, step].map { try? workspace.content.exercise($0).manifest.kind }
    guard kinds.allSatisfy({ $0 == .breaker }), let mine = workspace.learnerFile(previous),
      FileManager.default.fileExists(atPath: mine.path), let target = workspace.learnerFile(step)
    else {
      if requested { console.line("There is no breaker file of step \(previous.number) to start from.") }
      return
    }
    if !requested {
      guard console.isInteractive, progress.status(previous.number) == .done, !workspace.isEdited(target) else {
        return
      }
      guard console.confirm("Start step \(step.number) from your own file of step \(previous.number)?") else {
        console.line("Kept the starter; `next --from-mine` from step \(previous.number) copies yours later.")
        return
      }
    }
    let (file, backup) = try workspace.carryForward(from: previous, to: step)
    var message = "Copied your step-\(previous.number) file to \(workspace.relativePath(file))"
    if let backup { message += "; the file it replaced is at \(workspace.relativePath(backup))" }
    console.line(message + ". `reset` brings back the repository's starter.")
  }
}
