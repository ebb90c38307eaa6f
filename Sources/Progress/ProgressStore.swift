import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads and writes `progress.json` atomically; a bad file is moved aside, never silently replaced.
///
/// Changes are read-merge-write under an advisory lock (`.progress.lock` beside the file): each change is
/// applied to what is on disk at that moment, so two sessions on one workspace never lose each other's work.
public struct ProgressStore: Sendable {
  /// The progress file.
  public var url: URL
  /// The clock used to name backups.
  public var now: @Sendable () -> Date

  public init(url: URL, now: @escaping @Sendable () -> Date = { Date() }) {
    self.url = url
    self.now = now
  }

  /// The progress, `nil` when there is none yet.
  ///
  /// A file that cannot be read, or was written by a newer cblearn, is renamed to a timestamped backup and
  /// reported by throwing `ProgressError.corrupt` or `.newerVersion`; the next load then finds no file.
  public func load() throws -> LearnerProgress? {
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    struct Header: Decodable { var version: Int }
    let version: Int
    do {
      version = try JSONDecoder().decode(Header.self, from: data).version
    } catch {
      throw ProgressError.corrupt(file: url.path, backup: try moveAside("corrupt"), reason: Self.reason(error))
    }
    if version > LearnerProgress.currentVersion {
      throw ProgressError.newerVersion(file: url.path, backup: try moveAside("v\(version)"), version: version)
    }
    do {
      return try JSONDecoder().decode(LearnerProgress.self, from: data)
    } catch {
      throw ProgressError.corrupt(file: url.path, backup: try moveAside("corrupt"), reason: Self.reason(error))
    }
  }

  /// Writes the progress to a temporary file beside the real one, flushes it and renames it over.
  public func save(_ progress: LearnerProgress) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data: Data
    do { data = try encoder.encode(progress) } catch {
      throw ProgressError.writeFailed(path: url.path, reason: "\(error)")
    }
    try AtomicFile.write(data + Data("\n".utf8), to: url)
  }

  /// The lock file beside the progress file.
  public var lockURL: URL { url.deletingLastPathComponent().appendingPathComponent(".progress.lock") }

  /// Applies `change` to the progress on disk under the lock (to `fallback` when there is none or it cannot
  /// be read, which is then kept aside and reported in `problem`), writes the result and returns it.
  public func update(
    fallback: LearnerProgress, problem: inout ProgressError?, _ change: (inout LearnerProgress) -> Void
  ) throws -> LearnerProgress {
    try locked {
      var current: LearnerProgress
      do {
        current = try load() ?? fallback
      } catch let error as ProgressError {
        problem = error
        current = fallback
      }
      change(&current)
      try save(current)
      return current
    }
  }

  /// Runs `body` holding the exclusive advisory lock (flock) of the progress file; a reader (`required`
  /// false) of a workspace where the lock file cannot even be created reads without it.
  public func locked<T>(required: Bool = true, _ body: () throws -> T) throws -> T {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    var fd = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    if fd < 0 { fd = open(lockURL.path, O_RDONLY | O_CLOEXEC) }
    guard fd >= 0 else {
      if !required { return try body() }
      throw ProgressError.writeFailed(path: lockURL.path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw ProgressError.writeFailed(path: lockURL.path, reason: "cannot lock: \(String(cString: strerror(errno)))")
      }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }

  private func moveAside(_ label: String) throws -> String {
    let stamp = now().ISO8601Format().replacingOccurrences(of: ":", with: "")
    var backup = url.deletingLastPathComponent().appendingPathComponent("progress.\(label)-\(stamp).json")
    var counter = 1
    while FileManager.default.fileExists(atPath: backup.path) {
      counter += 1
      backup = url.deletingLastPathComponent().appendingPathComponent("progress.\(label)-\(stamp)-\(counter).json")
    }
    do { try FileManager.default.moveItem(at: url, to: backup) } catch {
      throw ProgressError.writeFailed(path: backup.path, reason: "\(error)")
    }
    return backup.path
  }

  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context):
      return "not valid JSON" + (context.codingPath.isEmpty ? "" : " at \(path(context.codingPath))")
    case DecodingError.keyNotFound(let key, let context):
      return "`\(path(context.codingPath + [key]))` is missing"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "`\(path(context.codingPath))` has the wrong type"
    default:
      return "\(error)"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String { keys.map(\.stringValue).joined(separator: ".") }
}
