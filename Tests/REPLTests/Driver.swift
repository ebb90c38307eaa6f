import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `cblearn` through a pipe or a pseudo-terminal, typing input and reading output with deadlines.
final class Driver {
  let pid: pid_t
  private let input: Int32
  private let output: Int32
  private var bytes: [UInt8] = []
  private var exitStatus: Int32?
  private var finished = false

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

  private init(pid: pid_t, input: Int32, output: Int32) {
    self.pid = pid
    self.input = input
    self.output = output
  }

  /// Starts `arguments` with stdin and stdout+stderr on pipes.
  static func pipe(_ arguments: [String], environment: [String: String]) throws -> Driver {
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard Glibc.pipe(&toChild) == 0, Glibc.pipe(&fromChild) == 0 else { throw DriverError("pipe failed") }
    // Children of tests running in parallel must not inherit these (a held write end hides the end of input).
    for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 2)
    for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    let pid = try spawn(arguments, environment, &actions, &attributes)
    close(toChild[0])
    close(fromChild[1])
    return Driver(pid: pid, input: toChild[1], output: fromChild[0])
  }

  /// Starts `arguments` in a new session whose controlling terminal is a fresh pseudo-terminal.
  /// The terminal is `columns` x `rows` (a real size, so `less` and the renderers agree on it).
  static func terminal(
    _ arguments: [String], environment: [String: String], columns: Int = 100, rows: Int = 30
  ) throws -> Driver {
    // The pty functions are hidden behind feature macros in the Glibc module: look them up by name.
    typealias OpenPT = @convention(c) (Int32) -> Int32
    typealias PTName = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    func function<T>(_ name: String, as type: T.Type) -> T? {
      dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: type) }
    }
    guard let openpt = function("posix_openpt", as: OpenPT.self), let grant = function("grantpt", as: OpenPT.self),
      let unlock = function("unlockpt", as: OpenPT.self), let ptsname = function("ptsname", as: PTName.self)
    else { throw DriverError("no pseudo-terminal functions") }
    let master = openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0, grant(master) == 0, unlock(master) == 0, let name = ptsname(master) else {
      throw DriverError("no pseudo-terminal available")
    }
    let slave = String(cString: name)
    var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addclose(&actions, master)
    posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // POSIX_SPAWN_SETSID (0x80): the open above becomes the controlling terminal. The test runner may block
    // or ignore SIGINT; the child gets the defaults so that Ctrl-C behaves as in a shell.
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let pid = try spawn(arguments, environment, &actions, &attributes)
    return Driver(pid: pid, input: master, output: master)
  }

  private static func spawn(
    _ arguments: [String], _ environment: [String: String], _ actions: inout posix_spawn_file_actions_t,
    _ attributes: inout posix_spawnattr_t
  ) throws -> pid_t {
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
    guard rc == 0 else { throw DriverError("cannot start \(arguments[0]): \(String(cString: strerror(rc)))") }
    return pid
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
    var status: Int32 = 0
    while Date() < deadline {
      _ = readSome(timeout: 0.05)
      if waitpid(pid, &status, WNOHANG) == pid {
        while readSome(timeout: 0.05) && hasPendingOutput() {}
        close(output)
        if input != output && !closeInput { close(input) }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
      }
    }
    kill(pid, SIGKILL)
    waitpid(pid, &status, 0)
    close(output)
    if input != output && !closeInput { close(input) }
    return nil
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
