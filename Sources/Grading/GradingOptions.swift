import Checking
import Curriculum
import Foundation

/// Everything a grading run needs besides the content: what to grade, how, and where to write.
public struct GradingOptions: Sendable {
  public var submissions: URL
  public var steps: [PathStep]
  /// Submissions graded at once.
  public var jobs: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
  /// Wall-clock seconds per submission (compilation excluded).
  public var timeout: Double = 60
  /// Seconds to wait for each reply.
  public var replyTimeout: Double = 2
  public var out: URL
  public var rubric = Rubric()
  public var seed: UInt64 = 1
  /// Seeds each submission is checked under, from `seed` on (nil: the rubric's `seeds`, else 3, as
  /// `cblearn check` and `submit`); each check keeps its worst result.
  public var seedCount: Int?
  /// The seeds of the run.
  public var seeds: [UInt64] {
    StepChecker.seeds(from: seed, count: seedCount ?? rubric.seeds ?? StepChecker.defaultSeedCount)
  }
  /// Configuration variants per check besides the exercise's own, as in `cblearn check`.
  public var variants: Int = 2
  /// Ignore stored results and grade everything again.
  public var force = false
  public var shard: Shard?
  public var sandbox: Sandbox.Mode = .auto
  /// Processes (and threads) a submission may have at once.
  public var maxProcesses = 128
  /// Address-space limit per subject, MiB.
  public var memoryMiB = 4096
  /// Bytes of output (standard error) after which a subject is stopped.
  public var maxOutputBytes = 4 << 20
  /// Where compiled Swift subjects are cached (default: the user's cache folder).
  public var buildCache: URL?
  /// Consecutive checks that could not run (unresponsive, crashed, protocol errors), with none passed yet,
  /// after which the submission is stopped and graded `error`.
  public var stopAfter = 3
  /// When set, `submissions` is one student's submission (their repository), graded under this name.
  public var single: String?

  public init(submissions: URL, steps: [PathStep], out: URL) {
    self.submissions = submissions
    self.steps = steps
    self.out = out
  }

  /// The settings that change grades, hashed into every cache key.
  var settingsKey: String {
    "seeds=\(seeds) variants=\(variants) reply=\(replyTimeout) timeout=\(timeout) rubric=\(rubric.digest) stop=\(stopAfter)"
  }
}
