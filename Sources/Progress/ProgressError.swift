/// Why the workspace or its progress could not be read or written; every message says what to do next.
public enum ProgressError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The progress file could not be read as progress; it was moved to `backup`.
  case corrupt(file: String, backup: String, reason: String)
  /// The progress file was written by a newer cblearn; it was moved to `backup`.
  case newerVersion(file: String, backup: String, version: Int)
  /// No workspace here.
  case noWorkspace(searched: String)
  /// A file of the workspace could not be written.
  case writeFailed(path: String, reason: String)
  /// The step has no starter for the track.
  case noStarter(step: Int, track: String)
  /// The step is locked.
  case locked(step: Int, waitingFor: [Int])

  public var description: String {
    switch self {
    case .corrupt(let file, let backup, let reason):
      return "\(file) could not be read (\(reason)); it was kept as \(backup) and progress starts afresh. "
        + "Your code in steps/ is untouched; to restore progress, fix the backup and move it back to \(file)"
    case .newerVersion(let file, let backup, let version):
      return "\(file) was written by a newer cblearn (progress version \(version)); it was kept as \(backup) "
        + "and progress starts afresh. Upgrade cblearn and move the backup back to \(file) to resume"
    case .noWorkspace(let searched):
      return "no cblearn workspace in \(searched); run `cblearn start` to create one, or pass --workspace DIR"
    case .writeFailed(let path, let reason):
      return "could not write \(path) (\(reason)); check the folder's permissions and free space"
    case .noStarter(let step, let track):
      return "step \(step) has no \(track) starter; switch track with `track swift` or `track python`"
    case .locked(let step, let waitingFor):
      let list = waitingFor.map(String.init).joined(separator: ", ")
      return "step \(step) is locked until step\(waitingFor.count == 1 ? "" : "s") \(list) "
        + "\(waitingFor.count == 1 ? "is" : "are") done; finish \(waitingFor.count == 1 ? "it" : "them") "
        + "or run `unlock-all`"
    }
  }
}
