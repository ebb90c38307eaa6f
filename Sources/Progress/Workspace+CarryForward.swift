import Curriculum
import Foundation

extension Workspace {
  /// Copies the learner's file of `from` over their file of `to` (same track), keeping the replaced file in
  /// `.cblearn/backups`, so a learner starts a step from their own breaker instead of the starter.
  ///
  /// Returns the copied-over file and the backup (if a file was replaced). The starter manifest is left as
  /// it was, so the copied file counts as edited and a later starter update never overwrites it.
  public func carryForward(from: PathStep, to: PathStep) throws -> (file: URL, backup: URL?) {
    guard let source = learnerFile(from), let data = FileManager.default.contents(atPath: source.path) else {
      throw ProgressError.noStarter(step: from.number, track: progress.track.rawValue)
    }
    guard let target = learnerFile(to) else {
      throw ProgressError.noStarter(step: to.number, track: progress.track.rawValue)
    }
    var backup: URL?
    if let current = FileManager.default.contents(atPath: target.path) {
      let stamp = now().ISO8601Format().replacingOccurrences(of: ":", with: "")
      let url = backupsDirectory.appendingPathComponent(to.folderName).appendingPathComponent(
        "\(stamp)-\(progress.track.rawValue)-\(target.lastPathComponent)")
      try AtomicFile.write(current, to: url)
      backup = url
    }
    try AtomicFile.write(data, to: target)
    return (target, backup)
  }
}
