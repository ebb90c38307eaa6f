import Conformance
import Curriculum
import Foundation
import Testing

@testable import TerminalUI

@Suite struct WidgetTests {
  @Test func progressBarSizesToWidth() {
    let ascii = TerminalInfo(unicode: false)
    #expect(ProgressBar(total: 10, info: ascii, maxBarWidth: 10).render(completed: 3) == "[###-------] 3/10")
    #expect(ProgressBar(total: 10, info: ascii).render(completed: 10, width: 20) == "[############] 10/10")
    #expect(ProgressBar(total: 0, info: ascii, maxBarWidth: 4).render(completed: 0) == "[####] 0/0")
    for width in 10...80 {
      #expect(TextWidth.of(ProgressBar(total: 7).render(completed: 5, width: width)) <= max(width, 8))
    }
  }

  @Test func progressLineRedrawsOnlyOnATerminal() {
    final class Sink: @unchecked Sendable { var text = "" }
    let sink = Sink()
    let terminal = ProgressLine(info: TerminalInfo(isTerminal: true, unicode: false)) { sink.text += $0 }
    terminal.spin("checking 1/3")
    terminal.update("ok")
    terminal.finish("done")
    #expect(sink.text == "\r| checking 1/3\rok            \rok\r  \rdone\n")
    let piped = Sink()
    let plain = ProgressLine(info: TerminalInfo(isTerminal: false)) { piped.text += $0 }
    plain.spin("checking 1/3")
    plain.update("ok")
    plain.log("a line")
    plain.finish("done")
    #expect(piped.text == "a line\ndone\n")
  }

  @Test func genericTableWrapsToWidthAndTruncatesOnlyWhenAsked() {
    var table = Table(
      columns: [Table.Column("id", flexible: false), Table.Column("title", minWidth: 5)],
      rows: [["basic.trip-at-threshold", "Trips at exactly the threshold, never one call later"]])
    let lines = table.render(width: 50, info: .plain)
    #expect(lines[0] == "id                       title")
    #expect(lines[2] == "basic.trip-at-threshold  Trips at exactly the")
    #expect(lines[3] == "                         threshold, never one call")
    #expect(lines[4] == "                         later")
    for line in lines { #expect(TextWidth.of(line) <= 50 && !line.hasSuffix("…")) }
    table.overflow = .truncate
    #expect(table.render(width: 50, info: .plain)[2] == "basic.trip-at-threshold  Trips at exactly the thr…")
  }

  @Test func pagerNeverPagesOffATerminal() {
    let lines = Array(repeating: "x", count: 500)
    #expect(!Pager(info: TerminalInfo(isTerminal: false), environment: [:]).shouldPage(lines))
    #expect(Pager(info: TerminalInfo(isTerminal: true, height: 24), environment: [:]).shouldPage(lines))
    #expect(!Pager(info: TerminalInfo(isTerminal: true, height: 24), environment: [:]).shouldPage(["short"]))
    #expect(Pager(info: .plain, environment: [:]).command == "less -R")
    #expect(Pager(info: .plain, environment: ["PAGER": "more"]).command == "more")
    var printed = ""
    Pager(info: TerminalInfo(isTerminal: false), environment: [:]).show(["a", "b"]) { printed += $0 }
    #expect(printed == "a\nb\n")
  }

  @Test func pagerRunsThePagerCommand() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pager-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(at: out) }
    // `page` runs the command whatever the terminal (`show` pages only when cblearn owns one: PagerTerminalTests).
    let pager = Pager(info: TerminalInfo(isTerminal: true, height: 3), environment: ["PAGER": "cat > '\(out.path)'"])
    try pager.page("1\n2\n3\n4\n")
    #expect(try String(contentsOf: out, encoding: .utf8) == "1\n2\n3\n4\n")
    #expect(throws: TerminalUIError.self) {
      try Pager(info: .plain, environment: ["PAGER": "no-such-pager-xyz"]).page("1\n")
    }
    #expect(throws: TerminalUIError.self) { try Pager(info: .plain, environment: ["PATH": "/nowhere"]).page("1\n") }
    var fallback = ""
    Pager(info: TerminalInfo(isTerminal: true, height: 3), environment: ["PAGER": "no-such-pager-xyz"])
      .show(["1", "2", "3", "4"]) { fallback += $0 }
    #expect(fallback == "1\n2\n3\n4\n")
  }

  @Test func nonTerminalOutputIsPlain() throws {
    let info = TerminalInfo.resolve(isTerminal: false, windowSize: nil, environment: ["LANG": "en_US.UTF-8"])
    let lesson = try MarkdownRenderer(info: info).render("# Title\n\n**bold** and `code`\n\n!!! danger \"x\"\n    body")
    let diagram = StateDiagram(config: BreakerConfig(), highlight: .open, info: info).render()
    let timeline = Timeline(entries: try Demo.trace(script: "fail +5 ok", config: BreakerConfig()), info: info).render()
    for text in [lesson, diagram, timeline] { #expect(!text.joined().contains("\u{1B}")) }
  }
}

@Suite struct ControlEscaperTests {
  @Test func controlCharactersAreShownNotSent() {
    #expect(ControlEscaper.escape("\u{1B}[31mred\u{1B}[0m") == "\\x1b[31mred\\x1b[0m")
    #expect(ControlEscaper.escape("a\rb\u{07}\u{08}") == "a\\rb\\x07\\b")
    #expect(ControlEscaper.escape("line\n\tindented") == "line\n\tindented")
    #expect(ControlEscaper.escape("\u{9B}2J \u{202E}x") == "\\x9b2J \\u{202e}x")
    #expect(ControlEscaper.escape("plain · text ✓") == "plain · text ✓")
  }
}
