import Foundation
import Processes

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Shows long output through `$PAGER` (default `less -R`) on a terminal, and prints it otherwise.
///
/// The pager joins cblearn's own process group, so it is in the terminal's foreground and may read the
/// keyboard; cblearn ignores Ctrl-C while it waits, so Ctrl-C reaches the pager alone (with the default
/// `LESS=FRXK`, less quits on it) and the learner is back at the prompt. See docs/architecture.md.
public struct Pager: Sendable {
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// The environment `PAGER` and `LESS` are read from.
  public var environment: [String: String]

  /// `LESS` when the learner has none: quit when it fits (F), colours (R), keep the text on screen after
  /// quitting (X), quit on Ctrl-C (K).
  public static let defaultLess = "FRXK"

  public init(info: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.info = info
    self.environment = environment
  }

  /// The pager command: `$PAGER` when set and non-empty, else `less -R`.
  public var command: String {
    let pager = environment["PAGER"]?.trimmingSpaces() ?? ""
    return pager.isEmpty ? "less -R" : pager
  }

  /// The program and arguments to start: `$PAGER` through the shell, else `less -R` when less is installed.
  func launchArguments() -> [String]? {
    let pager = environment["PAGER"]?.trimmingSpaces() ?? ""
    if !pager.isEmpty { return ["/bin/sh", "-c", pager] }
    guard let less = Spawn.findExecutable("less", path: environment["PATH"]) else { return nil }
    return [less, "-R"]
  }

  /// Whether `lines` would be paged: on a terminal only, when they do not fit on the screen.
  public func shouldPage(_ lines: [String]) -> Bool {
    info.isTerminal && lines.count > info.height - 1
  }

  /// Pages `lines` when `shouldPage` says so and a pager can run; otherwise writes them with `write`.
  public func show(_ lines: [String], write: (String) -> Void = { ProgressLine.standardOutput($0) }) {
    let text = lines.joined(separator: "\n") + "\n"
    if shouldPage(lines), Pager.ownsTerminal() {
      do {
        try page(text)
        return
      } catch {
        // Fall back to printing: a pager that cannot start must not hide the lesson.
      }
    }
    write(text)
  }

  /// Whether standard input and output are the terminal and cblearn is its foreground job, so a pager can
  /// read the keyboard (never when the REPL is scripted through a pipe or cblearn runs in the background).
  public static func ownsTerminal() -> Bool {
    isatty(0) == 1 && isatty(1) == 1 && tcgetpgrp(1) == getpgrp()
  }

  /// Runs the pager with `text` on its standard input and waits for it to end.
  ///
  /// Throws `pagerFailed` when the pager cannot start (no `less`, `$PAGER` not found): nothing was shown.
  public func page(_ text: String) throws(TerminalUIError) {
    guard let arguments = launchArguments() else {
      throw .pagerFailed(command: command, message: "less is not installed")
    }
    var environment = environment
    if environment["LESS"] == nil { environment["LESS"] = Pager.defaultLess }
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw .pagerFailed(command: command, message: String(cString: strerror(errno))) }
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    var spawn = Spawn(arguments, group: .parent, environment: environment)
    spawn.standardInput = fds[0]
    let ignored = IgnoredSignals([SIGINT, SIGQUIT, SIGPIPE])
    defer { ignored.restore() }
    // A pager killed before it restored the terminal (a Ctrl-C while it starts) would leave it in raw mode
    // for the line editor: the settings from before are put back, whatever the pager did.
    var settings = termios()
    let saved = isatty(0) == 1 && tcgetattr(0, &settings) == 0
    defer { if saved { _ = tcsetattr(0, TCSANOW, &settings) } }
    let child: SpawnedProcess
    do {
      child = try spawn.start()
    } catch {
      close(fds[0])
      close(fds[1])
      throw .pagerFailed(command: command, message: error.description)
    }
    close(fds[0])
    // The reader may quit early: a closed pipe (EPIPE) just ends the writing.
    Pager.writeAll(Array(text.utf8), to: fds[1])
    close(fds[1])
    let end = child.wait()
    if end == .exited(127) || end == .exited(126) {
      throw .pagerFailed(command: command, message: "command not found or not executable")
    }
  }

  /// Writes `bytes` to `fd` until done or the reader has gone.
  static func writeAll(_ bytes: [UInt8], to fd: Int32) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { return }
      offset += n
    }
  }
}

/// Signals set to be ignored for a while, and put back as they were.
struct IgnoredSignals {
  private var saved: [(Int32, sigaction)] = []

  /// Ignores each of `signals`, remembering its previous action.
  init(_ signals: [Int32]) {
    for signal in signals {
      var ignore = sigaction()
      #if canImport(Glibc)
        ignore.__sigaction_handler.sa_handler = SIG_IGN
      #else
        ignore.__sigaction_u.__sa_handler = SIG_IGN
      #endif
      sigemptyset(&ignore.sa_mask)
      var previous = sigaction()
      sigaction(signal, &ignore, &previous)
      saved.append((signal, previous))
    }
  }

  /// Restores the previous actions.
  func restore() {
    for (signal, previous) in saved {
      var action = previous
      sigaction(signal, &action, nil)
    }
  }
}
