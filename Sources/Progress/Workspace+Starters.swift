import Curriculum
import Foundation

extension Workspace {
  /// Copies the starters of every step on the learner's track that are missing, and the steps' shared
  /// starters (step 10's `breakers.yaml`, in the step's folder); never overwrites an edited file. The other
  /// track's starters are copied only when the learner switches to it (call this again after a switch); its
  /// files already in the workspace are kept up to date like the track's own.
  ///
  /// A pristine file whose starter changed is replaced; an edited one is kept, the new starter is written
  /// beside it as `NAME.starter`, and a notice says so (once per starter version). Nothing is ever deleted.
  public func syncStarters() throws -> [String] {
    var manifest = StarterManifest.load(from: starterManifestURL)
    let before = manifest
    var notices: [String] = []
    for step in path.steps where content.hasExercise(step) {
      guard let exercise = try? content.exercise(step) else { continue }
      for track in Track.allCases {
        guard let source = exercise.starterURL(track), let relative = exercise.manifest.starters[track],
          let data = FileManager.default.contents(atPath: source.path)
        else { continue }
        let target = stepDirectory(step).appendingPathComponent(relative)
        if track != progress.track, !FileManager.default.fileExists(atPath: target.path) { continue }
        if let notice = try sync(data, to: target, manifest: &manifest) { notices.append(notice) }
      }
      for source in exercise.sharedStarterURLs {
        guard let data = FileManager.default.contents(atPath: source.path) else { continue }
        let target = stepDirectory(step).appendingPathComponent(source.lastPathComponent)
        if let notice = try sync(data, to: target, manifest: &manifest) { notices.append(notice) }
      }
    }
    if manifest != before { try manifest.save(to: starterManifestURL) }
    return notices
  }

  private func sync(_ starter: Data, to target: URL, manifest: inout StarterManifest) throws -> String? {
    let key = relativePath(target)
    let fresh = SHA256.hex(starter)
    guard let current = FileManager.default.contents(atPath: target.path) else {
      try AtomicFile.write(starter, to: target)
      manifest.files[key] = .init(sha256: fresh)
      return nil
    }
    let mine = SHA256.hex(current)
    let recorded = manifest.files[key]
    if mine == fresh {
      manifest.files[key] = .init(sha256: fresh)
      return nil
    }
    if let recorded, recorded.sha256 == mine {
      try AtomicFile.write(starter, to: target)
      manifest.files[key] = .init(sha256: fresh)
      return "updated the starter \(key) (you had not edited it)"
    }
    if recorded?.sha256 == fresh || recorded?.pending == fresh { return nil }
    let beside = target.appendingPathExtension("starter")
    try AtomicFile.write(starter, to: beside)
    manifest.files[key] = .init(sha256: recorded?.sha256 ?? "", pending: fresh)
    return "the starter of \(key) changed; your edited file was kept and the new starter is at \(relativePath(beside))"
  }

  /// Whether the learner changed a step's file since it was copied.
  public func isEdited(_ file: URL) -> Bool {
    guard let data = FileManager.default.contents(atPath: file.path) else { return false }
    let manifest = StarterManifest.load(from: starterManifestURL)
    return manifest.files[relativePath(file)]?.sha256 != SHA256.hex(data)
  }

  /// A step's starters on a track, each with the workspace file it becomes: the breaker file of the track,
  /// then the shared ones (step 10's `breakers.yaml`). Throws when the step has no starter on the track.
  public func starters(of step: PathStep, track: Track) throws -> [(source: URL, target: URL)] {
    guard let exercise = try? content.exercise(step), let source = exercise.starterURL(track),
      let relative = exercise.manifest.starters[track]
    else { throw ProgressError.noStarter(step: step.number, track: track.rawValue) }
    return [(source, stepDirectory(step).appendingPathComponent(relative))]
      + exercise.sharedStarterURLs.map { ($0, stepDirectory(step).appendingPathComponent($0.lastPathComponent)) }
  }

  /// Restores a step's starters on a track (its breaker file, and shared ones such as step 10's
  /// `breakers.yaml`), first copying each file the learner has to a timestamped backup.
  ///
  /// Returns the restored files and the backups made (none for a file that was missing).
  @discardableResult
  public func reset(_ step: PathStep, track: Track? = nil) throws -> (restored: [URL], backups: [URL]) {
    let track = track ?? progress.track
    let files = try starters(of: step, track: track)
    let stamp = now().ISO8601Format().replacingOccurrences(of: ":", with: "")
    var manifest = StarterManifest.load(from: starterManifestURL)
    var restored: [URL] = []
    var backups: [URL] = []
    for (source, target) in files {
      guard let starter = FileManager.default.contents(atPath: source.path) else {
        throw ProgressError.noStarter(step: step.number, track: track.rawValue)
      }
      if let current = FileManager.default.contents(atPath: target.path), current != starter {
        let url = backupsDirectory.appendingPathComponent(step.folderName).appendingPathComponent(
          "\(stamp)-\(track.rawValue)-\(target.lastPathComponent)")
        try AtomicFile.write(current, to: url)
        backups.append(url)
      }
      try AtomicFile.write(starter, to: target)
      manifest.files[relativePath(target)] = .init(sha256: SHA256.hex(starter))
      restored.append(target)
    }
    try manifest.save(to: starterManifestURL)
    return (restored, backups)
  }
}
