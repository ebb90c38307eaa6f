import Foundation

/// `cblearn grade merge DIR...`: combines the output folders of `--shard` runs into one gradebook.
public enum GradeMerger {
  /// What a merge gives: the grades, the run's settings, the shards that were not given (only with
  /// `partial`) and the skipped entries of every shard.
  public struct Merged: Sendable {
    public var grades: [StepGrade]
    public var info: RunInfo
    public var missingShards: [String]
    public var skipped: [SubmissionFinder.Skipped]

    /// The merged gradebook, marked partial when shards were missing.
    public var gradebook: Gradebook {
      var book = Gradebook(grades: grades, seed: info.seed)
      book.missingShards = missingShards
      book.skipped = skipped
      return book
    }
  }

  /// The grades of every folder, checked to come from one run: same settings, no student graded twice, and
  /// every shard I/N of the run present (unless `partial`, when the missing ones are named in the result).
  public static func merge(_ folders: [URL], partial: Bool = false) throws -> Merged {
    var shards: [Shard] = []
    var first: RunInfo?
    var owner: [String: String] = [:]
    var grades: [StepGrade] = []
    var skipped: [SubmissionFinder.Skipped] = []
    for folder in folders {
      let info = try RunInfo.load(from: folder)
      if let text = info.shard, let shard = try? Shard(parsing: text) {
        if let other = shards.first, other.count != shard.count {
          throw GradingError.mismatchedShards("\(folder.path) is shard \(shard) but another folder is \(other)")
        }
        shards.append(shard)
      } else if folders.count > 1 {
        throw GradingError.mismatchedShards(
          "\(folder.path) was graded without --shard: it holds every student; use it alone, without merging")
      }
      if skipped.isEmpty { skipped = info.skipped ?? [] }
      if let first, let problem = first.mismatch(with: info) { throw GradingError.mismatchedShards(problem) }
      first = first ?? info
      let store = ResultStore(out: folder)
      var missing = Set(info.submissions)
      for grade in store.all() {
        let id = "\(grade.student)/\(grade.folderName)"
        guard missing.remove(id) != nil else { continue }  // a stale result of an earlier run
        if let other = owner[id] {
          throw GradingError.overlappingShards(
            student: grade.student, step: grade.step, first: other, second: folder.path)
        }
        owner[id] = folder.path
        grades.append(grade)
      }
      if let absent = missing.sorted().first {
        throw GradingError.mismatchedShards(
          "\(folder.path) has no result for \(absent): that shard did not finish; run it again")
      }
    }
    guard let info = first else { throw GradingError.noResults("(no folder given)") }
    var missing: [String] = []
    if let count = shards.first?.count {
      let given = Set(shards.map(\.index))
      missing = (1...count).filter { !given.contains($0) }.map { "\($0)/\(count)" }
    }
    if !missing.isEmpty, !partial {
      throw GradingError.missingShards(missing: missing, given: shards.map(\.description))
    }
    return Merged(
      grades: grades.sorted { ($0.student, $0.step) < ($1.student, $1.step) }, info: info, missingShards: missing,
      skipped: skipped)
  }
}
