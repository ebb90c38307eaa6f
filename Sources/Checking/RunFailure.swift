import Simulation
import Subjects

/// Why checks could not run (exit status 2), as `cblearn check --format json` prints it: `{"error": {…}}`.
///
/// Standard output is never empty in JSON mode: a script or the REPL reads this object instead of a
/// report, with the compiler's diagnostics when the learner's Swift file does not compile.
public struct RunFailure: Sendable, Codable, Equatable, Error, CustomStringConvertible {
  /// `compile_error`, `missing_file`, `could_not_start`, `not_a_breaker_step`, `invalid_plan` or `error`.
  public var kind: String
  /// The whole message, as the text mode prints it after `error: `.
  public var message: String
  /// The step that was asked for, when it was known.
  public var step: Int?
  /// The compiler's diagnostics, the first error in the learner's file first (compile errors only).
  public var diagnostics: [CompilerDiagnostic]

  public init(kind: String, message: String, step: Int? = nil, diagnostics: [CompilerDiagnostic] = []) {
    self.kind = kind
    self.message = message
    self.step = step
    self.diagnostics = diagnostics
  }

  /// The failure for an error thrown while preparing or running the checks.
  public init(_ error: any Error, step: Int?) {
    switch error {
    case let error as RunFailure:
      self = error
    case SubjectsError.compileFailed(_, let diagnostics):
      self.init(
        kind: "compile_error", message: "\(error)", step: step, diagnostics: CompilerDiagnostic.parse(diagnostics))
    case SubjectsError.missingFile:
      self.init(kind: "missing_file", message: "\(error)", step: step)
    case CheckingError.couldNotStart:
      self.init(kind: "could_not_start", message: "\(error)", step: step)
    case SimulationError.invalidPlan, SimulationError.unreadablePlan:
      self.init(kind: "invalid_plan", message: "\(error)", step: step)
    case CheckingError.notABreakerStep:
      self.init(kind: "not_a_breaker_step", message: "\(error)", step: step)
    default:
      self.init(kind: "error", message: "\(error)", step: step)
    }
  }

  public var description: String { message }

  /// The object printed on standard output: `{"error": {…}}`.
  public struct Envelope: Codable, Sendable {
    public var error: RunFailure
    public init(error: RunFailure) { self.error = error }
  }
}
