import Foundation

/// A replayable explore-mode sequence: the header (profile, configuration, clock) and one operation a line.
public struct ExploreScript: Sendable, Equatable {
  public var profile: Profile
  public var config: BreakerConfig
  /// Virtual Unix time at which the breaker is created.
  public var clock: Int64
  public var ops: [ExploreOp]
  /// Free comment lines written after the header (seed, run, what diverged).
  public var notes: [String]

  public init(profile: Profile, config: BreakerConfig, clock: Int64, ops: [ExploreOp], notes: [String] = []) {
    self.profile = profile
    self.config = config
    self.clock = clock
    self.ops = ops
    self.notes = notes
  }

  /// Why a script could not be read.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
  }

  /// The script's text (see `docs/explore.md`).
  public var text: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let p = (try? encoder.encode(profile)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    let c = (try? encoder.encode(config)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    var lines = ["# cblearn explore script v1", "profile \(p)", "config \(c)", "clock \(clock)"]
    lines += notes.map { "# " + $0 }
    lines += ops.map(\.description)
    return lines.joined(separator: "\n") + "\n"
  }

  /// Reads a script; unknown header keys and comment lines (`#`) are ignored.
  public init(parsing text: String) throws(ParseError) {
    var profile = Profile()
    var config: BreakerConfig?
    var clock: Int64 = 1_764_403_200
    var ops: [ExploreOp] = []
    let decoder = JSONDecoder()
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let number = index + 1
      if line.hasPrefix("profile ") || line.hasPrefix("config ") {
        let json = Data(line.drop { $0 != " " }.dropFirst().utf8)
        do {
          if line.hasPrefix("profile ") {
            profile = try decoder.decode(Profile.self, from: json)
          } else {
            config = try decoder.decode(BreakerConfig.self, from: json)
          }
        } catch { throw ParseError(line: number, message: "bad JSON: \(error)") }
      } else if line.hasPrefix("clock ") {
        guard let value = Int64(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) else {
          throw ParseError(line: number, message: "clock must be whole Unix seconds")
        }
        clock = value
      } else if let op = ExploreOp(line: line) {
        ops.append(op)
      } else {
        throw ParseError(line: number, message: "not an operation: '\(line)'")
      }
    }
    guard let config else { throw ParseError(line: 0, message: "missing 'config {…}' header line") }
    self.init(profile: profile, config: config, clock: clock, ops: ops)
  }
}
