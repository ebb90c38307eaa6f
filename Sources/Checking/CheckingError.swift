/// Why a step could not be checked.
public enum CheckingError: Error, Sendable, CustomStringConvertible {
  /// The step's exercise is a quiz or a simulation, not a breaker.
  case notABreakerStep(step: Int, kind: String)
  /// The subject could not be started (compile error, import error, failed handshake).
  case couldNotStart(String)
  /// Explore mode cannot model this profile faithfully.
  case cannotExplore(String)
  /// A file given on the command line cannot be read.
  case unreadable(String)

  public var description: String {
    switch self {
    case .notABreakerStep(let step, let kind):
      kind == "quiz"
        ? "step \(step) is a quiz, not a breaker: a learner answers it in the tutorial (`cblearn start`, then `quiz`)"
        : "step \(step) is judged by the \(kind), not by breaker checks: use `cblearn simulate --breaker FILE`"
    case .couldNotStart(let message): message
    case .cannotExplore(let reason): reason
    case .unreadable(let path): "cannot read \(path): check the path"
    }
  }
}
