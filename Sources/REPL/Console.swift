import Foundation
import TerminalUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The REPL's output and its questions to the learner.
public final class Console {
  /// What the output supports: terminal, width, colour, Unicode.
  public var info: TerminalInfo
  /// Where questions (confirmations, quiz answers) are read from.
  public let reader: any LineReader
  private let sink: (String) -> Void

  /// A console over a reader; `sink` receives every line written (stdout by default).
  public init(info: TerminalInfo, reader: any LineReader, sink: ((String) -> Void)? = nil) {
    self.info = info
    self.reader = reader
    self.sink = sink ?? { StandardOutput.write($0) }
  }

  /// Whether the learner is at a terminal (questions are asked, spinners drawn).
  public var isInteractive: Bool { info.isTerminal }

  /// Writes a line; one wider than the terminal is wrapped at spaces, continuing under its own indentation,
  /// so that no message runs off the screen or depends on the terminal's wrapping.
  ///
  /// Words are never broken: a path longer than the line stays whole on a line of its own, so it can be
  /// copied.
  public func line(_ text: String = "") {
    guard TextWidth.of(text) > info.width else { return sink(text + "\n") }
    for part in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let indent = String(repeating: " ", count: min(part.prefix { $0 == " " }.count, info.width / 2))
      var current = indent
      var started = false
      for word in part.dropFirst(indent.count).split(separator: " ") {
        if started, TextWidth.of(current) + 1 + TextWidth.of(String(word)) > info.width {
          sink(current + "\n")
          current = indent + "  " + word
        } else {
          current += (started ? " " : "") + word
        }
        started = true
      }
      sink(current + "\n")
    }
  }

  /// Writes lines.
  public func lines(_ texts: [String]) { for text in texts { line(text) } }

  /// Writes text without a newline.
  public func write(_ text: String) { sink(text) }

  /// Writes an error line: `error: …`.
  public func error(_ message: String) { line(style("error: ", .bold, color: .red) + message) }

  /// Writes a warning line.
  public func warning(_ message: String) { line(style("warning: ", .bold, color: .yellow) + message) }

  /// Asks a question and reads the answer (`nil` at the end of input).
  public func ask(_ question: String) -> String? {
    if !isInteractive { line(question) }
    return reader.readLine(prompt: isInteractive ? prompt(question) : "")?.trimmingCharacters(
      in: .whitespacesAndNewlines)
  }

  /// The prompt line of a question on a terminal: a question too wide for one line with room for a short
  /// answer is written as wrapped lines first, and only its last line is the line editor's prompt (the line
  /// editor cannot wrap a prompt).
  func prompt(_ question: String) -> String {
    let wrapped = Wrapper.wrap(question, width: max(20, info.width - 10))
    for part in wrapped.dropLast() { sink(part + "\n") }
    return (wrapped.last ?? question) + " "
  }

  /// Asks a question; Ctrl-C ends it (`.interrupted`) instead of clearing the line.
  public func answer(_ question: String) -> Answer {
    if !isInteractive { line(question) }
    switch reader.readAnswer(prompt: isInteractive ? prompt(question) : "") {
    case .line(let text): return .line(text.trimmingCharacters(in: .whitespacesAndNewlines))
    case let other: return other
    }
  }

  /// Asks a yes/no question; anything but `y` or `yes` is no.
  public func confirm(_ question: String) -> Bool {
    guard let answer = ask(question + " [y/N]") else { return false }
    return ["y", "yes"].contains(answer.lowercased())
  }

  /// Text with attributes when colour is on.
  public func style(_ text: String, _ attributes: TextAttributes = [], color: TextColor? = nil) -> String {
    Style(info).apply(text, attributes, color: color)
  }

  /// A glyph with an ASCII fallback.
  public func glyph(_ unicode: String, _ ascii: String) -> String { info.unicode ? unicode : ascii }
}
