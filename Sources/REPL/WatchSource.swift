import Foundation

/// What `watch` waits for next: the learner ending it, a change of the watched file, or a quiet interval.
public enum WatchEvent: Sendable, Equatable {
  /// Enter, end of input or Ctrl-C: stop watching.
  case stop
  /// The file's size or modification time changed since the last event: check it again.
  case changed
  /// Nothing happened within one polling interval.
  case idle
}

/// Where `watch` gets its events: the terminal and the file system here, a script in tests (no test sleeps).
public protocol WatchSource {
  /// Blocks for at most one interval and says what happened.
  mutating func next() -> WatchEvent
}

/// The learner's terminal and the watched file, polled every `interval` seconds.
public struct FileWatchSource: WatchSource {
  let file: URL
  let reader: any LineReader
  let interval: Double
  /// `InterruptMonitor.count` when the watch began: a Ctrl-C since then stops it.
  let interrupts: Int32
  private var last: String

  public init(file: URL, reader: any LineReader, interval: Double = 0.5) {
    self.file = file
    self.reader = reader
    self.interval = interval
    self.interrupts = InterruptMonitor.count
    self.last = FileWatchSource.stamp(file)
  }

  public mutating func next() -> WatchEvent {
    if InterruptMonitor.count != interrupts { return .stop }
    if reader.pollLine(timeout: interval) != nil { return .stop }
    let now = FileWatchSource.stamp(file)
    guard now != last else { return .idle }
    last = now
    return .changed
  }

  /// The file's modification time and size: what an editor's save changes.
  static func stamp(_ file: URL) -> String {
    let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
    let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return "\(date)-\(attributes?[.size] as? Int ?? -1)"
  }
}
