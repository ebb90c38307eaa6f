import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One worker's private resources: a temporary folder emptied before each submission and a stop file that
/// refuses further launches of the current submission.
public struct WorkerSlot: Sendable {
  public let index: Int
  public let folder: URL

  public var temporary: URL { folder.appendingPathComponent("tmp") }
  public var stopFile: URL { folder.appendingPathComponent("stop") }

  init(index: Int, work: URL) {
    self.index = index
    folder = work.appendingPathComponent("worker-\(index)")
  }

  /// Empties the temporary folder and removes the stop file, before a submission.
  func reset() throws {
    let fm = FileManager.default
    try? fm.removeItem(at: temporary)
    try? fm.removeItem(at: stopFile)
    do {
      try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
    } catch {
      throw GradingError.cannotWrite(path: temporary.path, reason: error.localizedDescription)
    }
  }

  /// Refuses any further launch of the current submission.
  func stop() { _ = FileManager.default.createFile(atPath: stopFile.path, contents: Data()) }

  /// Refuses further launches and kills the running subject: every process whose command line names this
  /// slot's folder (the wrapper's `timeout` and `env`, bwrap), whose death takes the subject with it through
  /// the parent-death signal and the PID namespace.
  func kill() {
    stop()
    let needle = Array(folder.path.utf8)
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let pid = pid_t(name), pid != getpid(),
        let line = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"),
        line.count >= needle.count, Array(line).firstRange(of: needle) != nil
      else { continue }
      Glibc.kill(pid, SIGKILL)
    }
  }

  /// Whether `stop()` was called for the current submission.
  var stopped: Bool { FileManager.default.fileExists(atPath: stopFile.path) }
}
