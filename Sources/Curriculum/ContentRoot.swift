import Conformance
import Foundation

/// The folder holding `lessons/` and `exercises/`, and the lookups of a step's content in it.
public struct ContentRoot: Sendable {
  public var url: URL

  public init(url: URL) { self.url = url }

  public var lessonsDirectory: URL { url.appendingPathComponent("lessons") }
  public var exercisesDirectory: URL { url.appendingPathComponent("exercises") }

  /// Finds the content: `$CBLEARN_HOME`, else up from the running executable, else up from the current directory.
  public static func locate(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: String? = ContentRoot.executablePath(),
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) throws -> ContentRoot {
    var searched: [String] = []
    if let home = environment["CBLEARN_HOME"], !home.isEmpty {
      let url = URL(fileURLWithPath: home).standardizedFileURL
      guard isContent(url) else {
        throw CurriculumError.malformed(
          file: "CBLEARN_HOME=\(home)", line: nil, problem: "this folder holds no lessons/ and exercises/",
          fix: "point CBLEARN_HOME at the cblearn folder that contains them, or unset it")
      }
      return ContentRoot(url: url)
    }
    let starts = [
      executable.map { URL(fileURLWithPath: $0).deletingLastPathComponent() },
      URL(fileURLWithPath: currentDirectory),
    ].compactMap { $0 }
    for start in starts {
      var folder = start.standardizedFileURL
      while true {
        if isContent(folder) { return ContentRoot(url: folder) }
        let parent = folder.deletingLastPathComponent()
        if parent.path == folder.path { break }
        folder = parent
      }
      searched.append(start.path + " and above")
    }
    throw CurriculumError.contentNotFound(searched: searched)
  }

  /// The real path of the running executable: `/proc/self/exe`, else `argv[0]` with symbolic links resolved.
  public static func executablePath() -> String? {
    if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
    guard let first = CommandLine.arguments.first else { return nil }
    var path = first
    if !path.contains("/") {
      let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
      guard
        let found = dirs.map({ "\($0)/\(first)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
      else { return nil }
      path = found
    }
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  static func isContent(_ url: URL) -> Bool {
    var isDir: ObjCBool = false
    let fm = FileManager.default
    return fm.fileExists(atPath: url.appendingPathComponent("lessons").path, isDirectory: &isDir) && isDir.boolValue
      && fm.fileExists(atPath: url.appendingPathComponent("exercises").path, isDirectory: &isDir) && isDir.boolValue
  }

  /// The lesson file of a step: `lessons/NN-slug.md`.
  public func lessonURL(_ step: PathStep) -> URL {
    lessonsDirectory.appendingPathComponent(step.folderName + ".md")
  }

  /// The exercise folder of a step: `exercises/NN-slug/`.
  public func exerciseURL(_ step: PathStep) -> URL {
    exercisesDirectory.appendingPathComponent(step.folderName)
  }

  /// Loads a step's lesson, or says that it is not written yet.
  public func lesson(_ step: PathStep) throws -> Lesson {
    let url = lessonURL(step)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw CurriculumError.stepNotWritten(step: step.number, slug: step.slug, path: url.path)
    }
    let lesson = try Lesson.load(from: url)
    try Self.agree(url, step: lesson.step, slug: lesson.slug, with: step)
    // A breaker step's lesson names checks of the catalogue (the capstone's are the simulation's own).
    if (try? exercise(step))?.manifest.kind != .simulation {
      let ids = Catalogue.all.map(\.id)
      for id in lesson.checks where Catalogue.check(id: id) == nil {
        let suggestion = EditDistance.closest(to: id, in: ids).map { "did you mean `\($0)`? " } ?? ""
        throw CurriculumError.malformed(
          file: url.path, line: Self.line(of: "checks", in: url),
          problem: "`checks` names `\(id)`, which is not a check",
          fix: "\(suggestion)name checks of the catalogue (`cblearn conformance --list` shows them)")
      }
    }
    return lesson
  }

  /// Loads a step's exercise, or says that it is not written yet.
  public func exercise(_ step: PathStep) throws -> Exercise {
    let url = exerciseURL(step)
    guard FileManager.default.fileExists(atPath: url.appendingPathComponent("exercise.yaml").path) else {
      throw CurriculumError.stepNotWritten(step: step.number, slug: step.slug, path: url.path)
    }
    let exercise = try Exercise.load(from: url)
    try Self.agree(
      url.appendingPathComponent("exercise.yaml"), step: exercise.manifest.step, slug: exercise.manifest.slug,
      with: step)
    return exercise
  }

  /// The 1-based line of the first `key:` line of a file.
  static func line(of key: String, in file: URL) -> Int? {
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key + ":") }.map {
      $0 + 1
    }
  }

  /// Throws when a file's `step:` or `slug:` disagrees with the folder or file name it was found by.
  static func agree(_ file: URL, step number: Int, slug: String, with step: PathStep) throws {
    func line(_ key: String) -> Int? { Self.line(of: key, in: file) }
    if number != step.number {
      throw CurriculumError.malformed(
        file: file.path, line: line("step"),
        problem: "`step: \(number)` disagrees with its place, \(step.folderName) (step \(step.number))",
        fix: "write `step: \(step.number)`, or move the file to the folder of step \(number)")
    }
    if slug != step.slug {
      throw CurriculumError.malformed(
        file: file.path, line: line("slug"),
        problem: "`slug: \(slug)` disagrees with its place, \(step.folderName) (slug \(step.slug))",
        fix: "write `slug: \(step.slug)`")
    }
  }

  /// Whether a step's exercise exists yet.
  public func hasExercise(_ step: PathStep) -> Bool {
    FileManager.default.fileExists(atPath: exerciseURL(step).appendingPathComponent("exercise.yaml").path)
  }
}
