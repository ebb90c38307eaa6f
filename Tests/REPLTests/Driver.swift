import Foundation
import Processes

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `cblearn` through a pipe or a pseudo-terminal, typing input and reading output with deadlines.
final class Driver {
  private let child: SpawnedProcess
  private let input: Int32
  private let output: Int32
  private var bytes: [UInt8] = []
  private var exitStatus: Int32?
  private var finished = false

  /// The child's process id.
  var pid: pid_t { child.pid }

  /// Everything read so far.
  var transcript: String { String(decoding: bytes, as: UTF8.self) }

  /// The `cblearn` executable beside the test bundle (`swift build` puts both in the same folder).
  static var executable: String? {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("cblearn").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return nil
  }

  private init(child: SpawnedProcess, input: Int32, output: Int32) {
    self.child = child
    self.input = input
    self.output = output
  }

  /// Starts `arguments` in a group of its own, with stdin and stdout+stderr on pipes.
  static func pipe(_ arguments: [String], environment: [String: String]) throws -> Driver {
    // Close-on-exec pipes: children of tests running in parallel must not inherit them (a held write end
    // hides the end of input).
    let toChild = try Spawn.pipe()
    let fromChild = try Spawn.pipe()
    var spawn = Spawn(arguments, group: .own, environment: environment)
    spawn.standardInput = toChild.read
    spawn.standardOutput = fromChild.write
    spawn.standardError = fromChild.write
    defer {
      close(toChild.read)
      close(fromChild.write)
    }
    let child: SpawnedProcess
    do {
      child = try spawn.start()
    } catch {
      close(toChild.write)
      close(fromChild.read)
      throw error
    }
    return Driver(child: child, input: toChild.write, output: fromChild.read)
  }

  /// Starts `arguments` in a new session whose controlling terminal is a fresh pseudo-terminal.
  /// The terminal is `columns` x `rows` (a real size, so `less` and the renderers agree on it).
  static func terminal(
    _ arguments: [String], environment: [String: String], columns: Int = 100, rows: Int = 30
  ) throws -> Driver {
    let terminal = try PseudoTerminal.open(columns: columns, rows: rows)
    let child: SpawnedProcess
    do {
      child = try Spawn(arguments, group: .session(terminal: terminal.path), environment: environment).start()
    } catch {
      terminal.close()
      throw error
    }
    return Driver(child: child, input: terminal.controller, output: terminal.controller)
  }

  /// Types text (use `\r` for Enter on a terminal, `\n` in a pipe).
  func send(_ text: String) {
    let data = Array(text.utf8)
    _ = data.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
  }

  /// Reads until the transcript after `from` contains `text`, or the deadline passes.
  @discardableResult
  func waitFor(_ text: String, after from: Int = 0, timeout: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if String(decoding: bytes.dropFirst(from), as: UTF8.self).contains(text) { return true }
      guard readSome(timeout: 0.1) else { return String(decoding: bytes.dropFirst(from), as: UTF8.self).contains(text) }
    }
    return false
  }

  /// Types `keys` until the transcript after `from` shows `text`, at most `tries` times, each given `timeout`
  /// seconds: for keys a program may miss while it is still setting the terminal up (a Ctrl-C as `less`
  /// draws its first screen, a Ctrl-D before libedit reads again). True when `text` appeared.
  @discardableResult
  func press(_ keys: String, until text: String, after from: Int, tries: Int = 3, timeout: Double = 3) -> Bool {
    for _ in 0..<tries {
      send(keys)
      if waitFor(text, after: from, timeout: timeout) { return true }
    }
    return false
  }

  /// Reads until the terminal leaves canonical mode (libedit, or a pager, reading key by key), or the
  /// deadline passes. On Linux the master side of a pseudo-terminal reports the line discipline's settings.
  @discardableResult
  func waitForRawMode(timeout: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    var settings = termios()
    while Date() < deadline {
      if tcgetattr(input, &settings) == 0, settings.c_lflag & tcflag_t(ICANON) == 0 { return true }
      _ = readSome(timeout: 0.05)
    }
    return false
  }

  /// Reads until `condition` holds or the deadline passes (for a file or process the program starts).
  @discardableResult
  func waitUntil(timeout: Double = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      _ = readSome(timeout: 0.05)
    }
    return condition()
  }

  /// The number of bytes read so far (a mark for `waitFor(after:)`).
  var mark: Int { bytes.count }

  /// The mark just after the first `text` read after `from`, if it has been read.
  func mark(after text: String, from: Int) -> Int? {
    let needle = Array(text.utf8)
    guard !needle.isEmpty, bytes.count >= from + needle.count else { return nil }
    for start in from...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
      return start + needle.count
    }
    return nil
  }

  /// Reads what is available within `timeout`; `false` at end of output.
  private func readSome(timeout: Double) -> Bool {
    var entry = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return true }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = read(output, &buffer, buffer.count)
    if n > 0 {
      bytes.append(contentsOf: buffer[0..<n])
      return true
    }
    return n < 0 && errno == EINTR
  }

  /// Closes the input (for pipes), drains the output and waits for the exit status; kills after the deadline.
  ///
  /// Idempotent: a second call returns the first status and never touches descriptors again (they may
  /// already belong to another test running in parallel).
  func finish(closeInput: Bool = true, timeout: Double = 20) -> Int32? {
    if finished { return exitStatus }
    finished = true
    exitStatus = reap(closeInput: closeInput, timeout: timeout)
    return exitStatus
  }

  private func reap(closeInput: Bool, timeout: Double) -> Int32? {
    if closeInput && input != output { close(input) }
    let deadline = Date().addingTimeInterval(timeout)
    var ended: Termination?
    while Date() < deadline {
      _ = readSome(timeout: 0.05)
      ended = child.poll()
      if ended != nil { break }
    }
    if ended != nil {
      while readSome(timeout: 0.05) && hasPendingOutput() {}
    } else {
      child.send(SIGKILL)
      child.wait()
    }
    close(output)
    if input != output && !closeInput { close(input) }
    return ended?.exitStatus
  }

  private func hasPendingOutput() -> Bool {
    var entry = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) > 0 && (entry.revents & Int16(POLLIN)) != 0
  }
}

/// A driver that could not start.
struct DriverError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
