import Conformance

/// A step's report with its score, as `cblearn check --format json` prints it.
public struct StepResult: Sendable, Codable, Equatable {
  public var report: SuiteReport
  /// Points earned: the points of every check that passed.
  public var score: Int
  public var maxScore: Int
  /// Points per check id.
  public var points: [String: Int]
  /// `python`, `swift` or `exec`.
  public var track: String
  /// One line the report must show, such as the capstone running the starter plan for want of the learner's.
  public var note: String?

  public init(report: SuiteReport, score: Int, maxScore: Int, points: [String: Int], track: String) {
    self.report = report
    self.score = score
    self.maxScore = maxScore
    self.points = points
    self.track = track
  }

  /// Every `must` check passed.
  public var passed: Bool { report.passed }

  enum CodingKeys: String, CodingKey {
    case step, passed, score, track, points, subject, seed, checks, note
    case maxScore = "max_score"
    case suiteVersion = "suite_version"
    case durationMs = "duration_ms"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(report.step, forKey: .step)
    try c.encode(passed, forKey: .passed)
    try c.encode(score, forKey: .score)
    try c.encode(maxScore, forKey: .maxScore)
    try c.encode(track, forKey: .track)
    try c.encode(report.subject, forKey: .subject)
    try c.encode(report.seed, forKey: .seed)
    try c.encode(report.suiteVersion, forKey: .suiteVersion)
    try c.encode(report.durationMs, forKey: .durationMs)
    try c.encode(points, forKey: .points)
    try c.encode(report.checks, forKey: .checks)
    try c.encodeIfPresent(note, forKey: .note)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    report = SuiteReport(
      subject: try c.decode(String.self, forKey: .subject), step: try c.decodeIfPresent(Int.self, forKey: .step),
      seed: try c.decode(UInt64.self, forKey: .seed), suiteVersion: try c.decode(String.self, forKey: .suiteVersion),
      checks: try c.decode([CheckResult].self, forKey: .checks),
      durationMs: try c.decode(Double.self, forKey: .durationMs))
    score = try c.decode(Int.self, forKey: .score)
    maxScore = try c.decode(Int.self, forKey: .maxScore)
    points = try c.decode([String: Int].self, forKey: .points)
    track = try c.decode(String.self, forKey: .track)
    note = try c.decodeIfPresent(String.self, forKey: .note)
  }
}
