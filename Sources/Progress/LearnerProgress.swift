import Curriculum
import Foundation

/// Where a step stands for the learner.
public enum StepStatus: String, Sendable, Codable, CaseIterable {
  case locked
  case available
  case inProgress = "in_progress"
  case done
}

/// The learner's record of one step.
public struct StepProgress: Sendable, Codable, Equatable {
  public var status: StepStatus
  /// The best score of any graded run.
  public var bestScore: Int?
  /// The score the step can reach.
  public var maxScore: Int?
  /// Graded runs (checks and submissions).
  public var attempts: Int
  /// The highest rung of the hint ladder seen (0 to 3).
  public var hintsUsed: Int
  /// When the step was first done, ISO-8601.
  public var completedAt: String?
  /// The conformance suite version the step was last graded with.
  public var suiteVersion: String?

  public init(status: StepStatus) {
    self.status = status
    attempts = 0
    hintsUsed = 0
  }

  enum CodingKeys: String, CodingKey {
    case status, attempts
    case bestScore = "best_score"
    case maxScore = "max_score"
    case hintsUsed = "hints_used"
    case completedAt = "completed_at"
    case suiteVersion = "suite_version"
  }
}

/// The content of `progress.json`: the current step, the track and every step's record.
public struct LearnerProgress: Sendable, Codable, Equatable {
  /// The format version this cblearn writes and reads.
  public static let currentVersion = 1

  public var version: Int
  public var currentStep: Int
  public var track: Track
  public var unlockAll: Bool
  /// Records keyed by step number as text (`"3"`).
  public var steps: [String: StepProgress]

  enum CodingKeys: String, CodingKey {
    case version, track, steps
    case currentStep = "current_step"
    case unlockAll = "unlock_all"
  }

  /// Fresh progress: step 1 available, the rest locked (all available with `unlockAll`).
  public init(track: Track, unlockAll: Bool = false, stepCount: Int = 10) {
    version = Self.currentVersion
    currentStep = 1
    self.track = track
    self.unlockAll = unlockAll
    steps = [:]
    normalize(stepCount: stepCount)
  }

  /// The record of a step (a locked one if absent).
  public func record(_ step: Int) -> StepProgress { steps[String(step)] ?? StepProgress(status: .locked) }

  /// The status of a step.
  public func status(_ step: Int) -> StepStatus { record(step).status }

  /// Steps before `step` that are not done yet.
  public func blockers(of step: Int) -> [Int] {
    unlockAll ? [] : (1..<max(1, step)).filter { status($0) != .done }
  }

  /// Whether the learner may work on a step.
  public func isUnlocked(_ step: Int) -> Bool { blockers(of: step).isEmpty }

  /// How many steps are done.
  public var doneCount: Int { steps.values.filter { $0.status == .done }.count }

  /// Recomputes locked and available statuses from what is done and from `unlockAll`.
  public mutating func normalize(stepCount: Int = 10) {
    for step in 1...max(1, stepCount) {
      var record = record(step)
      if record.status != .done {
        if !isUnlocked(step) {
          record.status = .locked
        } else if record.status == .locked {
          record.status = record.attempts > 0 || record.hintsUsed > 0 ? .inProgress : .available
        }
      }
      steps[String(step)] = record
    }
    currentStep = min(max(1, currentStep), max(1, stepCount))
  }

  /// Marks the step as being worked on (when it is available).
  public mutating func begin(_ step: Int) {
    guard var record = steps[String(step)], record.status == .available else { return }
    record.status = .inProgress
    steps[String(step)] = record
  }

  /// Records a hint level seen (1 to 3).
  public mutating func recordHint(_ step: Int, level: Int) {
    begin(step)
    var record = record(step)
    record.hintsUsed = max(record.hintsUsed, level)
    steps[String(step)] = record
  }

  /// Records a graded run; `completed` marks the step done (first completion time is kept).
  public mutating func recordAttempt(
    _ step: Int, score: Int, maxScore: Int, suiteVersion: String?, completed: Bool, at date: Date = Date(),
    stepCount: Int = 10
  ) {
    begin(step)
    var record = record(step)
    // A hand-edited file may hold any number: saturate rather than trap.
    record.attempts = record.attempts < Int.max ? record.attempts + 1 : Int.max
    record.bestScore = max(record.bestScore ?? 0, score)
    record.maxScore = maxScore
    record.suiteVersion = suiteVersion ?? record.suiteVersion
    if completed {
      if record.status != .done { record.completedAt = date.ISO8601Format() }
      record.status = .done
    }
    steps[String(step)] = record
    normalize(stepCount: stepCount)
  }
}
