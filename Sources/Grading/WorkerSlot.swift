import Foundation

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

  /// Whether `stop()` was called for the current submission.
  var stopped: Bool { FileManager.default.fileExists(atPath: stopFile.path) }
}
