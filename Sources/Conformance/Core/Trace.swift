/// One step of a check's script as it happened: what was sent, when, what came back, the state after.
public struct TraceEntry: Sendable, Codable, Equatable {
  /// Virtual seconds since the breaker was created.
  public var t: Double
  /// The operation, as a reader sees it: `call(failure)`, `advance(30s)`, `begin(A, success)`.
  public var op: String
  /// What was observed: `failure (invoked)`, `rejected (not invoked)`, `OPEN`.
  public var observed: String
  /// The state read after the operation, when the subject reports it.
  public var state: BreakerState?
  /// Which breaker the operation addressed, when the check uses several.
  public var breaker: String?
  /// Set on the entry where the expectation was not met.
  public var failed: Bool

  public init(
    t: Double, op: String, observed: String, state: BreakerState?, breaker: String? = nil, failed: Bool = false
  ) {
    self.t = t
    self.op = op
    self.observed = observed
    self.state = state
    self.breaker = breaker
    self.failed = failed
  }
}

/// A check's verdict.
public enum CheckStatus: String, Sendable, Codable, CaseIterable {
  case pass, fail, error, skip
}

/// The result of one check on one subject.
public struct CheckResult: Sendable, Codable, Equatable {
  public var id: String
  public var title: String
  public var category: String
  public var step: Int
  public var level: CheckLevel
  public var status: CheckStatus
  /// One line: the expectation when it passed, what went wrong otherwise.
  public var message: String
  public var expected: String?
  public var observed: String?
  /// Why the check exists, in a sentence a learner understands.
  public var motivation: String
  /// The configuration of the failing run.
  public var config: String?
  /// Virtual Unix time at which the failing run's breaker was created.
  public var clockStart: Int64?
  public var trace: [TraceEntry]
  /// Explore mode's check: the shrunk replay script of a divergence (`docs/explore.md`).
  public var script: String?
  /// Explore mode's check: the reference model's timeline of the same script, beside `trace`.
  public var modelTrace: [TraceEntry]?
  /// Real milliseconds the check took.
  public var durationMs: Double
  /// For a failure: the configurations it ran under, and how many of them failed (the report shows one).
  public var configurations: Int?
  public var failingConfigurations: Int?

  public init(
    id: String, title: String, category: String, step: Int, level: CheckLevel, status: CheckStatus, message: String,
    expected: String? = nil, observed: String? = nil, motivation: String, config: String? = nil,
    clockStart: Int64? = nil, trace: [TraceEntry] = [], durationMs: Double = 0
  ) {
    self.id = id
    self.title = title
    self.category = category
    self.step = step
    self.level = level
    self.status = status
    self.message = message
    self.expected = expected
    self.observed = observed
    self.motivation = motivation
    self.config = config
    self.clockStart = clockStart
    self.trace = trace
    self.durationMs = durationMs
  }

  enum CodingKeys: String, CodingKey {
    case id, title, category, step, level, status, message, expected, observed, motivation, config
    case clockStart = "clock_start"
    case trace, script
    case modelTrace = "model_trace"
    case durationMs = "duration_ms"
    case configurations
    case failingConfigurations = "failing_configurations"
  }
}

/// The results of a run of checks on one subject.
public struct SuiteReport: Sendable, Codable, Equatable {
  public var subject: String
  /// The step whose checks ran; `nil` for a whole-suite `conformance` run.
  public var step: Int?
  public var seed: UInt64
  public var suiteVersion: String
  public var checks: [CheckResult]
  public var durationMs: Double

  /// Every `must` check passed.
  public var passed: Bool { checks.allSatisfy { $0.level != .must || $0.status == .pass } }

  /// How many checks ended with each status.
  public func count(_ status: CheckStatus) -> Int { checks.filter { $0.status == status }.count }

  enum CodingKeys: String, CodingKey {
    case subject, step, seed, checks, passed
    case suiteVersion = "suite_version"
    case durationMs = "duration_ms"
  }

  public init(
    subject: String, step: Int?, seed: UInt64, suiteVersion: String, checks: [CheckResult], durationMs: Double
  ) {
    self.subject = subject
    self.step = step
    self.seed = seed
    self.suiteVersion = suiteVersion
    self.checks = checks
    self.durationMs = durationMs
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    subject = try c.decode(String.self, forKey: .subject)
    step = try c.decodeIfPresent(Int.self, forKey: .step)
    seed = try c.decode(UInt64.self, forKey: .seed)
    suiteVersion = try c.decode(String.self, forKey: .suiteVersion)
    checks = try c.decode([CheckResult].self, forKey: .checks)
    durationMs = try c.decode(Double.self, forKey: .durationMs)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(subject, forKey: .subject)
    try c.encodeIfPresent(step, forKey: .step)
    try c.encode(passed, forKey: .passed)
    try c.encode(seed, forKey: .seed)
    try c.encode(suiteVersion, forKey: .suiteVersion)
    try c.encode(durationMs, forKey: .durationMs)
    try c.encode(checks, forKey: .checks)
  }
}
