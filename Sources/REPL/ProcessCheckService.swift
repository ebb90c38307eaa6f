import Checking
import Conformance
import Foundation
import Subjects

/// Checks a file by running `cblearn check STEP FILE --format json` in its own process group.
///
/// A separate process keeps a learner's runaway breaker away from the REPL, and Ctrl-C can end the whole
/// group (compiler, adapter, subject) at once.
public struct ProcessCheckService: CheckService {
  /// The `cblearn` executable.
  public var executable: String
  /// Extra environment for the child (for example `CBLEARN_HOME`).
  public var environment: [String: String]
  /// Called about ten times a second with the seconds elapsed while the check runs (a spinner).
  public var tick: (@Sendable (Double) -> Void)?

  public init(executable: String, environment: [String: String] = [:], tick: (@Sendable (Double) -> Void)? = nil) {
    self.executable = executable
    self.environment = environment
    self.tick = tick
  }

  /// The service for the running `cblearn` itself (`$CBLEARN_EXE` overrides it).
  public static func current(contentRoot: URL?) -> ProcessCheckService {
    let env = ProcessInfo.processInfo.environment
    let exe = env["CBLEARN_EXE"] ?? selfExecutable() ?? "cblearn"
    return ProcessCheckService(executable: exe, environment: contentRoot.map { ["CBLEARN_HOME": $0.path] } ?? [:])
  }

  static func selfExecutable() -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
  }

  public func check(step: Int, file: URL, seed: UInt64?) throws -> StepResult {
    var arguments = [executable, "check", String(step), file.path, "--format", "json"]
    if let seed { arguments += ["--seed", String(seed)] }
    let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    // The check dies with the REPL (a closed terminal, SIGTERM, kill -9): its subjects die with it in turn.
    let result = try ChildProcess.capture(SubjectLimits.parentDeathPrefix + arguments, environment: env, tick: tick)
    if let report = try? JSONDecoder().decode(StepResult.self, from: result.stdout) { return report }
    if let failure = try? JSONDecoder().decode(RunFailure.Envelope.self, from: result.stdout) {
      throw REPLError.couldNotRun(failure.error)
    }
    let text = String(decoding: result.stderr.isEmpty ? result.stdout : result.stderr, as: UTF8.self)
    throw REPLError.checkFailed(status: result.status, output: String(text.suffix(4000)))
  }
}
