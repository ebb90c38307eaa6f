import Foundation

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
  /// Spawned and reaped directly: the first command starts the tmux server, a daemon that keeps its
  /// client's descriptors, and Foundation's `Process` would wait on them. Output goes to a file for the
  /// same reason (a pipe would never reach its end while the server holds it).
  private func run(_ arguments: [String], output capture: Bool = true) throws -> (status: Int32, output: String) {
    let file = folder.appendingPathComponent("\(UUID().uuidString).out")
    defer { try? FileManager.default.removeItem(at: file) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(
      &actions, 1, capture ? file.path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
    let env = ["PATH=/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8", "TMUX_TMPDIR=\(folder.path)"]
    var cargv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    var cenv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
    defer { for pointer in cargv + cenv { free(pointer) } }
    // The test runner blocks signals its children inherit; the tmux server needs them (SIGCHLD, SIGTERM).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawn(&pid, tmux, &actions, &attributes, &cargv, &cenv) == 0 else {
      throw DriverError("cannot run tmux")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let data = capture ? (FileManager.default.contents(atPath: file.path) ?? Data()) : Data()
    return ((status >> 8) & 0xff, String(decoding: data, as: UTF8.self))
  }

  /// A word for the shell tmux runs the command with.
  private static func quote(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
