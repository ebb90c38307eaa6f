/// Renders lesson Markdown (front matter already removed) to terminal lines of a given width.
///
/// Handles headings, wrapped paragraphs with inline code, emphasis and links, bullet and numbered
/// lists with hanging indents, fenced code (indented, long lines broken with a continuation mark), tables
/// that shrink and wrap to the width or become `key: value` lists, block quotes, rules, `!!!`
/// admonitions drawn as boxes, and `::: diagram` directives drawn by `StateDiagram` and `Timeline` from
/// the resolved `Diagram`s passed in. Errors name the line in the lesson file.
///
/// The renderer runs no breaker: a timeline's trace comes resolved (Curriculum's `LessonDiagrams` runs the
/// scripts); a state machine missing from `diagrams` is drawn from its directive's own numbers.
public struct MarkdownRenderer: Sendable {
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// What each `::: diagram` directive draws, by the directive's line (`DiagramDirective.line`).
  public var diagrams: [Int: Diagram]

  public init(info: TerminalInfo = .plain, diagrams: [Int: Diagram] = [:]) {
    self.info = info
    self.diagrams = diagrams
  }

  /// The document as terminal lines; `firstLine` is the file line the text starts at (after front matter).
  public func render(_ markdown: String, firstLine: Int = 1) throws -> [String] {
    Style(info).render(try lines(markdown, firstLine: firstLine))
  }

  /// The document as styled lines.
  public func lines(_ markdown: String, firstLine: Int = 1) throws -> [StyledText] {
    try render(MarkdownParser.parse(markdown, firstLine: firstLine), width: info.width, depth: 0)
  }

  /// One paragraph of inline Markdown (code, emphasis, links) wrapped to the width: `prefix` starts the
  /// first line (a number, a letter), continuation lines are indented as wide. Its own line breaks stay.
  public func paragraph(_ text: String, prefix: String = "") -> [String] {
    let lead = StyledText(prefix)
    let rest = StyledText(String(repeating: " ", count: lead.width))
    return Style(info).render(
      text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap { index, line in
        Wrapper.wrap(
          inline.render(String(line)), width: info.width, firstPrefix: index == 0 ? lead : rest, restPrefix: rest)
      })
  }

  /// Checks that a document parses and that its diagrams (resolved ones in `diagrams`) can be drawn,
  /// without keeping the output.
  public static func validate(_ markdown: String, firstLine: Int = 1, diagrams: [Int: Diagram] = [:]) throws {
    _ = try MarkdownRenderer(diagrams: diagrams).lines(markdown, firstLine: firstLine)
  }

  /// The document's `::: diagram` directives, parsed and checked, in order (inside lists, quotes and
  /// admonitions too): what a caller resolves into `diagrams` before rendering.
  public static func directives(in markdown: String, firstLine: Int = 1) throws(TerminalUIError) -> [DiagramDirective] {
    func collect(_ blocks: [MarkdownBlock]) -> [DiagramDirective] {
      blocks.flatMap { block -> [DiagramDirective] in
        switch block {
        case .diagram(let directive): [directive]
        case .list(_, _, let items): items.flatMap(collect)
        case .quote(let inner), .admonition(_, _, let inner): collect(inner)
        case .heading, .paragraph, .code, .table, .rule: []
        }
      }
    }
    return collect(try MarkdownParser.parse(markdown, firstLine: firstLine))
  }

  var inline: InlineMarkdown { InlineMarkdown(color: info.color) }
  var glyphs: Glyphs { Glyphs(info) }

  func render(_ blocks: [MarkdownBlock], width: Int, depth: Int) throws -> [StyledText] {
    var out: [StyledText] = []
    for (index, block) in blocks.enumerated() {
      if index > 0 { out.append(StyledText()) }
      out += try render(block, width: width, depth: depth)
    }
    return out
  }

  func render(_ block: MarkdownBlock, width: Int, depth: Int) throws -> [StyledText] {
    switch block {
    case .heading(let level, let text):
      return heading(level, text, width: width)
    case .paragraph(let text):
      return Wrapper.wrap(inline.render(text), width: width)
    case .code(_, let lines):
      return code(lines, width: width)
    case .list(let ordered, let start, let items):
      return try list(ordered: ordered, start: start, items: items, width: width, depth: depth)
    case .quote(let blocks):
      let bar = StyledText(info.unicode ? "│ " : "> ", [.dim])
      let inner = try render(blocks, width: max(10, width - 2), depth: depth)
      return inner.map { bar + ($0.isEmpty ? $0 : info.color ? $0.adding(.italic) : $0) }.map(Table.trimmed)
    case .table(let header, let alignments, let rows):
      return table(header: header, alignments: alignments, rows: rows, width: width)
    case .rule:
      return [StyledText(glyphs.line(width), [.dim])]
    case .admonition(let kind, let title, let body):
      return try admonition(kind, title, body, width: width, depth: depth)
    case .diagram(let directive):
      return try (diagrams[directive.line] ?? directive.diagram()).lines(info: info.withWidth(width))
    }
  }

