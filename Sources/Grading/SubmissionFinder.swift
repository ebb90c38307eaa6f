import Curriculum
import Foundation

/// Finds each student's solution for each step in a submissions folder (layouts in docs/grading.md).
///
/// A student is a subfolder (or a single `.py`/`.swift` file) of the submissions folder. Inside, in order:
/// a workspace from `cblearn start` (`steps/NN-slug/{python,swift}/…`), then files or folders named by the
/// step (`3`, `03`, `step3`, `basic-breaker`, `03-basic-breaker`), then, when one step is graded, the one
/// solution file at the top of the folder.
public struct SubmissionFinder: Sendable {
  public var content: ContentRoot
  public var steps: [PathStep]

  public init(content: ContentRoot, steps: [PathStep]) {
    self.content = content
    self.steps = steps
  }

  /// Every student's submission for every step, sorted by student then step.
  public func find(in folder: URL) throws -> [Submission] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw GradingError.notAFolder(folder.path)
    }
    let names = Self.entries(folder)
    var result: [Submission] = []
    for name in names {
      let url = folder.appendingPathComponent(name)
      if Self.isDirectory(url) {
        for step in steps { result.append(find(step, student: name, folder: url)) }
      } else if Self.isSolution(url) {
        let student = url.deletingPathExtension().lastPathComponent
        for step in steps {
          result.append(
            steps.count == 1
              ? Submission(student: student, root: url, step: step, source: .file(url))
              : Submission(
                student: student, root: url, step: step,
                source: .ambiguous(
                  "a single file cannot hold several steps: make \(name) a folder with one file per step")))
        }
      }
    }
    guard !result.isEmpty else { throw GradingError.noSubmissions(folder.path) }
    return result.sorted { ($0.student, $0.step.number) < ($1.student, $1.step.number) }
  }

  /// One student's solution for one step.
  func find(_ step: PathStep, student: String, folder: URL) -> Submission {
    func make(_ source: Submission.Source) -> Submission {
      Submission(student: student, root: folder, step: step, source: source)
    }
    let stepsFolder = folder.appendingPathComponent("steps").appendingPathComponent(step.folderName)
    if Self.isDirectory(stepsFolder) { return make(workspaceSource(stepsFolder, student: folder, step: step)) }
    if Self.isDirectory(folder.appendingPathComponent("steps")) {
      return make(.missing("the workspace has no steps/\(step.folderName)/"))
    }
    let names = Self.entries(folder)
    let named = names.filter { Self.names(step, $0) }
    if named.count > 1 {
      return make(
        .ambiguous("several entries are named for step \(step.number): \(named.joined(separator: ", ")); keep one"))
    }
    if let name = named.first {
      let url = folder.appendingPathComponent(name)
      if Self.isDirectory(url) { return make(folderSource(url, step: step)) }
      if Self.isSolution(url) { return make(.file(url)) }
      if Self.isExecutable(url) { return make(.executable(url)) }
    }
    guard steps.count == 1 else {
      return make(.missing("no file or folder named \(step.number), \(step.slug) or \(step.folderName)"))
    }
    return make(folderSource(folder, step: step))
  }

  /// A step folder of a plain layout: one solution file, or an executable `run`, or `python/` and `swift/`.
  func folderSource(_ folder: URL, step: PathStep) -> Submission.Source {
    let files = Self.entries(folder).map { folder.appendingPathComponent($0) }
    let solutions = files.filter(Self.isSolution)
    if solutions.count == 1 { return .file(solutions[0]) }
    if solutions.count > 1 {
      let list = solutions.map(\.lastPathComponent).joined(separator: ", ")
      return .ambiguous(
        "\(solutions.count) solution files in \(folder.lastPathComponent)/ (\(list)): keep one, "
          + "or put each step in a folder named by its number")
    }
    if let run = files.first(where: { $0.lastPathComponent == "run" && Self.isExecutable($0) }) {
      return .executable(run)
    }
    if files.contains(where: { ["python", "swift"].contains($0.lastPathComponent) && Self.isDirectory($0) }) {
      return workspaceSource(folder, student: folder, step: step)
    }
    return .missing("no .py or .swift file (or executable `run`) in \(folder.lastPathComponent)/")
  }
}
