import Conformance

/// Short scripted runs of the reference breaker, for the timelines that lessons draw (`LessonDiagrams`).
///
/// A script is a list of tokens separated by spaces: `ok`, `fail`, `ignored` (a call whose operation
/// succeeds, fails with a counted error, or fails with an error the breaker must ignore), `+N` (advance the
/// virtual clock by N seconds) and `state` (read the state).
public enum Demo {
  /// A token that is not part of the script language.
  public struct ScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending token as written.
    public var token: String
    /// Its position in the script, from 1.
    public var position: Int

    public init(token: String, position: Int) {
      self.token = token
      self.position = position
    }

    public var description: String {
      "unknown script token '\(token)' (token \(position)): use ok, fail, ignored, +N (seconds) or state"
    }
  }

  /// The virtual Unix time lesson runs start at (2025-11-29 08:00 UTC).
  public static let clockStart: Int64 = 1_764_403_200

  /// One parsed script token.
  enum Step: Equatable {
    case call(Outcome)
    case advance(Double)
    case state
  }

  /// Parses a script into steps, naming the first bad token.
  static func parse(_ script: String) throws(ScriptError) -> [Step] {
    var steps: [Step] = []
    let tokens = script.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" })
    for (index, raw) in tokens.enumerated() {
      let token = String(raw)
      switch token.lowercased() {
      case "ok", "success": steps.append(.call(.success))
      case "fail", "failure": steps.append(.call(.failure))
      case "ignored", "ignore": steps.append(.call(.ignored))
      case "state": steps.append(.state)
      default:
        guard token.hasPrefix("+"), let seconds = Double(token.dropFirst()), seconds > 0, seconds.isFinite else {
          throw ScriptError(token: token, position: index + 1)
        }
        steps.append(.advance(seconds))
      }
    }
    return steps
  }

  /// Runs `script` against the reference breaker and returns the trace, starting with its `create` entry.
  public static func trace(script: String, config: BreakerConfig, profile: Profile = .tutorial) throws -> [TraceEntry] {
    let steps = try parse(script)
    let session = Session(
      subject: ReferenceSubject(profile: profile), config: config, profile: profile, clockStart: clockStart)
    try session.create()
    for step in steps {
      switch step {
      case .call(let outcome): try session.call(outcome)
      case .advance(let seconds): try session.advance(seconds)
      case .state: _ = try session.state()
      }
    }
    return session.trace
  }
}
