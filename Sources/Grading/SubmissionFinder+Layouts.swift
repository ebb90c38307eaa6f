import Curriculum
import Foundation

extension SubmissionFinder {
  /// A step folder with `python/` and `swift/` subfolders: the track of `progress.json`, else the one track
  /// whose file differs from the starter.
  func workspaceSource(_ stepFolder: URL, student: URL, step: PathStep) -> Submission.Source {
    var candidates: [(track: Track, url: URL)] = []
    let exercise = try? content.exercise(step)
    for track in Track.allCases {
      let folder = stepFolder.appendingPathComponent(track.rawValue)
      let files = Self.entries(folder).map { folder.appendingPathComponent($0) }.filter(Self.isSolution)
      let starterName = exercise?.manifest.starters[track].map { URL(fileURLWithPath: $0).lastPathComponent }
      if let preferred = files.first(where: { $0.lastPathComponent == starterName })
        ?? (files.count == 1 ? files.first : nil)
      {
        candidates.append((track, preferred))
      }
    }
    if candidates.isEmpty { return .missing("no solution file in steps/\(step.folderName)/python/ or swift/") }
    if candidates.count == 1 { return .file(candidates[0].url) }
    if let track = Self.progressTrack(student), let chosen = candidates.first(where: { $0.track == track }) {
      return .file(chosen.url)
    }
    let edited = candidates.filter { !isStarter($0.url, step: step, track: $0.track) }
    if edited.count == 1 { return .file(edited[0].url) }
    // Both starters untouched: grade one, which the starter check then scores 0 as "starter unchanged".
    if edited.isEmpty { return .file(candidates[0].url) }
    let list = candidates.map { "\($0.track.rawValue)/\($0.url.lastPathComponent)" }.joined(separator: " and ")
    return .ambiguous(
      "both \(list) were edited and progress.json names no track: delete the one that is not the solution")
  }

  /// Whether a file is byte for byte the step's starter of its track.
  func isStarter(_ file: URL, step: PathStep, track: Track) -> Bool {
    guard let starter = (try? content.exercise(step))?.starterURL(track),
      let mine = FileManager.default.contents(atPath: file.path)
    else { return false }
    return FileManager.default.contents(atPath: starter.path) == mine
  }

  /// The `track` of a workspace's `progress.json`.
  static func progressTrack(_ workspace: URL) -> Track? {
    guard let data = FileManager.default.contents(atPath: workspace.appendingPathComponent("progress.json").path),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let name = object["track"] as? String
    else { return nil }
    return Track(rawValue: name)
  }

  /// Whether an entry's name names a step: `3`, `03`, `step3`, `step-03`, `basic-breaker`, `03-basic-breaker`
  /// (with or without an extension).
  static func names(_ step: PathStep, _ entry: String) -> Bool {
    var stem = entry.lowercased()
    for suffix in [".py", ".swift"] where stem.hasSuffix(suffix) { stem.removeLast(suffix.count) }
    let number = String(step.number)
    let padded = step.number < 10 ? "0" + number : number
    var forms: Set<String> = [number, padded, step.slug, step.folderName, "\(step.number)-\(step.slug)"]
    for prefix in ["step", "step-", "step_"] {
      forms.insert(prefix + number)
      forms.insert(prefix + padded)
    }
    return forms.contains(stem)
  }

  /// Visible entries of a folder, sorted; empty when it is not a folder.
  static func entries(_ folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".") && $0 != "__pycache__" && $0 != "__MACOSX" }.sorted()
  }

  /// A test or build file a student may keep beside the solution (`test_breaker.py`, `breaker_test.py`,
  /// `conftest.py`, `setup.py`, `Package.swift`, `BreakerTests.swift`): never the solution.
  static func isTestFile(_ name: String) -> Bool {
    let lower = name.lowercased()
    let stem = URL(fileURLWithPath: lower).deletingPathExtension().lastPathComponent
    return lower.hasPrefix("test_") || stem.hasSuffix("_test") || stem.hasSuffix("tests")
      || ["conftest.py", "setup.py", "package.swift"].contains(lower)
  }

  static func isDirectory(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// A `.py` or `.swift` regular file.
  static func isSolution(_ url: URL) -> Bool {
    ["py", "swift"].contains(url.pathExtension.lowercased()) && FileManager.default.fileExists(atPath: url.path)
      && !isDirectory(url)
  }

  static func isExecutable(_ url: URL) -> Bool {
    !isDirectory(url) && FileManager.default.isExecutableFile(atPath: url.path)
  }
}
