import Curriculum
import Foundation
import Progress
import TerminalUI

extension LearnerSession {
  /// `next [--from-mine]` and `prev`.
  func move(by offset: Int, fromMine: Bool = false) throws {
    let target = progress.currentStep + offset
    guard let step = path.step(target) else {
      console.line(offset > 0 ? "This is the last step of the path." : "This is the first step of the path.")
      return
    }
    let previous = currentStep
    try goto(String(step.number))
    if offset == 1 { try carryForward(from: previous, to: step, requested: fromMine) }
  }

  /// `goto STEP`: makes a step current when it is unlocked.
  func goto(_ argument: String) throws {
    let step = try path.resolve(argument)
    if !progress.isUnlocked(step.number) {
      throw ProgressError.locked(step: step.number, waitingFor: progress.blockers(of: step.number))
    }
    record {
      $0.currentStep = step.number
      $0.begin(step.number)
    }
    console.line(console.style("Step \(step.number)/\(path.count): \(step.title)", .bold) + " (\(step.slug))")
    console.lines(paragraph(step.summary))
    console.line("Type `lesson` to read it, `exercise` for the task.")
  }

  /// `reset [STEP]`: restores the starter after a confirmation, keeping a backup of the learner's file.
  func reset(_ argument: String?, confirmed: Bool) throws {
    let step = try step(argument)
    let files = try workspace.starters(of: step, track: progress.track).map { workspace.relativePath($0.target) }
    if !confirmed {
      let what = files.joined(separator: " and ")
      guard console.confirm("Restore the starter of \(what)? Your files will be kept in .cblearn/backups.") else {
        console.line("Nothing changed.")
        return
      }
    }
    let (restored, backups) = try workspace.reset(step)
    let names = restored.map(workspace.relativePath).joined(separator: " and ")
    switch backups.count {
    case 0: console.line("Restored \(names).")
    case 1: console.line("Restored \(names); your previous file is at \(workspace.relativePath(backups[0])).")
    default:
      let kept = backups.map(workspace.relativePath).joined(separator: " and ")
      console.line("Restored \(names); your previous files are at \(kept).")
    }
  }

  /// `track [swift|python]`: shows or changes the language.
  func track(_ argument: String?) throws {
    guard let argument else {
      console.line("Your track is \(progress.track.displayName). Change it with `track swift` or `track python`.")
      return
    }
    guard let track = Track(rawValue: argument.lowercased()) else { throw REPLError.usage("track [swift|python]") }
    record { $0.track = track }
    console.line("Track set to \(track.displayName).")
    // The new track's starters appear now; the other track's files stay as they are.
    do {
      for notice in try workspace.syncStarters() { console.line(notice) }
    } catch {
      console.error("\(error)")
    }
    if let file = workspace.learnerFile(currentStep) { console.line("Your file for this step: \(file.path)") }
  }

  /// `unlock-all`: every step becomes available.
  func unlockAll() throws {
    record { $0.unlockAll = true }
    console.line("Every step is unlocked. `goto STEP` jumps anywhere.")
  }

  /// `edit [STEP|FILE]`: opens the step's file (or a file of the workspace) in `$VISUAL` or `$EDITOR`.
  func edit(_ argument: String?) throws {
    let file: URL
    if let argument, let path = existingFile(argument) {
      file = path
    } else {
      let step = try step(argument)
      file = try fileToCheck(step).1
      record { $0.begin(step.number) }
    }
    let env = ProcessInfo.processInfo.environment
    guard let editor = [env["VISUAL"], env["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
      console.line("Your file: \(file.path)")
      throw REPLError.noEditor
    }
    let status = try ChildProcess.runAttached(["/bin/sh", "-c", editor + " \"$1\"", "sh", file.path])
    if status != 0 { console.warning("the editor exited with status \(status)") }
    console.line("Type `check` to run the checks, or `watch` to re-check on every save.")
  }

  /// A file named by a path relative to the workspace (or absolute), when it exists.
  func existingFile(_ path: String) -> URL? {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : workspace.root.appendingPathComponent(path)
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
    return exists && !isDirectory.boolValue ? url : nil
  }

  /// `simulate [OPTIONS]`: runs `cblearn simulate`; by default the comparison of step 1, or on step 10 the
  /// reference breaker and the learner's side by side in the chaos scenario, with the capstone's verdicts.
  func simulate(_ arguments: [String]) throws {
    if let simulator { return try simulator(console) }
    var options = arguments
    if options.isEmpty {
      if let exercise = try? workspace.content.exercise(currentStep), exercise.manifest.kind == .simulation,
        let file = workspace.learnerFile(currentStep)
      {
        options =
          file.path.contains(",")
          ? ["--scenario", "chaos", "--breaker", file.path, "--checks"]
          : ["--scenario", "chaos", "--compare", "reference,\(file.path)", "--checks"]
      } else {
        options = ["--compare", "none,reference"]
      }
    }
    let executable = ProcessCheckService.current(contentRoot: workspace.content.url).executable
    console.line("Running: cblearn simulate \(options.joined(separator: " "))")
    let status = try ChildProcess.runAttached([executable, "simulate"] + options)
    if status != 0 { console.warning("the simulator exited with status \(status)") }
  }
}
