/// Everything that can go wrong while rendering lessons, diagrams and timelines.
public enum TerminalUIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A `::: diagram` directive that cannot be read; `line` is the line in the lesson file.
  case malformedDirective(line: Int, message: String)
  /// A Markdown construct that cannot be rendered, such as an unclosed code fence.
  case malformedMarkdown(line: Int, message: String)
  /// A timeline directive drawn without the trace of its script (lessons resolve theirs with Curriculum's
  /// `LessonDiagrams` before rendering).
  case unresolvedTimeline(line: Int)
  /// The pager could not be started.
  case pagerFailed(command: String, message: String)

  public var description: String { (line.map { "line \($0): " } ?? "") + problem }

  /// The line of the lesson file the error is about, if any.
  public var line: Int? {
    switch self {
    case .malformedDirective(let line, _), .malformedMarkdown(let line, _), .unresolvedTimeline(let line): line
    case .pagerFailed: nil
    }
  }

  /// What went wrong and what to do next, without the line.
  public var problem: String {
    switch self {
    case .malformedDirective(_, let message):
      "malformed diagram directive: \(message)"
    case .malformedMarkdown(_, let message):
      message
    case .unresolvedTimeline:
      "a timeline is drawn from its script's trace, and none was given: pass the diagrams that "
        + "Curriculum's LessonDiagrams.resolve computes to MarkdownRenderer(diagrams:)"
    case .pagerFailed(let command, let message):
      "could not run the pager '\(command)': \(message); set PAGER to a working pager or pipe the output"
    }
  }
}
