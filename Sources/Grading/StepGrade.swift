import Conformance

/// How a student's submission for one step ended up.
public enum SubmissionStatus: String, Sendable, Codable, CaseIterable {
  /// The checks ran: the grade is the checks' result.
  case graded
  /// The student has no solution for the step.
  case missing
  /// The submission could not be judged: it does not compile, crashes on start, hangs, floods, or lies.
  case error
}

/// One student's grade for one step: the checks as judged, with points after the rubric.
public struct StepGrade: Sendable, Codable, Equatable {
  public var student: String
  public var step: Int
  public var slug: String
  public var status: SubmissionStatus
  /// Whether the step counts as passed: every `must` check passed, or the score reached the pass mark.
  public var passed: Bool
  public var score: Int
  public var maxScore: Int
  /// `python`, `swift` or `exec`; nil when missing.
  public var track: String?
  /// The graded file or command, relative to the student's folder.
  public var file: String?
  /// Why the submission is missing or errored, and notes (ambiguity resolved, process limit reached).
  public var message: String?
  /// Every check of the step with its level after the rubric (for `error` and `missing`, the planned
  /// checks with status `error` or `skip`).
  public var checks: [CheckResult]
  /// Points per check id after the rubric.
  public var points: [String: Int]
  public var seed: UInt64
  public var suiteVersion: String
  public var durationMs: Double
  /// The cache key: content hash of the files, step, seed, suite version and rubric.
  public var key: String
  /// Which sandbox graded it: `bubblewrap` or `none`, with why when `--sandbox auto` fell back.
  public var sandbox: String?
  /// What the instructor should know: `starter-unchanged`, `reference-solution`.
  public var flags: [SourceMatch]?
  /// Every seed the checks ran under (`seed` is the first); each check kept its worst result.
  public var seeds: [UInt64]?

  enum CodingKeys: String, CodingKey {
    case student, step, slug, status, passed, score, track, file, message, checks, points, seed, key, sandbox, flags,
      seeds
    case maxScore = "max_score"
    case suiteVersion = "suite_version"
    case durationMs = "duration_ms"
  }

  /// `03-basic-breaker`.
  public var folderName: String { (step < 10 ? "0" : "") + "\(step)-\(slug)" }

  /// Points earned on one check (0 unless it passed).
  public func earned(_ check: CheckResult) -> Int { check.status == .pass ? points[check.id] ?? 0 : 0 }

  /// The summary word: `passed`, `failed`, `error`, `missing`.
  public var outcome: String {
    switch status {
    case .graded: passed ? "passed" : "failed"
    case .missing: "missing"
    case .error: "error"
    }
  }
}
