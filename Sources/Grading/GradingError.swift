/// Why grading could not run (a student's broken code is a result, never one of these).
public enum GradingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The submissions folder does not exist or is not a folder.
  case notAFolder(String)
  /// The submissions folder holds no student folder or file.
  case noSubmissions(String)
  /// A step that has no breaker checks (a quiz or a simulation) or no exercise yet.
  case stepNotGradable(step: Int, reason: String)
  /// The rubric file is malformed; `line` is 1-based when known.
  case rubric(file: String, line: Int?, problem: String, fix: String)
  /// `--shard` is not `I/N` with 1 ≤ I ≤ N.
  case badShard(String)
  /// A folder or file of the output could not be written.
  case cannotWrite(path: String, reason: String)
  /// `grade merge` found no results in a folder.
  case noResults(String)
  /// Two shard folders graded the same student and step.
  case overlappingShards(student: String, step: Int, first: String, second: String)
  /// Shard folders were graded with different settings.
  case mismatchedShards(String)
  /// `grade merge` was not given every shard I/N of the run.
  case missingShards(missing: [String], given: [String])
  /// The roster file is malformed; `line` is 1-based when known.
  case roster(file: String, line: Int?, problem: String)
  /// An unknown `--format` name.
  case unknownFormat(String)
  /// `--sandbox bwrap` was asked for and bubblewrap cannot run here.
  case sandboxUnavailable(String)

  public var description: String {
    switch self {
    case .notAFolder(let path):
      "\(path) is not a folder: give the folder that holds one subfolder (or file) per student"
    case .noSubmissions(let path):
      "\(path) holds no submissions: put one folder per student in it (see docs/grading.md, \"Submission layouts\")"
    case .stepNotGradable(let step, let reason):
      "step \(step) cannot be graded: \(reason); grade a step with breaker checks (2 to 9, or 10 for the capstone)"
    case .rubric(let file, let line, let problem, let fix):
      "\(file)\(line.map { ":\($0)" } ?? ""): \(problem); \(fix)"
    case .badShard(let text):
      "--shard \(text) is not I/N: give the share to grade as I/N with 1 ≤ I ≤ N, for example --shard 2/4"
    case .cannotWrite(let path, let reason):
      "cannot write \(path): \(reason); choose another folder with --out"
    case .noResults(let path):
      "\(path) holds no grading results: give the --out folders of `cblearn grade --shard` runs"
    case .overlappingShards(let student, let step, let first, let second):
      "\(student) (step \(step)) was graded in both \(first) and \(second): merge the folders of one run, "
        + "graded with the same N in --shard I/N"
    case .mismatchedShards(let problem):
      "the shard folders do not belong to one run: \(problem); grade every shard with the same options"
    case .missingShards(let missing, let given):
      "shard\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) "
        + "\(missing.count == 1 ? "is" : "are") missing (given: \(given.sorted().joined(separator: ", "))): their "
        + "students would be left out; add their --out folders, or pass --partial to write a gradebook marked partial"
    case .roster(let file, let line, let problem):
      "\(file)\(line.map { ":\($0)" } ?? ""): \(problem); a roster is a CSV file with a header row holding "
        + "`folder` and the LMS columns (docs/grading.md, \"Importing into Canvas and Moodle\")"
    case .unknownFormat(let name):
      "unknown format \(name): use table, csv, json, junit, gradescope or html (comma-separated)"
    case .sandboxUnavailable(let reason):
      "--sandbox bwrap: \(reason); install the Debian package bubblewrap, or use --sandbox auto"
    }
  }
}
