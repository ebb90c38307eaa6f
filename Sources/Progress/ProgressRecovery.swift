import Curriculum
import Foundation

/// Fresh progress after `progress.json` was kept aside as unreadable or too new: the track is recovered from
/// the kept file when it still names one, else from the files the learner edited, and every step is open so
/// that `submit N` re-earns a done step in one command.
struct ProgressRecovery {
  let progress: LearnerProgress
  /// One paragraph for the learner: what was recovered and how to get the steps back.
  let notice: String

  init(root: URL, content: ContentRoot, path: LearningPath, problem: ProgressError) {
    var backup: String?
    switch problem {
    case .corrupt(_, let kept, _), .newerVersion(_, let kept, _): backup = kept
    default: break
    }
    let track: Track
    let source: String
    if let backup, let named = Self.namedTrack(in: URL(fileURLWithPath: backup)) {
      track = named
      source = "named in the kept file"
    } else if let edited = Self.editedTrack(root: root, content: content, path: path) {
      track = edited.track
      source = "the track of the file you edited last, \(edited.file)"
    } else {
      track = .swift
      source = "no edited file was found, so the default"
    }
    progress = LearnerProgress(track: track, unlockAll: true, stepCount: path.count)
    notice =
      "Progress starts again on the \(track.displayName) track (\(source)), with every step open; your code "
      + "in steps/ is untouched. Run `submit N` to re-earn each step you had done, and `track swift` or "
      + "`track python` to switch."
  }

  /// The track a damaged file still names (`"track": "python"`), if any.
  static func namedTrack(in file: URL) -> Track? {
    guard let data = FileManager.default.contents(atPath: file.path), data.count < 1 << 20 else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    guard let key = text.range(of: "\"track\"") else { return nil }
    let rest = text[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    for track in Track.allCases where rest.hasPrefix("\"\(track.rawValue)\"") { return track }
    return nil
  }

  /// The track of the learner file edited last (different from the starter it was copied from).
  static func editedTrack(root: URL, content: ContentRoot, path: LearningPath) -> (track: Track, file: String)? {
    let manifest = StarterManifest.load(from: root.appendingPathComponent(".cblearn/starters.json"))
    var best: (date: Date, track: Track, file: String)?
    for step in path.steps where content.hasExercise(step) {
      guard let exercise = try? content.exercise(step) else { continue }
      for track in Track.allCases {
        guard let relative = exercise.manifest.starters[track] else { continue }
        let key = "steps/\(step.folderName)/\(relative)"
        let file = root.appendingPathComponent(key)
        guard let data = FileManager.default.contents(atPath: file.path),
          manifest.files[key]?.sha256 != SHA256.hex(data),
          exercise.starterURL(track).flatMap({ FileManager.default.contents(atPath: $0.path) }) != data
        else { continue }
        let date =
          (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? .distantPast
        if best.map({ date > $0.date }) ?? true { best = (date, track, key) }
      }
    }
    return best.map { ($0.track, $0.file) }
  }
}
