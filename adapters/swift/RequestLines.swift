// cblearn's Swift adapter: the driver's request lines, read without sleeping for a moment first.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads request lines from standard input; after each line it polls for up to `spin` seconds before it
/// sleeps in poll(2): a simulation's next batch usually follows within that, and waking from a sleep
/// costs more than the wait (docs/benchmarks.md). sched_yield lets any other runnable process go first.
/// Raw memory and memchr: a line is found and copied once.
final class RequestLines {
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity = 1 << 16
  /// Bytes `start..<end` of `buffer` are read and not yet returned.
  private var start = 0
  private var end = 0
  private let spin: Double

  init(spin: Double = 0.0005) {
    self.spin = spin
    buffer = .allocate(capacity: capacity)
    // Typed by hand at a terminal: read blocking, and never leave the terminal non-blocking for the shell.
    if isatty(0) == 0 { _ = fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK) }
  }

  deinit { buffer.deallocate() }

  /// The next line without its newline, or nil at the end of the input.
  func next() -> String? {
    while true {
      if start < end, let found = memchr(buffer + start, 0x0A, end - start) {
        let newline = UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - buffer
        let line = String(decoding: UnsafeBufferPointer(start: buffer + start, count: newline - start), as: UTF8.self)
        start = newline + 1
        return line
      }
      guard fill() else {
        guard start < end else { return nil }
        let line = String(decoding: UnsafeBufferPointer(start: buffer + start, count: end - start), as: UTF8.self)
        start = end
        return line
      }
    }
  }

  /// Reads what is available after the unreturned bytes; false at the end of the input.
  private func fill() -> Bool {
    if start > 0 {
      if end > start { memmove(buffer, buffer + start, end - start) }
      end -= start
      start = 0
    }
    if end == capacity {
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
      grown.update(from: buffer, count: end)
      buffer.deallocate()
      buffer = grown
      capacity *= 2
    }
    let until = monotonicSeconds() + spin
    while true {
      let count = read(0, buffer + end, capacity - end)
      if count > 0 {
        end += count
        return true
      }
      if count == 0 { return false }
      if errno == EINTR { continue }
      guard errno == EAGAIN || errno == EWOULDBLOCK else { return false }
      if monotonicSeconds() < until {
        sched_yield()
      } else {
        var ready = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        _ = poll(&ready, 1, -1)
      }
    }
  }

  private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
