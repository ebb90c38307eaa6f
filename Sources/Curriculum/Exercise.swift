import Foundation

/// An exercise folder (`exercises/NN-slug/`) and its manifest.
public struct Exercise: Sendable {
  public var directory: URL
  public var manifest: ExerciseManifest

  /// Loads the manifest of an exercise folder.
  public static func load(from directory: URL) throws -> Exercise {
    let manifest = try ExerciseManifest.load(from: directory.appendingPathComponent("exercise.yaml"))
    return Exercise(directory: directory, manifest: manifest)
  }

  public var step: Int { manifest.step }

  /// The task (`README.md`).
  public var readmeURL: URL { directory.appendingPathComponent("README.md") }
  /// The hint ladder (`hints.md`).
  public var hintsURL: URL { directory.appendingPathComponent("hints.md") }
  /// The prediction quiz (`quiz.yaml`), for quiz exercises.
  public var quizURL: URL { directory.appendingPathComponent("quiz.yaml") }

  /// The starter file of a track, if the exercise has one.
  public func starterURL(_ track: Track) -> URL? {
    manifest.starters[track].map { directory.appendingPathComponent($0) }
  }

  /// The track-independent starter files (`shared_starters`), such as step 10's `breakers.yaml`.
  public var sharedStarterURLs: [URL] { manifest.sharedStarters.map { directory.appendingPathComponent($0) } }

  /// The reference solution of a track, if the exercise has one.
  public func solutionURL(_ track: Track) -> URL? {
    manifest.solutions[track].map { directory.appendingPathComponent($0) }
  }

  /// The task's text.
  public func readme() throws -> String {
    try ContentFile.read(readmeURL, what: "the task (README.md)")
  }

  /// The task as a learner on `track` reads it (`nil`: both tracks; `TrackText`).
  public func readme(for track: Track?) throws -> String {
    TrackText.filter(try readme(), for: track)
  }

  /// The hint ladder.
  public func hints() throws -> Hints { try Hints.load(from: hintsURL) }

  /// The hint ladder as a learner on `track` reads it (`nil`: both tracks; `TrackText`).
  public func hints(for track: Track?) throws -> Hints {
    let text = try ContentFile.read(hintsURL, what: "the hints file")
    return try Hints.parse(TrackText.filter(text, for: track), file: hintsURL.path)
  }

  /// The quiz.
  public func quiz() throws -> Quiz { try Quiz.load(from: quizURL) }

  /// Checks that every file the manifest names exists, and that the folder agrees with the manifest.
  public func validate() throws {
    let name = directory.lastPathComponent
    if let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]) {
      let slug = String(name[name.index(after: dash)...])
      if number != manifest.step || slug != manifest.slug {
        throw CurriculumError.malformed(
          file: manifest.file, line: 1,
          problem: "`step: \(manifest.step)` and `slug: \(manifest.slug)` disagree with the folder name \(name)",
          fix: "make the manifest say `step: \(number)` and `slug: \(slug)`, or rename the folder")
      }
    }
    for (key, files) in [("starters", manifest.starters), ("solutions", manifest.solutions)] {
      for (track, path) in files.sorted(by: { $0.key.rawValue < $1.key.rawValue })
      where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path) {
        throw CurriculumError.malformed(
          file: manifest.file, line: nil, problem: "`\(key)` names \(path) for \(track), which does not exist",
          fix: "add the file or fix the path")
      }
    }
    for name in manifest.sharedStarters
    where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
      throw CurriculumError.malformed(
        file: manifest.file, line: nil, problem: "`shared_starters` names \(name), which does not exist",
        fix: "add the file or fix the name")
    }
  }
}
