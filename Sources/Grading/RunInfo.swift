import Conformance
import Curriculum
import Foundation

/// `OUT/grading.json`: the settings of a run and the submissions it covers, so that `grade merge` can
/// check that shard folders belong together and leave out stale results.
public struct RunInfo: Sendable, Codable, Equatable {
  public var steps: [Int]
  public var seed: UInt64
  /// Every seed of the run (nil in folders of older versions: the one `seed`).
  public var seeds: [UInt64]?
  public var variants: Int
  public var suiteVersion: String
  public var rubric: String
  /// `I/N`, or nil for a run over every student.
  public var shard: String?
  /// `student/NN-slug` of every submission of the run.
  public var submissions: [String]
  /// Which sandbox graded: `bubblewrap`, or `none` with why.
  public var sandbox: String?
  /// Entries of the submissions folder that are not submissions, with why.
  public var skipped: [SubmissionFinder.Skipped]?

  enum CodingKeys: String, CodingKey {
    case steps, seed, seeds, variants, rubric, shard, submissions, sandbox, skipped
    case suiteVersion = "suite_version"
  }

  init(options: GradingOptions, submissions: [Submission]) {
    steps = options.steps.map(\.number)
    seed = options.seed
    seeds = options.seeds
    variants = options.variants
    suiteVersion = SuiteRunner.suiteVersion
    rubric = options.rubric.digest
    shard = options.shard?.description
    self.submissions = submissions.map { "\($0.student)/\($0.step.folderName)" }
  }

  static func url(in out: URL) -> URL { out.appendingPathComponent("grading.json") }

  func save(in out: URL) throws {
    try ResultStore.writeAtomically(try ResultStore.encoder.encode(self), to: Self.url(in: out))
  }

  static func load(from out: URL) throws -> RunInfo {
    guard let data = FileManager.default.contents(atPath: url(in: out).path),
      let info = try? JSONDecoder().decode(RunInfo.self, from: data)
    else { throw GradingError.noResults(out.path) }
    return info
  }

  /// Whether another shard's settings match these.
  func mismatch(with other: RunInfo) -> String? {
    if steps != other.steps { return "steps \(steps) and \(other.steps)" }
    if seed != other.seed || seeds != other.seeds {
      return "seeds \(seeds ?? [seed]) and \(other.seeds ?? [other.seed])"
    }
    if variants != other.variants { return "variants \(variants) and \(other.variants)" }
    if suiteVersion != other.suiteVersion { return "suite versions \(suiteVersion) and \(other.suiteVersion)" }
    if rubric != other.rubric { return "different rubrics" }
    return nil
  }
}
