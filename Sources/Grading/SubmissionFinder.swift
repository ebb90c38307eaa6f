import Curriculum
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Finds each student's solution for each step in a submissions folder (layouts in docs/grading.md).
///
/// A student is a subfolder (or a single `.py`/`.swift` file) of the submissions folder. Inside, in order:
/// a workspace from `cblearn start` (`steps/NN-slug/{python,swift}/…`), then files or folders named by the
/// step (`3`, `03`, `step3`, `basic-breaker`, `03-basic-breaker`), then, when one step is graded, the one
/// solution file at the top of the folder.
public struct SubmissionFinder: Sendable {
  /// An entry of the submissions folder that is not a submission, and why.
  public struct Skipped: Sendable, Equatable, Codable {
    public var entry: String
    public var reason: String
  }

  /// The submissions of a folder and the entries that are not submissions: together, every entry.
  public struct Found: Sendable {
    public var submissions: [Submission]
    public var skipped: [Skipped]
  }

  public var content: ContentRoot
  public var steps: [PathStep]
  /// A scratch folder (inside the output's work folder): links to entries whose names are not UTF-8,
  /// unpacked zips, notebooks converted to Python.
  public var work: URL
  /// When set, the submissions folder is one student's submission, graded under this name.
  public var single: String?

  public init(content: ContentRoot, steps: [PathStep], work: URL? = nil, single: String? = nil) {
    self.content = content
    self.steps = steps
    self.work = work ?? FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-found-\(getpid())")
    self.single = single
  }

  /// Every student's submission for every step, sorted by student then step.
  public func find(in folder: URL) throws -> [Submission] { try findAll(in: folder).submissions }

