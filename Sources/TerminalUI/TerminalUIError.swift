/// Everything that can go wrong while rendering lessons, diagrams and timelines.
public enum TerminalUIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A `::: diagram` directive that cannot be read; `line` is the line in the lesson file.
  case malformedDirective(line: Int, message: String)
  /// A Markdown construct that cannot be rendered, such as an unclosed code fence.
  case malformedMarkdown(line: Int, message: String)
  /// A timeline script that the reference breaker cannot run.
  case badScript(line: Int?, message: String)
  /// The pager could not be started.
  case pagerFailed(command: String, message: String)

  public var description: String {
    switch self {
    case .malformedDirective(let line, let message):
      "line \(line): malformed diagram directive: \(message)"
    case .malformedMarkdown(let line, let message):
      "line \(line): \(message)"
    case .badScript(let line, let message):
      (line.map { "line \($0): " } ?? "") + "bad timeline script: \(message)"
    case .pagerFailed(let command, let message):
      "could not run the pager '\(command)': \(message); set PAGER to a working pager or pipe the output"
    }
  }
}
