import Checking
import Conformance
import Curriculum
import Foundation
import Progress
import TerminalUI

extension LearnerSession {
  /// The learner's file for a step on the current track, or why there is none.
  func fileToCheck(_ step: PathStep) throws -> (Exercise, URL) {
    let exercise = try workspace.content.exercise(step)
    if exercise.manifest.kind == .quiz {
      throw REPLError.nothingToCheck(step: step.number, reason: "this step is a quiz; type `quiz` to answer it")
    }
    guard let file = workspace.learnerFile(step) else {
      throw ProgressError.noStarter(step: step.number, track: progress.track.rawValue)
    }
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw REPLError.nothingToCheck(
        step: step.number, reason: "\(file.path) is missing; `reset \(step.number)` restores the starter")
    }
    return (exercise, file)
  }

  /// Runs the checks (for step 10, the capstone simulation) and prints the report; `nil` when cancelled.
  func runChecks(_ step: PathStep) throws -> StepResult? {
    let (exercise, file) = try fileToCheck(step)
    let what = exercise.manifest.kind == .simulation ? "Running the chaos scenario with" : "Checking"
    console.line("\(what) \(workspace.relativePath(file)) against step \(step.number)… (Ctrl-C cancels)")
    let result: StepResult
    do {
      result = try checker.check(step: step.number, file: file, seed: nil)
    } catch REPLError.cancelled {
      console.line("")
      console.line("Check cancelled.")
      return nil
    }
    if console.isInteractive { console.write("\r\u{1B}[K") }
    lastResult = result
    console.lines(
      ReportView(report: result.report, score: result.score, maxScore: result.maxScore).render(
        on: console, source: workspace.relativePath(file)))
    if let note = result.note { console.line("note: " + ControlEscaper.escape(note)) }
    return result
  }

  /// `why [ID]`: the whole story of a check of the last report (the first that did not pass by default):
  /// expected and observed, why it matters, the configuration, the timeline and the trace.
  func why(_ argument: String?) throws {
    guard let result = lastResult else {
      throw REPLError.usage("why [CHECK-ID] explains a check of the last report: type `check` first")
    }
    let failing = result.report.checks.filter { $0.status == .fail || $0.status == .error }
    let chosen: CheckResult
    if let argument {
      guard let found = result.report.checks.first(where: { $0.id == argument }) else {
        let ids = result.report.checks.map(\.id)
        let suggestion = EditDistance.closest(to: argument, in: ids).map { "; did you mean `\($0)`?" } ?? ""
        throw REPLError.usage("why CHECK-ID, one of the checks of the last report\(suggestion)")
      }
      chosen = found
    } else {
      guard let first = failing.first else {
        console.line("Every check of the last report passed.")
        return
      }
      chosen = first
    }
    let renderer = ReportRenderer(info: console.info)
    guard chosen.status != .pass else {
      console.lines(Style(console.info).render(renderer.line(for: chosen)))
      console.line("This check passed: \(chosen.message)")
      return
    }
    console.lines(Style(console.info).render(renderer.details(chosen)))
    let same = failing.filter { $0.id != chosen.id && $0.status == chosen.status && $0.message == chosen.message }
    let others = failing.filter { $0.id != chosen.id && !same.contains($0) }.map(\.id)
    if !same.isEmpty {
      console.line("")
      console.line("The same \(chosen.status == .error ? "error" : "failure") in \(same.count) other checks.")
    }
    if !others.isEmpty {
      console.line("")
      console.lines(
        Wrapper.wrap(
          "Other checks that did not pass (`why ID`): \(others.joined(separator: ", ")).", width: console.info.width))
    }
  }

  /// The outcome of a graded run.
  struct Grade {
    var passed: Bool
    var score: Int
    var max: Int
    var suiteVersion: String?
  }

  /// Grades a step: the conformance checks, or the capstone's simulator checks; `nil` when cancelled.
  func grade(_ step: PathStep) throws -> Grade? {
    guard let result = try runChecks(step) else { return nil }
    return Grade(
      passed: result.passed, score: result.score, max: result.maxScore, suiteVersion: result.report.suiteVersion)
  }

  /// `check`: runs the checks and records the attempt.
  func check(_ argument: String?) throws {
    let step = try step(argument)
    guard let grade = try grade(step) else { return }
    record {
      $0.recordAttempt(
        step.number, score: grade.score, maxScore: grade.max, suiteVersion: grade.suiteVersion, completed: false,
        stepCount: path.count)
    }
    if grade.passed, progress.status(step.number) != .done {
      console.line("Type `submit` to record step \(step.number) as done.")
    }
  }

  /// `submit`: records the step as done when every must check passes.
  func submit(_ argument: String?) throws {
    let step = try step(argument)
    if let exercise = try? workspace.content.exercise(step), exercise.manifest.kind == .quiz {
      return try quiz(step)
    }
    if !progress.isUnlocked(step.number) {
      throw ProgressError.locked(step: step.number, waitingFor: progress.blockers(of: step.number))
    }
    guard let grade = try grade(step) else { return }
    let (score, max) = (grade.score, grade.max)
    let wasDone = progress.status(step.number) == .done
    record {
      $0.recordAttempt(
        step.number, score: score, maxScore: max, suiteVersion: grade.suiteVersion, completed: grade.passed,
        stepCount: path.count)
    }
    let entry = progress.record(step.number)
    if grade.passed {
      let verb = wasDone ? "submitted again" : "done"
      console.line(
        console.style("Step \(step.number) \(verb)", .bold, color: .green)
          + ["score \(score)/\(max)", "attempt \(entry.attempts)", "\(progress.doneCount)/\(path.count) steps done"]
          .map { console.glyph(" · ", " - ") + $0 }.joined())
      if step.number < path.count { console.line("Type `next` for step \(step.number + 1).") }
    } else {
      console.line("Not yet: every must check has to pass before the step is recorded (attempt \(entry.attempts)).")
    }
  }

  /// `watch`: checks at once, then again whenever the file changes, until Enter or Ctrl-C. Events come
  /// from `watchSource` (the terminal and the file, polled every 0.5 s, unless a test scripts them).
  func watch(_ argument: String?) throws {
    let step = try step(argument)
    let (_, file) = try fileToCheck(step)
    var source = watchSource?(file) ?? FileWatchSource(file: file, reader: console.reader)
    _ = try? check(argument)
    console.line("Watching \(workspace.relativePath(file)); save it to re-check, press Enter to stop.")
    watching: while true {
      switch source.next() {
      case .stop: break watching
      case .idle: continue
      case .changed:
        do { try check(argument) } catch { console.error("\(error)") }
        console.line("Watching \(workspace.relativePath(file)); press Enter to stop.")
      }
    }
    console.line("Stopped watching.")
  }
}
