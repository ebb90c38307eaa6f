import Foundation
import Processes

#if canImport(Glibc)
  import Glibc
#endif

/// A real terminal emulator for tests: a detached tmux server on a private socket running one program in
/// a pane of a fixed size; keys are typed with `send-keys` and the screen is read with `capture-pane`.
///
/// A pseudo-terminal alone gives the bytes a program wrote; tmux interprets them (cursor moves, the
/// pager's redraws) into what a learner sees, so a test can assert what is on the screen at each step.
final class TmuxScreen {
  /// tmux, when installed.
  static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  private let socket = "cblearn-test"
  private let tmux: String
  /// The server's socket folder (`TMUX_TMPDIR`), removed with the server.
  private let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "cblearn-tmux-\(UUID().uuidString.prefix(8))")

  /// Starts `arguments` with exactly `environment` in a `columns` x `rows` pane; the pane stays after the
  /// program ends, so its last screen can still be read.
  init(_ arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
    guard let tmux = TmuxScreen.executable else { throw DriverError("tmux is not installed") }
    self.tmux = tmux
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
    let command = (["exec", "env", "-i"] + env + arguments).map(TmuxScreen.quote).joined(separator: " ")
    // The pane starts in the private folder, so a key that reaches `less` by mistake (`s` saves to a file)
    // writes nothing into the repository.
    // The first command starts the server, which keeps its client's descriptors: read no output from it.
    let status = try run(
      [
        "new-session", "-d", "-s", "main", "-c", folder.path, "-x", "\(columns)", "-y", "\(rows)", command, ";",
        "set-option", "-t", "main", "remain-on-exit", "on",
      ], output: false
    ).status
    guard status == 0 else { throw DriverError("tmux could not start a session") }
  }

  deinit {
    _ = try? run(["kill-server"])
    try? FileManager.default.removeItem(at: folder)
  }

  /// Types text literally (no key names).
  func type(_ text: String) { _ = try? run(["send-keys", "-t", "main", "-l", text]) }

  /// Presses keys by name: `Enter`, `C-c`, `C-d`, `q`.
  func press(_ keys: String...) { _ = try? run(["send-keys", "-t", "main"] + keys) }

  /// The visible screen, one string per row, trailing spaces removed.
  var screen: [String] {
    let text = (try? run(["capture-pane", "-p", "-t", "main"]).output) ?? ""
    return text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop { $0 == " " }.reversed())
    }
  }

  /// The screen as one string.
  var text: String { screen.joined(separator: "\n") }

  /// The last row with text on it (where the prompt or the pager's `:` is).
  var lastLine: String { screen.last { !$0.isEmpty } ?? "" }

  /// Polls the screen until `condition` holds or `timeout` seconds pass; returns whether it held.
  @discardableResult
  func waitUntil(timeout: Double = 20, _ condition: (TmuxScreen) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition(self) { return true }
      usleep(50_000)
    }
    return condition(self)
  }

  /// Whether the pane's program has ended.
  var exited: Bool {
    ((try? run(["display-message", "-p", "-t", "main", "#{pane_dead}"]).output) ?? "").hasPrefix("1")
  }

  /// Runs `tmux -L SOCKET -f /dev/null ARGS…` and returns its status and standard output.
  ///
  /// The first command starts the tmux server, a daemon that keeps its client's descriptors: it runs with
  /// `output: false`, its output going to `/dev/null`, as a pipe would never reach its end while the server
  /// holds it. Later commands only talk to the server, and their output comes through a pipe.
  private func run(_ arguments: [String], output capture: Bool = true) throws -> (status: Int32, output: String) {
    let null = open("/dev/null", O_RDWR | O_CLOEXEC)
    guard null >= 0 else { throw DriverError("cannot open /dev/null") }
    defer { close(null) }
    let environment = [
      "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "TMUX_TMPDIR": folder.path,
    ]
    var spawn = Spawn([tmux, "-L", socket, "-f", "/dev/null"] + arguments, group: .own, environment: environment)
    spawn.standardInput = null
    spawn.standardOutput = null
    spawn.standardError = null
    let pipe = capture ? try Spawn.pipe() : nil
    if let pipe { spawn.standardOutput = pipe.write }
    let child: SpawnedProcess
    do {
      child = try spawn.start()
    } catch {
      if let pipe { for fd in [pipe.read, pipe.write] { close(fd) } }
      throw error
    }
    var output: [UInt8] = []
    if let pipe {
      close(pipe.write)
      var chunk = [UInt8](repeating: 0, count: 16 << 10)
      while true {
        let n = chunk.withUnsafeMutableBytes { read(pipe.read, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        if n <= 0 { break }
        output += chunk[0..<n]
      }
      close(pipe.read)
    }
    return (child.wait().exitStatus, String(decoding: output, as: UTF8.self))
  }

  /// A word for the shell tmux runs the command with.
  private static func quote(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
