import CLibEdit
import CLineEditor
import TerminalUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

nonisolated(unsafe) private var activeCompleter: Completer?
nonisolated(unsafe) private var activeEditor: OpaquePointer?

/// Reads lines through libedit: arrow keys, history kept in a file, tab completion.
public final class EditLineReader: LineReader {
  private let editor: OpaquePointer
  private let history: OpaquePointer?
  private let historyFile: String?
  private let plain = PlainLineReader(fd: 0)

  /// Starts libedit on the terminal; `nil` when it cannot be started.
  public init?(historyFile: String?, completer: Completer) {
    setlocale(LC_CTYPE, "")
    guard let editor = cle_init("cblearn") else { return nil }
    self.editor = editor
    self.historyFile = historyFile
    history = cle_history_init(editor, 500)
    if let history, let historyFile { _ = cle_history_load(history, historyFile) }
    activeCompleter = completer
    activeEditor = editor
    _ = cle_bind_function(editor, "cblearn-complete", "complete commands, steps and paths", complete, "^I")
  }

  public func readLine(prompt: String) -> String? {
    if case .line(let line) = readInput(prompt: prompt, interruptible: false) { return line }
    return nil
  }

  public func readAnswer(prompt: String) -> Answer { readInput(prompt: prompt, interruptible: true) }

  private func readInput(prompt: String, interruptible: Bool) -> Answer {
    cle_set_prompt(editor, prompt)
    while true {
      let before = InterruptMonitor.count
      var count: Int32 = 0
      guard let line = cle_gets(editor, &count) else {
        if count < 0, InterruptMonitor.count != before {
          StandardOutput.write("\n")
          if interruptible { return .interrupted }
          continue
        }
        return .end
      }
      var text = String(cString: line)
      while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
      return .line(text)
    }
  }

  public func remember(_ line: String) {
    guard let history, !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
    _ = cle_history_enter(history, line)
    if let historyFile { _ = cle_history_save(history, historyFile) }
  }

  public func pollLine(timeout: Double) -> String?? { plain.pollLine(timeout: timeout) }

  public func close() {
    if let history, let historyFile { _ = cle_history_save(history, historyFile) }
    cle_history_end(history)
    cle_end(editor)
    activeEditor = nil
    activeCompleter = nil
  }
}

/// The tab key: completes the word before the cursor, or lists the candidates when several remain.
private func complete(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
  guard let editor, let completer = activeCompleter else { return CLE_CC_ERROR }
  var buffer = [CChar](repeating: 0, count: 4096)
  _ = cle_line_before_cursor(editor, &buffer, Int32(buffer.count))
  let line = String(cString: buffer)
  let completion = completer.complete(line)
  if !completion.insertion.isEmpty {
    _ = cle_insert(editor, completion.insertion)
    return CLE_CC_REFRESH
  }
  guard completion.candidates.count > 1 else { return CLE_CC_ERROR }
  let width = TerminalInfo.detect().width
  StandardOutput.write("\n" + Completer.layout(completion.candidates, width: width).joined(separator: "\n") + "\n")
  return CLE_CC_REDISPLAY
}
