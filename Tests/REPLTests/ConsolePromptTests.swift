import REPL
import TerminalUI
import Testing

/// A question wider than the terminal is wrapped: the line editor cannot wrap its prompt, so the leading
/// lines are written and only the last one is the prompt.
@Suite("Questions at the terminal's width")
struct ConsolePromptTests {
  /// Answers every question with `n`, remembering the prompts it was given.
  final class ScriptedReader: LineReader {
    var prompts: [String] = []
    func readLine(prompt: String) -> String? {
      prompts.append(prompt)
      return "n"
    }
    func readAnswer(prompt: String) -> Answer {
      prompts.append(prompt)
      return .line("n")
    }
    func remember(_ line: String) {}
    func pollLine(timeout: Double) -> String?? { nil }
    func close() {}
  }

  @Test("a long question is written as lines and its last line is the prompt; a short one is the prompt")
  func longQuestionsWrap() {
    let reader = ScriptedReader()
    var written: [String] = []
    let console = Console(
      info: TerminalInfo(isTerminal: true, width: 60), reader: reader, sink: { written.append($0) })
    let question =
      "Restore the starter of steps/10-chaos/swift/Breaker.swift and steps/10-chaos/breakers.yaml? "
      + "Your files will be kept in .cblearn/backups."
    #expect(!console.confirm(question))
    let prompt = reader.prompts.last ?? ""
    #expect(prompt.hasSuffix("[y/N] "))
    #expect(TextWidth.of(prompt) <= 50, "room for the answer: \(prompt)")
    #expect(written.allSatisfy { TextWidth.of($0) <= 61 }, "\(written)")
    #expect(
      (written.joined() + prompt).split(whereSeparator: \.isWhitespace) == "\(question) [y/N]".split(separator: " "))
    written = []
    _ = console.ask("Continue?")
    #expect(written.isEmpty)
    #expect(reader.prompts.last == "Continue? ")
  }
}
