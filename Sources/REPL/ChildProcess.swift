import Foundation
import Processes

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
    let out: (read: Int32, write: Int32)
    let err: (read: Int32, write: Int32)
    do {
      out = try Spawn.pipe()
      err = try Spawn.pipe()
    } catch {
      throw REPLError.checkerUnavailable("no pipes left")
    }
    let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { if null >= 0 { close(null) } }
    var spawn = Spawn(arguments, group: .own, environment: environment)
    spawn.standardInput = null >= 0 ? null : nil
    spawn.standardOutput = out.write
    spawn.standardError = err.write
    let pid: pid_t
    do {
      pid = try spawn.start().pid
    } catch {
      for fd in [out.read, out.write, err.read, err.write] { close(fd) }
      throw REPLError.checkerUnavailable(error.description)
    }
    close(out.write)
    close(err.write)
    defer {
      close(out.read)
      close(err.read)
    }
    let startCount = InterruptMonitor.count
    let started = Date()
    var stdout = Data()
    var stderr = Data()
    var open: [Int32: Bool] = [out.read: true, err.read: true]
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
          if entry.fd == out.read {
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
    return Result(status: Termination(waitStatus: status).exitStatus, stdout: stdout, stderr: stderr)
  }

  /// Runs a program attached to the terminal (an editor) in cblearn's own process group, so that it stays
  /// in the terminal's foreground, and waits for it.
  static func runAttached(_ arguments: [String]) throws -> Int32 {
    let child: SpawnedProcess
    do {
      child = try Spawn(arguments, group: .parent).start()
    } catch {
      throw REPLError.checkerUnavailable(error.description)
    }
    return child.wait().exitStatus
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
