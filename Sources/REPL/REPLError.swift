import Checking

/// Why a REPL command could not do its job; every message says what to do next.
public enum REPLError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The check was cancelled with Ctrl-C.
  case cancelled
  /// The checker could not be started.
  case checkerUnavailable(String)
  /// The checker ran but did not produce a report.
  case checkFailed(status: Int32, output: String)
  /// The checks could not run (a compile error, a subject that would not start): the checker's own report.
  case couldNotRun(RunFailure)
  /// The step has no file to check on the current track.
  case nothingToCheck(step: Int, reason: String)
  /// No editor is configured.
  case noEditor
  /// A command was given wrong arguments.
  case usage(String)
  /// No such command.
  case unknownCommand(String, suggestion: String?)

  public var description: String {
    switch self {
    case .cancelled:
      return "check cancelled; run `check` again when you are ready"
    case .checkerUnavailable(let reason):
      return "could not start the checker (\(reason)); is cblearn installed completely? try `cblearn check --help`"
    case .checkFailed(let status, let output):
      let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
      return "the checker stopped (exit status \(status)) without a report" + (text.isEmpty ? "" : ":\n" + text)
        + "\nfix the problem above and run `check` again"
    case .couldNotRun(let failure):
      let next =
        failure.kind == "compile_error"
        ? "fix the first error above and type `check` again" : "fix the problem above and type `check` again"
      return failure.message.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" + next
    case .nothingToCheck(let step, let reason):
      return "nothing to check for step \(step): \(reason)"
    case .noEditor:
      return "no editor configured; set $VISUAL or $EDITOR (for example `export EDITOR=nano`) or open the file yourself"
    case .usage(let text):
      return "usage: \(text)"
    case .unknownCommand(let word, let suggestion):
      let hint = suggestion.map { "; did you mean `\($0)`?" } ?? ""
      return "unknown command `\(word)`\(hint) (type `help` for the list)"
    }
  }
}

extension String {
  func trimmingCharacters(in set: Set<Character>) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text = text.dropFirst() }
    while let last = text.last, set.contains(last) { text = text.dropLast() }
    return String(text)
  }
}

extension Set where Element == Character {
  static let whitespacesAndNewlines: Set<Character> = [" ", "\t", "\n", "\r"]
}
