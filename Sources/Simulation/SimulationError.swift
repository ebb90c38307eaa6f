/// Everything that can stop a simulation, with a message that says what to do next.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A scenario file could not be read at all.
  case unreadableScenario(file: String, reason: String)
  /// A scenario file is not valid YAML, or a field has a wrong value; `line` is 1-based when known.
  case invalidScenario(file: String, line: Int?, field: String, problem: String, fix: String)
  /// A breaker plan (`breakers.yaml`) could not be read at all.
  case unreadablePlan(file: String, reason: String)
  /// A breaker plan is not valid YAML, names an unknown service or key, or has a wrong value.
  case invalidPlan(file: String, line: Int?, field: String, problem: String, fix: String)
  /// No built-in scenario has this name and no file exists at this path.
  case unknownScenario(String)
  /// A command-line value (duration, seed, breaker) cannot be read.
  case invalidOption(option: String, value: String, fix: String)
  /// The learner's breaker could not be started or stopped answering.
  case subjectFailed(String)
  /// A `--breaker PATH` run needs something that is not available in this build.
  case unavailable(String)

  public var description: String {
    switch self {
    case .unreadableScenario(let file, let reason):
      "cannot read the scenario \(file): \(reason); check the path and the file's permissions"
    case .invalidScenario(let file, let line, let field, let problem, let fix):
      "\(file)\(line.map { ":\($0)" } ?? ""): `\(field)`: \(problem); \(fix)"
    case .unreadablePlan(let file, let reason):
      "cannot read the breaker plan \(file): \(reason); check the path and the file's permissions"
    case .invalidPlan(let file, let line, let field, let problem, let fix):
      "the breaker plan \(file)\(line.map { ":\($0)" } ?? "")\(field.isEmpty ? "" : ": `\(field)`"): \(problem); "
        + "\(fix), then run the check again"
    case .unknownScenario(let name):
      "no scenario named '\(name)'; use `black-friday`, `chaos` or the path of a scenario YAML file (see docs/simulation.md)"
    case .invalidOption(let option, let value, let fix):
      "\(option) '\(value)' cannot be read; \(fix)"
    case .subjectFailed(let message):
      "the breaker under test failed during the simulation: \(message); the step checks show such failures call by call: `cblearn check 9 FILE`, or `cblearn conformance --exec CMD`"
    case .unavailable(let message):
      message
    }
  }
}