  private func heading(_ level: Int, _ text: String, width: Int) -> [StyledText] {
    let styled = inline.render(text)
    if info.color {
      let attributes: TextAttributes = level == 1 ? [.bold, .underline] : [.bold]
      return Wrapper.wrap(styled.adding(attributes, color: level <= 2 ? .magenta : nil), width: width)
    }
    let lines = Wrapper.wrap(styled, width: width)
    let underline: Character? = level == 1 ? "=" : level == 2 ? "-" : level == 3 ? "~" : nil
    guard let underline else { return lines }
    return lines + [StyledText(String(repeating: underline, count: lines.map(\.width).max() ?? 0))]
  }

  /// A fenced code block, indented; a line wider than the room is broken, each broken piece ending with a
  /// continuation mark (`↩`, ASCII `\`) and the rest continuing on the next line, so nothing is lost.
  private func code(_ lines: [String], width: Int) -> [StyledText] {
    let indent = StyledText(String(repeating: " ", count: width >= 60 ? 4 : 2))
    let room = max(2, width - indent.width)
    let mark = StyledText(info.unicode ? "↩" : "\\", [.dim])
    let color: TextColor? = info.color ? .cyan : nil
    return lines.flatMap { line -> [StyledText] in
      guard TextWidth.of(line) > room else { return [Table.trimmed(indent + StyledText(line, [], color: color))] }
      // Continuation lines hang under the line's own indentation, and break after a space when one is near.
      let hang = String(repeating: " ", count: min(line.prefix { $0 == " " }.count + 2, room / 2))
      var out: [StyledText] = []
      var rest = Array(line)
      var first = true
      while true {
        let lead = first ? "" : hang
        let fits = room - TextWidth.of(lead)
        if TextWidth.of(String(rest)) <= fits {
          out.append(Table.trimmed(indent + StyledText(lead + String(rest), [], color: color)))
          return out
        }
        var cut = 0
        var used = 0
        while cut < rest.count, used + TextWidth.of(rest[cut]) <= fits - mark.width {
          used += TextWidth.of(rest[cut])
          cut += 1
        }
        if let space = rest[..<cut].lastIndex(of: " "), space >= cut / 2, space > 0 { cut = space + 1 }
        out.append(indent + StyledText(lead + String(rest[..<cut]), [], color: color) + mark)
        rest = Array(rest[cut...])
        first = false
      }
    }
  }

  private func list(
    ordered: Bool, start: Int, items: [[MarkdownBlock]], width: Int, depth: Int
  ) throws -> [StyledText] {
    let bullets = info.unicode ? ["•", "◦", "▪"] : ["*", "-", "+"]
    let markers = items.indices.map { ordered ? "\(start + $0)." : bullets[depth % bullets.count] }
    let markerWidth = markers.map(\.count).max() ?? 1
    let indent = markerWidth + 1
    var out: [StyledText] = []
    for (marker, item) in zip(markers, items) {
      var body: [StyledText] = []
      for (index, block) in item.enumerated() {
        if index > 0, !isList(block) { body.append(StyledText()) }
        body += try render(block, width: max(10, width - indent), depth: depth + 1)
      }
      for (index, line) in body.enumerated() {
        let lead =
          index == 0
          ? TextWidth.pad(marker, to: markerWidth, alignment: ordered ? .right : .left) + " "
          : String(repeating: " ", count: indent)
        out.append(line.isEmpty ? line : StyledText(lead, info.color && index == 0 ? [.bold] : []) + line)
      }
    }
    return out
  }

  private func isList(_ block: MarkdownBlock) -> Bool {
    if case .list = block { return true }
    return false
  }

  private func admonition(
    _ kind: AdmonitionKind, _ title: String?, _ body: [MarkdownBlock], width: Int, depth: Int
  ) throws -> [StyledText] {
    let g = glyphs
    let inner = width - 4
    let label = kind.label + (title.map { ": " + $0 } ?? "")
    let fitsBorder = TextWidth.of(label) <= width - 6
    var content = try render(body, width: inner, depth: depth)
    if !fitsBorder, let title {
      content =
        Wrapper.wrap(inline.render(title).adding(.bold), width: inner) + (content.isEmpty ? [] : [StyledText()])
        + content
    }
    let tint = info.color ? kind.color : nil
    let border: TextAttributes = info.color ? [.bold] : []
    let head = fitsBorder ? label : kind.label
    var top = StyledText("\(g.topLeft)\(g.horizontal) ", border, color: tint)
    top.append(head, border, color: tint)
    top.append(" " + g.line(width - 5 - TextWidth.of(head)) + String(g.topRight), border, color: tint)
    var out = [top]
    for line in content.flatMap({ $0.width > inner ? Wrapper.wrap($0, width: inner) : [$0] }) {
      var row = StyledText("\(g.vertical) ", border, color: tint)
      row.append(line.padded(to: inner))
      row.append(" \(g.vertical)", border, color: tint)
      out.append(row)
    }
    out.append(StyledText("\(g.bottomLeft)" + g.line(width - 2) + "\(g.bottomRight)", border, color: tint))
    return out
  }
}
