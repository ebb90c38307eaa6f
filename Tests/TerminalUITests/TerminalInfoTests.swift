import Foundation
import Testing

@testable import TerminalUI

@Suite struct TerminalInfoTests {
  let utf8 = ["LANG": "en_US.UTF-8"]

  @Test func colourOnlyOnATerminal() {
    #expect(TerminalInfo.resolve(isTerminal: true, windowSize: (100, 30), environment: utf8).color)
    #expect(!TerminalInfo.resolve(isTerminal: false, windowSize: nil, environment: utf8).color)
  }

  @Test func noColorWins() {
    var env = utf8
    env["NO_COLOR"] = "1"
    #expect(!TerminalInfo.resolve(isTerminal: true, windowSize: (100, 30), environment: env).color)
    env["NO_COLOR"] = ""
    #expect(TerminalInfo.resolve(isTerminal: true, windowSize: (100, 30), environment: env).color)
    env["TERM"] = "dumb"
    #expect(!TerminalInfo.resolve(isTerminal: true, windowSize: (100, 30), environment: env).color)
  }

  @Test func widthFromWindowThenColumnsThenDefault() {
    #expect(TerminalInfo.resolve(isTerminal: true, windowSize: (120, 40), environment: ["COLUMNS": "90"]).width == 120)
    let fromColumns = TerminalInfo.resolve(
      isTerminal: false, windowSize: nil, environment: ["COLUMNS": "90", "LINES": "50"])
    #expect(fromColumns.width == 90)
    #expect(fromColumns.height == 50)
    #expect(TerminalInfo.resolve(isTerminal: false, windowSize: nil, environment: [:]).width == 80)
    #expect(TerminalInfo.resolve(isTerminal: false, windowSize: nil, environment: ["COLUMNS": "junk"]).width == 80)
    #expect(TerminalInfo.resolve(isTerminal: true, windowSize: (20, 10), environment: [:]).width == 40)
    #expect(TerminalInfo(width: 10).width == 40)
  }

  @Test func unicodeFromTheLocale() {
    #expect(TerminalInfo.isUTF8Locale(["LANG": "en_US.UTF-8"]))
    #expect(TerminalInfo.isUTF8Locale(["LC_CTYPE": "C.utf8", "LANG": "C"]))
    #expect(!TerminalInfo.isUTF8Locale(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
    #expect(TerminalInfo.isUTF8Locale(["LC_ALL": "", "LANG": "de_DE.UTF-8"]))
    #expect(!TerminalInfo.isUTF8Locale([:]))
    #expect(!TerminalInfo.resolve(isTerminal: true, windowSize: nil, environment: ["LANG": "C"]).unicode)
  }

  @Test func detectOffATerminalIsPlain() {
    // Under `swift test` standard output is a pipe or file, never a terminal we can rely on; use a file.
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UInt32.random(in: 0...UInt32.max))")
      .path
    FileManager.default.createFile(atPath: path, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: path) }
    guard let handle = FileHandle(forWritingAtPath: path) else { return }
    let info = TerminalInfo.detect(fileDescriptor: handle.fileDescriptor, environment: ["COLUMNS": "100"])
    #expect(!info.isTerminal)
    #expect(!info.color)
    #expect(info.width == 100)
  }

  @Test func styleWritesEscapesOnlyWithColour() {
    let text = StyledText("x", [.bold], color: .red)
    #expect(Style(color: true).render(text) == "\u{1B}[1;31mx\u{1B}[0m")
    #expect(Style(color: false).render(text) == "x")
    #expect(TextWidth.stripANSI("\u{1B}[1;31mx\u{1B}[0m\u{1B}]8;;http://a\u{07}y") == "xy")
  }
}
