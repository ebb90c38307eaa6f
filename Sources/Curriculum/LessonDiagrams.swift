import Conformance
import TerminalUI

/// A lesson's `::: diagram` directives resolved into what TerminalUI draws, before anything is drawn.
///
/// TerminalUI parses a directive and draws a `Diagram`, but runs no breaker: a timeline's script is run here,
/// against the reference model (`Demo`), and its trace handed over. A lesson goes Markdown → directives
/// (`MarkdownRenderer.directives`) → diagrams (here) → lines (`MarkdownRenderer(diagrams:)`). Errors name the
/// lesson file and the line.
public enum LessonDiagrams {
  /// The diagrams of `markdown`'s directives by line, `firstLine` being the file line the text starts at;
  /// `file` names the lesson in errors.
  public static func resolve(
    _ markdown: String, firstLine: Int = 1, file: String
  ) throws(CurriculumError) -> [Int: Diagram] {
    let directives: [DiagramDirective]
    do {
      directives = try MarkdownRenderer.directives(in: markdown, firstLine: firstLine)
    } catch {
      throw .undrawableLesson(file: file, line: error.line ?? firstLine, message: error.problem)
    }
    var diagrams: [Int: Diagram] = [:]
    for directive in directives {
      diagrams[directive.line] = try resolve(directive, file: file)
    }
    return diagrams
  }

  /// One directive's diagram: a state machine from its own numbers and knobs, a timeline from the trace of
  /// its script run against the reference breaker under the directive's configuration and profile.
  public static func resolve(_ directive: DiagramDirective, file: String) throws(CurriculumError) -> Diagram {
    func fail(_ message: String) -> CurriculumError {
      .undrawableLesson(file: file, line: directive.line, message: "malformed diagram directive: " + message)
    }
    do {
      switch directive.kind {
      case .stateMachine:
        return try directive.diagram()
      case .timeline:
        let config = try directive.config()
        let profile = try directive.profile()
        return try directive.diagram(
          trace: Demo.trace(script: directive.script ?? "", config: config, profile: profile))
      }
    } catch let error as TerminalUIError {
      throw .undrawableLesson(file: file, line: error.line ?? directive.line, message: error.problem)
    } catch let error as Demo.ScriptError {
      throw fail(error.description)
    } catch {
      throw fail("the script could not run: \(error)")
    }
  }
}

extension Lesson {
  /// The lesson's diagrams, resolved (`LessonDiagrams`): what `MarkdownRenderer(diagrams:)` draws in its body.
  public func diagrams() throws(CurriculumError) -> [Int: Diagram] {
    try LessonDiagrams.resolve(body, firstLine: bodyLine, file: file)
  }
}
