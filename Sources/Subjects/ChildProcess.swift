import Foundation
import Processes

#if canImport(Glibc)
  import Glibc
#endif

/// A child process in its own process group, with a line-oriented protocol pipe and a kept stderr tail.
///
/// Started by `Processes.Spawn` rather than Foundation's `Process` or swift-subprocess because the driver needs
/// synchronous reads with deadlines (poll), a process group to kill everything the subject forked, and
/// resource limits applied before the subject's first instruction (through `/bin/sh -c 'ulimit …; exec'`).
final class ChildProcess: @unchecked Sendable {
  let pid: pid_t
  private let input: Int32
  private let output: Int32
  let stderrTail: OutputTail
  private var buffer: [UInt8] = []
  private var reaped: Int32?
  private let maxLine: Int

  /// Starts `arguments[0]` with the rest as its arguments, under `limits`.
  init(
    arguments: [String], environment: [String: String] = [:], directory: String? = nil, limits: SubjectLimits
  ) throws(SubjectsError) {
    let toChild: (read: Int32, write: Int32)
    let fromChild: (read: Int32, write: Int32)
    let errors: (read: Int32, write: Int32)
    do {
      toChild = try Spawn.pipe()
      fromChild = try Spawn.pipe()
      errors = try Spawn.pipe()
    } catch {
      throw .spawnFailed(arguments.first ?? "", error.description)
    }
    let script =
      (directory.map { "cd '\($0.replacingOccurrences(of: "'", with: "'\\''"))' || exit 126; " } ?? "")
      + "ulimit -t \(limits.cpuSeconds) 2>/dev/null; ulimit -v \(limits.memoryMiB * 1024) 2>/dev/null; "
      + "{ ulimit -u \(limits.maxProcesses) || ulimit -p \(limits.maxProcesses); } 2>/dev/null; "
      + "ulimit -c 0 2>/dev/null; exec \"$@\""
    // `limits.wrapper` (a sandbox or a deadline, see SubjectLimits) runs inside the limits, before the subject.
    // The parent-death signal: if cblearn dies, even by kill -9, the subject's first process is killed.
    let argv =
      SubjectLimits.parentDeathPrefix + ["/bin/sh", "-c", script, "cblearn-subject"] + limits.wrapper + arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    // A group of its own, so that everything the subject forks is killed with it.
    var spawn = Spawn(argv, group: .own, environment: env)
    spawn.standardInput = toChild.read
    spawn.standardOutput = fromChild.write
    spawn.standardError = errors.write
    // Registered before an interrupt can be handled, so cblearn's Ctrl-C always finds it (SubjectGroups).
    let started = Result { () throws(SpawnError) in try spawn.start(registering: SubjectGroups.register) }
    close(toChild.read)
    close(fromChild.write)
    close(errors.write)
    let child: pid_t
    switch started {
    case .success(let process): child = process.pid
    case .failure(let error):
      close(toChild.write)
      close(fromChild.read)
      close(errors.read)
      throw .spawnFailed(arguments.first ?? "", error.description)
    }
    pid = child
    input = toChild.write
    output = fromChild.read
    maxLine = limits.maxLineBytes
    stderrTail = OutputTail(capacity: limits.stderrTailBytes)
    let tail = stderrTail
    let errorFD = errors.read
    let group = child
    let outputCap = limits.maxOutputBytes
    let drain = Thread {
      var chunk = [UInt8](repeating: 0, count: 16 << 10)
      var total = 0
      while true {
        let n = chunk.withUnsafeMutableBytes { read(errorFD, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        if n <= 0 { break }
        chunk.withUnsafeBytes { tail.append(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        total += n
        if let outputCap, total > outputCap, !tail.capped {
          // The output cap: stop the whole group; the tail's text reports the truncation.
          tail.capped = true
          kill(-group, SIGKILL)
        }
      }
      close(errorFD)
    }
    drain.start()
  }

  deinit {
    terminate()
    close(input)
    close(output)
  }

  /// Writes one line; false when the child no longer reads.
  func write(line: String) -> Bool {
    var bytes = Array(line.utf8)
    bytes.append(0x0A)
    return write(bytes: bytes)
  }

  /// Writes `bytes` (a whole line with its newline) to the child's standard input.
  func write(bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }

  /// Reads one line within `timeout` seconds, polling without sleeping for the first `spin` seconds.
  ///
  /// Spinning pays when the reply is due within a fraction of a millisecond: waking from a sleep in
  /// `poll` costs more than that on a virtual machine (the simulator's batches, docs/benchmarks.md).
  /// `sched_yield` between polls lets any other runnable process on this core go first.
  func readLine(timeout: Double, spin: Double = 0) -> LineRead {
    let deadline = Date().addingTimeInterval(timeout)
    var spinUntil = spin > 0 ? ChildProcess.monotonic() + spin : 0
    var scanned = 0
    while true {
      if let newline = newlineIndex(from: scanned) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return .line(line)
      }
      scanned = buffer.count
      if buffer.count > maxLine { return .tooLong(buffer.count) }
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { return .timeout }
      var fd = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      var ready: Int32 = 0
      while spinUntil > 0 {
        ready = poll(&fd, 1, 0)
        if ready != 0 { break }
        if ChildProcess.monotonic() >= spinUntil { spinUntil = 0 } else { sched_yield() }
      }
      if ready == 0 { ready = poll(&fd, 1, Int32(min(remaining * 1000 + 1, 60_000))) }
      if ready < 0, errno == EINTR { continue }
      if ready <= 0 { continue }
      let n = ChildProcess.readChunk(output, into: &buffer)
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return .endOfFile }
    }
  }

  private static let chunk = 64 << 10

  /// Seconds on the monotonic clock.
  private static func monotonic() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// Appends what one read(2) of `fd` returns to `buffer`; returns what read(2) returned.
  private static func readChunk(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 1)
    defer { scratch.deallocate() }
    let n = read(fd, scratch, chunk)
    if n > 0 { buffer.append(contentsOf: UnsafeRawBufferPointer(start: scratch, count: n)) }
    return n
  }

  /// The index of the first newline at or after `start`, found with memchr (fast even in debug builds).
  private func newlineIndex(from start: Int) -> Int? {
    guard start < buffer.count else { return nil }
    return buffer.withUnsafeBytes { raw -> Int? in
      guard let found = memchr(raw.baseAddress! + start, 0x0A, raw.count - start) else { return nil }
      return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
    }
  }

  /// Kills the whole process group and reaps the child; returns how it ended.
  @discardableResult
  func terminate() -> String {
    if reaped == nil {
      kill(-pid, SIGKILL)
      kill(pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0, errno == EINTR {}
      reaped = status
      SubjectGroups.unregister(pid)
    }
    return ChildProcess.describe(reaped ?? 0)
  }

  /// Waits up to `timeout` seconds for the child to exit by itself; returns how it ended, or nil.
  func exitStatus(within timeout: Double) -> String? {
    if let reaped { return ChildProcess.describe(reaped) }
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        reaped = status
        kill(-pid, SIGKILL)
        SubjectGroups.unregister(pid)
        return ChildProcess.describe(status)
      }
      usleep(5_000)
    } while Date() < deadline
    return nil
  }

  /// `exit code 3`, `killed by signal 9 (CPU time limit?)`.
  static func describe(_ status: Int32) -> String {
    let signal = status & 0x7f
    if signal == 0 { return "exit code \((status >> 8) & 0xff)" }
    let name =
      switch signal {
      case SIGKILL: "SIGKILL"
      case SIGSEGV: "SIGSEGV, a crash"
      case SIGABRT: "SIGABRT, a crash or a failed precondition"
      case SIGILL: "SIGILL, a Swift runtime trap such as a force-unwrapped nil or an overflow"
      case SIGTRAP: "SIGTRAP, a Swift runtime trap such as a force-unwrapped nil or an overflow"
      case SIGXCPU: "SIGXCPU, the CPU-time limit"
      case SIGBUS: "SIGBUS"
      default: "signal \(signal)"
      }
    return "killed by \(name)"
  }
}

/// The result of reading one protocol line.
enum LineRead: Equatable {
  case line(String)
  case timeout
  case endOfFile
  case tooLong(Int)
}