  /// Every student's submission for every step, and the entries that are no student.
  public func findAll(in folder: URL) throws -> Found {
    guard Self.isDirectory(folder) else { throw GradingError.notAFolder(folder.path) }
    if let single {
      let root = folder.resolvingSymlinksInPath()
      return Found(submissions: steps.map { find($0, student: single, folder: root) }, skipped: [])
    }
    var result: [Submission] = []
    var skipped: [Skipped] = []
    let entries = FolderEntry.list(folder)
    // A file's student is its name without the extension, unless another entry has that name (`ann/` and
    // `ann.zip`, `ann.py` and `ann.swift`): then the whole file name, so every entry keeps its own row.
    var stems: [String: Int] = [:]
    for entry in entries {
      let stem = entry.name.contains(".") ? String(entry.name[..<entry.name.lastIndex(of: ".")!]) : entry.name
      stems[stem, default: 0] += 1
    }
    func student(_ entry: FolderEntry, dropping ext: String) -> String {
      let stem = String(entry.name.dropLast(ext.count + 1))
      return stems[stem, default: 0] > 1 ? entry.name : stem
    }
    for entry in entries {
      guard let link = entry.url(in: folder, aliases: work.appendingPathComponent("aliases")) else {
        skipped.append(Skipped(entry: entry.name, reason: "its name is not UTF-8 and no link to it could be made"))
        continue
      }
      // A symbolic link to a student's folder (as the Gradescope recipe makes) is graded at its target, so the
      // sandbox sees the same path it binds; a link whose name is not UTF-8 stays the alias made for it.
      var url = link
      if entry.isUTF8, (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil {
        url = link.resolvingSymlinksInPath()
        guard FileManager.default.fileExists(atPath: url.path) else {
          skipped.append(Skipped(entry: entry.name, reason: "a symbolic link to \(url.path), which does not exist"))
          continue
        }
      }
      if Self.isDirectory(url) {
        for step in steps { result.append(find(step, student: entry.name, folder: url)) }
      } else if url.pathExtension.lowercased() == "zip" {
        let student = student(entry, dropping: url.pathExtension)
        switch unpack(url, as: student) {
        case .success(let unpacked):
          for step in steps { result.append(find(step, student: student, folder: unpacked)) }
        case .failure(let problem):
          for step in steps {
            result.append(Submission(student: student, root: url, step: step, source: .unusable(problem.text)))
          }
        }
      } else if Self.isSolution(url) {
        let student = student(entry, dropping: url.pathExtension)
        for step in steps {
          result.append(
            steps.count == 1
              ? Submission(student: student, root: url, step: step, source: .file(url))
              : Submission(
                student: student, root: url, step: step,
                source: .ambiguous(
                  "a single file cannot hold several steps: make \(entry.name) a folder with one file per step")))
        }
      } else {
        skipped.append(Skipped(entry: entry.name, reason: Self.whyNotASubmission(url)))
      }
    }
    guard !result.isEmpty else { throw GradingError.noSubmissions(folder.path) }
    return Found(
      submissions: result.sorted { ($0.student, $0.step.number) < ($1.student, $1.step.number) }, skipped: skipped)
  }

  /// Why a file at the top of the submissions folder is no student's submission.
  static func whyNotASubmission(_ url: URL) -> String {
    if FileManager.default.isExecutableFile(atPath: url.path) {
      return "an executable file at the top: put it in the student's folder as `run`"
    }
    return "not a folder, nor a .py or .swift file"
  }

  /// Why a student's folder holds nothing to grade, with the fix, or nil when it holds something.
  static func emptyFolderReason(_ folder: URL) -> String? {
    guard FolderEntry.list(folder).isEmpty else { return nil }
    let git = folder.appendingPathComponent(".git")
    if FileManager.default.fileExists(atPath: git.path) {
      return isDirectory(git)
        ? "the folder is an empty git checkout (only .git): check its files out (`git -C FOLDER checkout .`)"
        : "the folder is an empty git submodule (only a .git file): check out with submodules "
          + "(`git submodule update --init`, or `submodules: recursive` in actions/checkout)"
    }
    return "the folder is empty; if the class was collected with `gh classroom clone` and committed, each "
      + "student's repository became a git link that checkouts leave empty: delete the students' .git folders "
      + "before committing (docs/grading.md, \"GitHub Classroom\")"
  }

  /// One student's solution for one step.
  func find(_ step: PathStep, student: String, folder: URL, root: URL? = nil, depth: Int = 0) -> Submission {
    func make(_ source: Submission.Source) -> Submission {
      Submission(student: student, root: root ?? folder, step: step, source: source)
    }
    if let reason = Self.emptyFolderReason(folder) { return make(.missing(reason)) }
    let stepsFolder = folder.appendingPathComponent("steps").appendingPathComponent(step.folderName)
    if Self.isDirectory(stepsFolder) { return make(workspaceSource(stepsFolder, student: folder, step: step)) }
    if Self.isDirectory(folder.appendingPathComponent("steps")) {
      return make(.missing("the workspace has no steps/\(step.folderName)/"))
    }
    let names = Self.entries(folder)
    // One project folder (or one zip) and nothing else: the student wrapped their work; look inside.
    if names.count == 1, depth < 3 {
      let only = folder.appendingPathComponent(names[0])
      if Self.isDirectory(only), !Self.names(step, names[0]), !["python", "swift", "steps"].contains(names[0]) {
        return find(step, student: student, folder: only, root: root ?? folder, depth: depth + 1)
      }
      if only.pathExtension.lowercased() == "zip" {
        switch unpack(only, as: student + "/" + names[0]) {
        case .success(let unpacked):
          return find(step, student: student, folder: unpacked, root: root ?? folder, depth: depth + 1)
        case .failure(let problem): return make(.unusable(problem.text))
        }
      }
    }
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
    var source = folderSource(folder, step: step)
    if case .missing(let why) = source, names.isEmpty == false {
      source = .missing(why + "; found instead: " + Self.listing(folder))
    }
    var submission = make(source)
    if case .file(let file) = source, file.pathExtension == "py", file.path.hasPrefix(work.path) {
      submission.note = "graded the code cells of the notebook"
    }
    return submission
  }

  /// A short list of what a folder holds, for a `missing` message.
  static func listing(_ folder: URL) -> String {
    let names = FolderEntry.list(folder).map { entry in
      entry.isUTF8 && isDirectory(folder.appendingPathComponent(entry.name)) ? entry.name + "/" : entry.name
    }
    return names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", … (\(names.count) entries)" : "")
  }

  /// A step folder of a plain layout: one solution file, or an executable `run`, or `python/` and `swift/`.
  func folderSource(_ folder: URL, step: PathStep) -> Submission.Source {
    // Read as bytes: a file whose name is not UTF-8 is reached through a link with a safe name.
    var print = Fingerprint()
    print.add(folder.path)
    let aliases = work.appendingPathComponent("aliases").appendingPathComponent(String(print.hex.prefix(12)))
    let files = FolderEntry.list(folder).compactMap { $0.url(in: folder, aliases: aliases) }
    let solutions = files.filter { Self.isSolution($0) && !Self.isTestFile($0.lastPathComponent) }
    if solutions.count == 1 { return .file(solutions[0]) }
    let notebooks = files.filter { $0.pathExtension.lowercased() == "ipynb" }
    if solutions.isEmpty, notebooks.count == 1 {
      guard let converted = pythonFromNotebook(notebooks[0], student: folder.path, step: step.number) else {
        return .unusable(
          "\(notebooks[0].lastPathComponent) is not a Jupyter notebook that can be read (JSON with cells)")
      }
      return .file(converted)
    }
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
