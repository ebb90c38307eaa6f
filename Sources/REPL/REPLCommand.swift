/// A command of the REPL: its name, its arguments and what it does.
public struct REPLCommand: Sendable {
  public var name: String
  public var arguments: String
  public var summary: String

  /// Every command, in the order `help` lists them.
  public static let all: [REPLCommand] = [
    REPLCommand(name: "help", arguments: "", summary: "this list"),
    REPLCommand(name: "path", arguments: "", summary: "the ten steps and your progress"),
    REPLCommand(name: "lesson", arguments: "[STEP]", summary: "read the lesson of the current step (or STEP)"),
    REPLCommand(name: "diagram", arguments: "[STATE]", summary: "the state machine, with STATE highlighted"),
    REPLCommand(name: "exercise", arguments: "[STEP]", summary: "the task and the file to edit"),
    REPLCommand(name: "edit", arguments: "[FILE]", summary: "open your file (or FILE) in $VISUAL or $EDITOR"),
    REPLCommand(name: "check", arguments: "", summary: "run the step's checks on your file"),
    REPLCommand(
      name: "why", arguments: "[CHECK]", summary: "the timeline and trace of a failed check of the last report"),
    REPLCommand(name: "watch", arguments: "", summary: "re-check on every save until you press Enter"),
    REPLCommand(name: "hint", arguments: "", summary: "the next hint: a nudge, the idea, nearly the code"),
    REPLCommand(name: "submit", arguments: "", summary: "record the step as done when every must check passes"),
    REPLCommand(name: "next", arguments: "[--from-mine]", summary: "go to the next step (starting from your file)"),
    REPLCommand(name: "prev", arguments: "", summary: "go to the previous step"),
    REPLCommand(name: "goto", arguments: "STEP", summary: "go to a step by number or slug"),
    REPLCommand(name: "reset", arguments: "[STEP]", summary: "restore the starter file (yours is backed up)"),
    REPLCommand(name: "quiz", arguments: "", summary: "answer the prediction quiz of step 1"),
    REPLCommand(name: "simulate", arguments: "[OPTIONS]", summary: "run the cascade simulator (`cblearn simulate`)"),
    REPLCommand(name: "track", arguments: "[swift|python]", summary: "show or change your language"),
    REPLCommand(name: "unlock-all", arguments: "", summary: "unlock every step"),
    REPLCommand(name: "clear", arguments: "", summary: "clear the screen"),
    REPLCommand(name: "quit", arguments: "", summary: "leave (Ctrl-D works too); progress is saved"),
  ]

  /// Alternative spellings accepted silently.
  public static let aliases: [String: String] = [
    "exit": "quit", "q": "quit", "?": "help", "n": "next", "p": "prev", "h": "hint", "c": "check",
    "previous": "prev", "ls": "path", "cls": "clear",
  ]

  /// The command names.
  public static var names: [String] { all.map(\.name) }
}
