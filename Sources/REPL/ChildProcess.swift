import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program in its own process group, capturing its output; Ctrl-C kills the whole group.
enum ChildProcess {
  /// What a finished child left behind.
  struct Result {
    var status: Int32
    var stdout: Data
    var stderr: Data
  }

  /// Runs `arguments` with stdin from /dev/null; `tick` gets the seconds elapsed, about ten times a second.
  ///
  /// Throws `REPLError.cancelled` after killing the group if Ctrl-C is pressed (see `InterruptMonitor`).
  static func capture(
    _ arguments: [String], environment: [String: String]? = nil, tick: ((Double) -> Void)? = nil
  ) throws
    -> Result
  {
    var out: [Int32] = [0, 0]
    var err: [Int32] = [0, 0]
    guard pipe(&out) == 0, pipe(&err) == 0 else { throw REPLError.checkerUnavailable("no pipes left") }
    for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out[1], 1)
    posix_spawn_file_actions_adddup2(&actions, err[1], 2)
    for fd in out + err { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
    let pid = try spawn(arguments, environment: environment, actions: &actions, attributes: &attributes)
    close(out[1])
    close(err[1])
    defer {
      close(out[0])
      close(err[0])
    }
    let startCount = InterruptMonitor.count
    let started = Date()
    var stdout = Data()
    var stderr = Data()
    var open: [Int32: Bool] = [out[0]: true, err[0]: true]
    while open.values.contains(true) {
      if InterruptMonitor.count != startCount {
        terminate(group: pid)
        throw REPLError.cancelled
      }
      var fds = open.filter(\.value).keys.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&fds, nfds_t(fds.count), 100)
      tick?(Date().timeIntervalSince(started))
      guard ready > 0 else { continue }
      for entry in fds where entry.revents != 0 {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(entry.fd, &buffer, buffer.count)
        if n > 0 {
          if entry.fd == out[0] {
            stdout.append(contentsOf: buffer[0..<n])
          } else {
            stderr.append(contentsOf: buffer[0..<n])
          }
        } else if n == 0 || errno != EINTR {
          open[entry.fd] = false
        }
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {
      if InterruptMonitor.count != startCount {
        terminate(group: pid)
        throw REPLError.cancelled
      }
    }
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Result(status: code, stdout: stdout, stderr: stderr)
  }

  /// Runs a program attached to the terminal (an editor) and waits for it.
  static func runAttached(_ arguments: [String]) throws -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    let pid = try spawn(arguments, environment: nil, actions: &actions, attributes: &attributes)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }

  private static func spawn(
    _ arguments: [String], environment: [String: String]?, actions: inout posix_spawn_file_actions_t,
    attributes: inout posix_spawnattr_t
  ) throws -> pid_t {
    let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, &envp)
    guard rc == 0 else { throw REPLError.checkerUnavailable("\(arguments[0]): \(String(cString: strerror(rc)))") }
    return pid
  }

  /// Sends SIGTERM to the group, then SIGKILL if it is still there after a second, and reaps the leader.
  static func terminate(group pid: pid_t) {
    kill(-pid, SIGTERM)
    var status: Int32 = 0
    for _ in 0..<20 {
      if waitpid(pid, &status, WNOHANG) == pid {
        kill(-pid, SIGKILL)
        return
      }
      usleep(50_000)
    }
    kill(-pid, SIGKILL)
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
  }
}
