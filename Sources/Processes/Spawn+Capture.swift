#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a child run to completion printed and how it ended.
public struct Captured: Sendable {
  /// How the child ended (after the kill, when it ran out of time).
  public var termination: Termination
  /// Its standard output and standard error (unless the spawn named a descriptor for it), interleaved as
  /// written, up to the cap.
  public var output: [UInt8]
  /// Whether the deadline passed and the child's group was killed.
  public var timedOut: Bool

  /// The output as text (invalid UTF-8 repaired).
  public var text: String { String(decoding: output, as: UTF8.self) }
}

extension Spawn {
  /// Runs the child to completion in a group of its own, with standard input from `/dev/null` and standard
  /// output and error on one pipe, killing the whole group after `timeout` seconds. A `standardInput` or
  /// `standardError` the spawn names is kept (input from a file, errors apart from the output).
  ///
  /// Output beyond `maxOutput` bytes is read and dropped, so a child that prints without end cannot fill
  /// memory or block on a full pipe. `started` gets the child's pid (its group's id) before an interrupt can
  /// be handled, and `finished` the same pid once it has been reaped (a registry of groups to kill on Ctrl-C).
  public func capture(
    timeout: Double, maxOutput: Int = 4 << 20, started: ((pid_t) -> Void)? = nil, finished: ((pid_t) -> Void)? = nil
  ) throws(SpawnError) -> Captured {
    let made = try Spawn.pipe()
    let fds = [made.read, made.write]
    let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { if null >= 0 { close(null) } }
    var spawn = self
    spawn.group = .own
    spawn.standardInput = standardInput ?? (null >= 0 ? null : nil)
    spawn.standardOutput = fds[1]
    spawn.standardError = standardError ?? fds[1]
    let child: SpawnedProcess
    do {
      child = try spawn.start(registering: { started?($0) })
    } catch {
      close(fds[0])
      close(fds[1])
      throw error
    }
    close(fds[1])
    defer { finished?(child.pid) }
    let deadline = Spawn.monotonic() + timeout
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    var timedOut = false
    while true {
      let remaining = deadline - Spawn.monotonic()
      if remaining <= 0 {
        timedOut = true
        child.send(SIGKILL)
        break
      }
      var entry = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
      let ready = poll(&entry, 1, Int32(min(remaining * 1000 + 1, 1_000)))
      if ready < 0, errno == EINTR { continue }
      if ready <= 0 { continue }
      let n = chunk.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      if output.count < maxOutput { output += chunk[0..<min(n, maxOutput - output.count)] }
    }
    close(fds[0])
    let termination = child.wait()
    // Anything the child left running in its group goes with it.
    kill(-child.pid, SIGKILL)
    return Captured(termination: termination, output: output, timedOut: timedOut)
  }

  /// Seconds on the monotonic clock.
  static func monotonic() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
