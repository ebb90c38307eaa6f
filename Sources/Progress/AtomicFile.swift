import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that readers see either the old content or the new one, never half of it.
public enum AtomicFile {
  /// Writes `data` to a temporary file in the same folder, flushes it to disk and renames it over `url`.
  public static func write(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure(url, "cannot create \(temp.lastPathComponent)") }
    var written = 0
    let ok = data.withUnsafeBytes { buffer -> Bool in
      guard let base = buffer.baseAddress else { return true }
      while written < buffer.count {
        let n = systemWrite(fd, base + written, buffer.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        written += n
      }
      return true
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard ok, synced else {
      unlink(temp.path)
      throw failure(url, "the disk refused the write")
    }
    guard rename(temp.path, url.path) == 0 else {
      unlink(temp.path)
      throw failure(url, "cannot rename the temporary file")
    }
  }

  private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(fd, pointer, count)
    #else
      Darwin.write(fd, pointer, count)
    #endif
  }

  private static func failure(_ url: URL, _ reason: String) -> ProgressError {
    .writeFailed(path: url.path, reason: "\(reason): \(String(cString: strerror(errno)))")
  }
}
