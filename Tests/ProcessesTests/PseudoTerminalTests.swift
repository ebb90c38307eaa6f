import Foundation
import Processes
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `PseudoTerminal` and `Spawn.ProcessGroup.session`: a child on a terminal of its own, as a terminal emulator
/// starts one.
struct PseudoTerminalTests {
  /// Reads the controller side until `text` has been read, the child closes the terminal, or `timeout` passes.
  private func read(_ terminal: PseudoTerminal, until text: String? = nil, timeout: Double = 20) -> String {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    func seconds() -> Double {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    let deadline = seconds() + timeout
    while true {
      if let text, String(decoding: bytes, as: UTF8.self).contains(text) { break }
      let remaining = deadline - seconds()
      guard remaining > 0 else { break }
      var entry = pollfd(fd: terminal.controller, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, Int32(min(remaining, 0.2) * 1000) + 1) > 0 else { continue }
      let n = chunk.withUnsafeMutableBytes { Glibc.read(terminal.controller, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }  // EIO on Linux once every holder of the terminal side has closed it
      bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func aChildInASessionHasTheTerminalAsItsControllingTerminalAtItsSize() throws {
    let terminal = try PseudoTerminal.open(columns: 77, rows: 21)
    defer { terminal.close() }
    #expect(terminal.path.hasPrefix("/dev/"))
    let script = """
      test -t 0 && test -t 1 && echo tty=yes; stty size; echo pid=$$ sid=$(ps -o sid= -p $$ | tr -d ' '); \
      (exec 3</dev/tty) && echo ctty=yes
      """
    let child = try Spawn(["/bin/sh", "-c", script], group: .session(terminal: terminal.path)).start()
    let output = read(terminal)
    #expect(child.wait() == .exited(0), "\(output)")
    #expect(output.contains("tty=yes"), "standard input and output are the terminal: \(output)")
    #expect(output.contains("21 77"), "rows and columns as opened: \(output)")
    #expect(output.contains("pid=\(child.pid) sid=\(child.pid)"), "the child leads its session: \(output)")
    #expect(output.contains("ctty=yes"), "/dev/tty opens, so the terminal is the controlling one: \(output)")
  }

  @Test func ctrlCTypedIntoTheTerminalReachesTheChild() throws {
    let terminal = try PseudoTerminal.open(columns: 80, rows: 24)
    defer { terminal.close() }
    let script = "trap 'echo got-interrupt; exit 3' INT; echo ready; read line; echo no-interrupt"
    let child = try Spawn(["/bin/sh", "-c", script], group: .session(terminal: terminal.path)).start()
    let before = read(terminal, until: "ready")
    #expect(before.contains("ready"), "\(before)")
    _ = [UInt8(3)].withUnsafeBytes { write(terminal.controller, $0.baseAddress, 1) }
    let after = read(terminal)
    #expect(child.wait() == .exited(3), "\(before)\(after)")
    #expect(after.contains("got-interrupt"), "\(after)")
  }

  @Test func aResizeReachesTheTerminal() throws {
    let terminal = try PseudoTerminal.open(columns: 80, rows: 24)
    defer { terminal.close() }
    terminal.resize(columns: 132, rows: 43)
    let child = try Spawn(["/bin/sh", "-c", "stty size"], group: .session(terminal: terminal.path)).start()
    let output = read(terminal)
    #expect(child.wait() == .exited(0))
    #expect(output.contains("43 132"), "\(output)")
  }

  @Test func killingASessionChildKillsItsGroup() throws {
    let terminal = try PseudoTerminal.open(columns: 80, rows: 24)
    defer { terminal.close() }
    // The shell starts a second process in its group, deaf to the hangup the leader's end sends, and waits:
    // killing the child must end both.
    let child = try Spawn(
      ["/bin/sh", "-c", "trap '' HUP; cat </dev/tty & echo started=$!; wait"], group: .session(terminal: terminal.path)
    ).start()
    let output = read(terminal, until: "\n")
    let pid = output.split(separator: "=").last.flatMap { pid_t($0.prefix { $0.isNumber }) } ?? 0
    #expect(pid > 0, "\(output)")
    child.send(SIGKILL)
    #expect(child.wait() == .signalled(SIGKILL))
    // The background `cat` got the same SIGKILL: it is gone, or a zombie until its new parent reaps it.
    func alive() -> Bool {
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let end = stat.range(of: ") ", options: .backwards)
      else { return false }
      return stat[end.upperBound...].first != "Z"
    }
    var gone = !alive()
    for _ in 0..<100 where !gone {
      _ = read(terminal, timeout: 0.05)
      gone = !alive()
    }
    #expect(gone, "process \(pid) of the child's group survived")
  }
}
