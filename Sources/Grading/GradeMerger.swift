import Foundation

/// `cblearn grade merge DIR...`: combines the output folders of `--shard` runs into one gradebook.
public enum GradeMerger {
  /// The grades of every folder, checked to come from one run: same settings, no student graded twice.
  public static func merge(_ folders: [URL]) throws -> (grades: [StepGrade], info: RunInfo) {
    var first: RunInfo?
    var owner: [String: String] = [:]
    var grades: [StepGrade] = []
    for folder in folders {
      let info = try RunInfo.load(from: folder)
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
    return (grades.sorted { ($0.student, $0.step) < ($1.student, $1.step) }, info)
  }
}
