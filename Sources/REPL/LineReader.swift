#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the learner did when asked something.
public enum Answer: Sendable, Equatable {
  /// A line was typed (without its newline).
  case line(String)
  /// Ctrl-C was pressed.
  case interrupted
  /// The input ended (Ctrl-D).
  case end
}

/// Where the REPL reads its commands from.
public protocol LineReader: AnyObject {
  /// Reads one line (without its newline); `nil` at the end of input (Ctrl-D). Ctrl-C clears the line.
  func readLine(prompt: String) -> String?
  /// Reads one answer; unlike `readLine`, Ctrl-C ends the question (`.interrupted`).
  func readAnswer(prompt: String) -> Answer
  /// Records a command in the history.
  func remember(_ line: String)
  /// Waits up to `timeout` seconds for a line; `.some(nil)` at end of input, `nil` when none came in time.
  func pollLine(timeout: Double) -> String??
  /// Saves the history, restores the terminal.
  func close()
}

/// Reads lines from a file descriptor with its own buffer, for pipes and scripts: no editing, no echo.
public final class PlainLineReader: LineReader {
  let fd: Int32
  let echoPrompt: Bool
  private var buffer: [UInt8] = []
  private var atEnd = false

  /// `echoPrompt` writes the prompt to stdout (on a terminal without libedit); pipes stay quiet.
  public init(fd: Int32 = 0, echoPrompt: Bool = false) {
    self.fd = fd
    self.echoPrompt = echoPrompt
  }

  public func readLine(prompt: String) -> String? {
    if case .line(let line) = readInput(prompt: prompt, interruptible: false) { return line }
    return nil
  }

  public func readAnswer(prompt: String) -> Answer { readInput(prompt: prompt, interruptible: true) }

  private func readInput(prompt: String, interruptible: Bool) -> Answer {
    if echoPrompt {
      StandardOutput.write(prompt)
    }
    let interrupts = InterruptMonitor.count
    while true {
      if let line = takeLine() { return .line(line) }
      if atEnd {
        guard !buffer.isEmpty else { return .end }
        defer { buffer.removeAll() }
        return .line(String(decoding: buffer, as: UTF8.self))
      }
      fill()
      if interruptible, InterruptMonitor.count != interrupts { return .interrupted }
    }
  }

  public func remember(_ line: String) {}

  public func pollLine(timeout: Double) -> String?? {
    if let line = takeLine() { return .some(line) }
    if atEnd { return .some(readLine(prompt: "")) }
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, Int32(timeout * 1000)) > 0 else { return nil }
    fill()
    if let line = takeLine() { return .some(line) }
    return atEnd ? .some(readLine(prompt: "")) : nil
  }

  public func close() {}

  private func takeLine() -> String? {
    guard let newline = buffer.firstIndex(of: 10) else { return nil }
    var line = Array(buffer[..<newline])
    buffer.removeSubrange(...newline)
    if line.last == 13 { line.removeLast() }
    return String(decoding: line, as: UTF8.self)
  }

  private func fill() {
    var chunk = [UInt8](repeating: 0, count: 4096)
    let n = read(fd, &chunk, chunk.count)
    if n > 0 {
      buffer.append(contentsOf: chunk[0..<n])
    } else if n == 0 || errno != EINTR {
      atEnd = true
    }
  }
}
