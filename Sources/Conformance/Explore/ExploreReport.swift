/// The result of an explore-mode run: how much was explored and the first divergence, shrunk.
public struct ExploreReport: Sendable, Codable, Equatable {
  public var subject: String
  public var seed: UInt64
  /// Sequences asked for, and their length.
  public var runs: Int
  public var length: Int
  /// Sequences run before the first divergence (all of them when there was none).
  public var runsCompleted: Int
  /// Operations sent to the subject, shrinking excluded.
  public var operations: Int
  /// Real milliseconds the run took.
  public var durationMs: Double
  /// The first divergence, shrunk to a minimal sequence; `nil` when the subject agreed with the model.
  public var divergence: Divergence?

  /// No divergence was found.
  public var passed: Bool { divergence == nil }

  enum CodingKeys: String, CodingKey {
    case subject, seed, runs, length, passed, operations, divergence
    case runsCompleted = "runs_completed"
    case durationMs = "duration_ms"
  }

  public init(
    subject: String, seed: UInt64, runs: Int, length: Int, runsCompleted: Int, operations: Int,
    durationMs: Double, divergence: Divergence?
  ) {
    self.subject = subject
    self.seed = seed
    self.runs = runs
    self.length = length
    self.runsCompleted = runsCompleted
    self.operations = operations
    self.durationMs = durationMs
    self.divergence = divergence
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    subject = try c.decode(String.self, forKey: .subject)
    seed = try c.decode(UInt64.self, forKey: .seed)
    runs = try c.decode(Int.self, forKey: .runs)
    length = try c.decode(Int.self, forKey: .length)
    runsCompleted = try c.decode(Int.self, forKey: .runsCompleted)
    operations = try c.decode(Int.self, forKey: .operations)
    durationMs = try c.decode(Double.self, forKey: .durationMs)
    divergence = try c.decodeIfPresent(Divergence.self, forKey: .divergence)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(subject, forKey: .subject)
    try c.encode(seed, forKey: .seed)
    try c.encode(runs, forKey: .runs)
    try c.encode(length, forKey: .length)
    try c.encode(passed, forKey: .passed)
    try c.encode(runsCompleted, forKey: .runsCompleted)
    try c.encode(operations, forKey: .operations)
    try c.encode(durationMs, forKey: .durationMs)
    try c.encodeIfPresent(divergence, forKey: .divergence)
  }
}
