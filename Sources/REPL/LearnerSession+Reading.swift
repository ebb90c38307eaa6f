import Conformance
import Curriculum
import Foundation
import Progress
import TerminalUI

extension LearnerSession {
  /// `lesson [STEP]`: the lesson's text.
  func lesson(_ argument: String?) throws {
    let step = try step(argument)
    let lesson = try workspace.content.lesson(step).forTrack(workspace.progress.track)
    let lines = LessonView(lesson: lesson).render(on: console)
    if console.isInteractive {
      Pager(info: console.info).show(lines, write: console.write)
    } else {
      console.lines(lines)
    }
    if step.number == currentStep.number {
      console.line("")
      console.line("Next: `exercise` shows the task of step \(step.number).")
    }
  }

  /// `clear`: clears the screen on a terminal (nothing to clear in a pipe).
  func clear() {
    if console.isInteractive { console.write("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
  }

  /// `diagram [STATE]`: the state machine with the current step's configuration and profile.
  func diagram(_ argument: String?) throws {
    var highlight: BreakerState?
    if let argument {
      guard let state = BreakerState(lenient: argument) else {
        throw REPLError.usage("diagram [closed|open|half-open]")
      }
      highlight = state
    }
    let manifest = try? workspace.content.exercise(currentStep).manifest
    let diagram = StateDiagram(
      config: manifest?.config ?? BreakerConfig(), profile: manifest?.profile, highlight: highlight, info: console.info)
    console.lines(diagram.render())
  }

  /// `exercise [STEP]`: the task and the file to edit.
  func exercise(_ argument: String?) throws {
    let step = try step(argument)
    let exercise = try workspace.content.exercise(step)
    // The task opens in the pager when it is longer than the screen, like a lesson; what to do next is
    // printed after it, so it stays in view at the prompt.
    var task = [console.style("Step \(step.number): \(exercise.manifest.title)", .bold)]
    if !exercise.manifest.summary.isEmpty { task += paragraph(exercise.manifest.summary) }
    task.append("")
    if let text = try? exercise.readme(for: progress.track) { task += markdown(text) }
    if console.isInteractive {
      Pager(info: console.info).show(task, write: console.write)
    } else {
      console.lines(task)
    }
    console.line("")
    if exercise.manifest.kind == .quiz {
      console.line("This step is a prediction quiz: type `quiz` to answer it.")
    } else if let file = workspace.learnerFile(step) {
      console.line("Your file (\(progress.track.displayName)): \(file.path)")
      console.line("Edit it (`edit` opens your editor), then type `check`; `submit` when every must check passes.")
    } else {
      console.line("There is no \(progress.track.displayName) starter for this step; try `track`.")
    }
    if !progress.isUnlocked(step.number) {
      console.warning(
        ProgressError.locked(step: step.number, waitingFor: progress.blockers(of: step.number)).description)
    }
  }

  /// Markdown text (a hint, a README) rendered for the console; as written when it cannot be rendered.
  func markdown(_ text: String) -> [String] {
    (try? MarkdownRenderer(info: console.info).render(text))
      ?? text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
  }

  /// One paragraph of inline Markdown wrapped to the console, after an optional prefix.
  func paragraph(_ text: String, prefix: String = "") -> [String] {
    MarkdownRenderer(info: console.info).paragraph(text, prefix: prefix)
  }

  /// `hint [STEP]`: the next rung of the ladder, recorded in the progress.
  func hint(_ argument: String?) throws {
    let step = try step(argument)
    let hints = try workspace.content.exercise(step).hints(for: progress.track)
    let used = progress.record(step.number).hintsUsed
    let level = min(used + 1, hints.levels.count)
    let hint = hints.levels[level - 1]
    console.line(console.style("Hint \(level)/\(hints.levels.count): \(hint.title)", .bold))
    console.lines(markdown(hint.text))
    if level < hints.levels.count {
      console.line("")
      console.line("(type `hint` again for the next level: \(hints.levels[level].title))")
    } else if used >= hints.levels.count {
      console.line("")
      console.line("(that is the last hint; `exercise` shows the task again)")
    }
    record { $0.recordHint(step.number, level: level) }
  }
}
