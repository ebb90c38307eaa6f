import Foundation

/// Keeps the last bytes written by a child on one stream, and how many were dropped before them.
final class OutputTail: @unchecked Sendable {
  private let lock = NSLock()
  private var bytes: [UInt8] = []
  private let capacity: Int
  private(set) var dropped = 0
  /// Set when the child exceeded `SubjectLimits.maxOutputBytes` and was stopped.
  var capped: Bool {
    get { lock.withLock { cappedFlag } }
    set { lock.withLock { cappedFlag = newValue } }
  }
  private var cappedFlag = false

  init(capacity: Int) { self.capacity = capacity }

  func append(_ chunk: UnsafeRawBufferPointer) {
    lock.withLock {
      bytes.append(contentsOf: chunk)
      if bytes.count > capacity {
        let excess = bytes.count - capacity
        dropped += excess
        bytes.removeFirst(excess)
      }
    }
  }

  /// The kept text, at most `limit` bytes from its end, with a note when earlier output was cut.
  func text(limit: Int = 4096) -> String {
    lock.withLock {
      let slice = bytes.suffix(limit)
      var text = String(decoding: slice, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      let cut = dropped + (bytes.count - slice.count)
      if cut > 0 { text = "[… \(cut) earlier bytes of standard error not shown]\n" + text }
      if cappedFlag {
        text += "\n[output limit: the subject wrote more than the cap on standard error and was stopped]"
      }
      return text
    }
  }
}
