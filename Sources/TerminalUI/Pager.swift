import Foundation

/// Shows long output through `$PAGER` (default `less -R`) on a terminal, and prints it otherwise.
public struct Pager: Sendable {
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// The environment `PAGER` and `LESS` are read from.
  public var environment: [String: String]

  public init(info: TerminalInfo, environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.info = info
    self.environment = environment
  }

  /// The pager command: `$PAGER` when set and non-empty, else `less -R`.
  public var command: String {
    let pager = environment["PAGER"]?.trimmingSpaces() ?? ""
    return pager.isEmpty ? "less -R" : pager
  }

  /// Whether `lines` would be paged: only on a terminal, and only when they do not fit on the screen.
  public func shouldPage(_ lines: [String]) -> Bool {
    info.isTerminal && lines.count > info.height - 1
  }

  /// Pages `lines` when `shouldPage` says so and the pager runs; otherwise writes them with `write`.
  public func show(_ lines: [String], write: (String) -> Void = { ProgressLine.standardOutput($0) }) {
    let text = lines.joined(separator: "\n") + "\n"
    if shouldPage(lines) {
      do {
        try page(text)
        return
      } catch {
        // Fall back to printing: a pager that cannot start must not hide the lesson.
      }
    }
    write(text)
  }

  /// Runs the pager with `text` on its standard input and waits for it to end.
  public func page(_ text: String) throws(TerminalUIError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    var env = environment
    if env["LESS"] == nil { env["LESS"] = "FRX" }
    process.environment = env
    let pipe = Pipe()
    process.standardInput = pipe
    signal(SIGPIPE, SIG_IGN)
    do {
      try process.run()
    } catch {
      throw .pagerFailed(command: command, message: "\(error)")
    }
    // The reader may quit early; a closed pipe is not an error.
    try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    try? pipe.fileHandleForWriting.close()
    process.waitUntilExit()
    if process.terminationReason == .exit, process.terminationStatus == 127 {
      throw .pagerFailed(command: command, message: "command not found")
    }
  }
}
