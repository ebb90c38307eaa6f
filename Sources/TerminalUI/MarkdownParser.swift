/// Reads lesson Markdown into blocks: CommonMark's common blocks plus admonitions and diagram directives.
struct MarkdownParser {
  /// A source line with its number in the lesson file.
  struct Line {
    var number: Int
    var text: String
    var isBlank: Bool { text.allSatisfy { $0 == " " } }
    var trimmed: String { text.trimmingSpaces() }
  }

  /// Parses a document whose first line is line `firstLine` of its file.
  static func parse(_ text: String, firstLine: Int = 1) throws(TerminalUIError) -> [MarkdownBlock] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, raw in
      var line = String(raw)
      if line.hasSuffix("\r") { line.removeLast() }
      return Line(number: firstLine + index, text: line.replacingTabs())
    }
    return try blocks(lines[...])
  }

  static func blocks(_ lines: ArraySlice<Line>) throws(TerminalUIError) -> [MarkdownBlock] {
    var out: [MarkdownBlock] = []
    var i = lines.startIndex
    while i < lines.endIndex {
      let line = lines[i]
      let t = line.trimmed
      if line.isBlank {
        i += 1
      } else if let fence = fence(t), line.text.indentation < 4 {
        var j = i + 1
        var body: [String] = []
        while j < lines.endIndex, !closes(lines[j].trimmed, fence.marker) {
          body.append(String(lines[j].text.dropFirst(min(line.text.indentation, lines[j].text.indentation))))
          j += 1
        }
        guard j < lines.endIndex else {
          throw .malformedMarkdown(line: line.number, message: "code block is not closed: add a line \(fence.marker)")
        }
        out.append(.code(language: fence.info, lines: body))
        i = j + 1
      } else if line.text.indentation >= 4 {
        var j = i
        while j < lines.endIndex, lines[j].isBlank || lines[j].text.indentation >= 4 { j += 1 }
        while j > i, lines[j - 1].isBlank { j -= 1 }
        out.append(.code(language: "", lines: lines[i..<j].map { String($0.text.dropFirst(4)) }))
        i = j
      } else if t.hasPrefix(":::") {
        out.append(.diagram(try DiagramDirective.parse(t, line: line.number)))
        i += 1
      } else if t.hasPrefix("!!!") {
        let (kind, title) = try admonitionHeader(t, line: line.number)
        var j = i + 1
        while j < lines.endIndex, lines[j].isBlank || lines[j].text.indentation >= 4 { j += 1 }
        while j > i + 1, lines[j - 1].isBlank { j -= 1 }
        let body = lines[(i + 1)..<j].map { Line(number: $0.number, text: String($0.text.dropFirst(4))) }
        out.append(.admonition(kind: kind, title: title, body: try blocks(body[...])))
        i = j
      } else if let heading = heading(t) {
        out.append(heading)
        i += 1
      } else if isRule(t) {
        out.append(.rule)
        i += 1
      } else if t.hasPrefix(">") {
        var j = i
        var inner: [Line] = []
        while j < lines.endIndex, lines[j].trimmed.hasPrefix(">") {
          var text = String(lines[j].trimmed.dropFirst())
          if text.hasPrefix(" ") { text.removeFirst() }
          inner.append(Line(number: lines[j].number, text: text))
          j += 1
        }
        out.append(.quote(try blocks(inner[...])))
        i = j
      } else if i + 1 < lines.endIndex, t.contains("|"), isDelimiterRow(lines[i + 1].trimmed) {
        let header = cells(t)
        let alignments = cells(lines[i + 1].trimmed).map { cell -> Alignment in
          switch (cell.hasPrefix(":"), cell.hasSuffix(":")) {
          case (true, true): .center
          case (false, true): .right
          default: .left
          }
        }
        var j = i + 2
        var rows: [[String]] = []
        while j < lines.endIndex, !lines[j].isBlank, lines[j].text.contains("|") {
          rows.append(cells(lines[j].trimmed))
          j += 1
        }
        out.append(.table(header: header, alignments: alignments, rows: rows))
        i = j
      } else if listMarker(line.text) != nil {
        let (block, next) = try list(lines, from: i)
        out.append(block)
        i = next
      } else {
        var j = i
        var text: [String] = []
        while j < lines.endIndex, !lines[j].isBlank, j == i || !(interrupts(lines, j) || isSetextUnderline(lines[j])) {
          text.append(lines[j].trimmed)
          j += 1
        }
        if j < lines.endIndex, isSetextUnderline(lines[j]) {
          out.append(.heading(level: lines[j].trimmed.hasPrefix("=") ? 1 : 2, text: text.joined(separator: " ")))
          j += 1
        } else {
          out.append(.paragraph(text.joined(separator: " ")))
        }
        i = j
      }
    }
    return out
  }

  /// Whether a line under a paragraph turns it into a heading (`===` or `---`).
  private static func isSetextUnderline(_ line: Line) -> Bool {
    let t = line.trimmed
    guard line.text.indentation < 4, let first = t.first, first == "=" || first == "-" else { return false }
    return t.allSatisfy { $0 == first }
  }

  /// Whether line `j` starts a block that ends the paragraph before it.
  private static func interrupts(_ lines: ArraySlice<Line>, _ j: Int) -> Bool {
    let t = lines[j].trimmed
    if fence(t) != nil || t.hasPrefix(":::") || t.hasPrefix("!!!") || t.hasPrefix(">") || heading(t) != nil {
      return true
    }
    if isRule(t) && !t.allSatisfy({ $0 == "-" }) { return true }
    if j + 1 < lines.endIndex, t.contains("|"), isDelimiterRow(lines[j + 1].trimmed) { return true }
    if let marker = listMarker(lines[j].text), marker.indent < 4 {
      return marker.ordered ? marker.start == 1 : true
    }
    return false
  }

  private static func fence(_ t: String) -> (marker: String, info: String)? {
    for c in ["`", "~"] where t.hasPrefix(c + c + c) {
      let marker = String(t.prefix(while: { String($0) == c }))
      let info = String(t.dropFirst(marker.count)).trimmingSpaces()
      if c == "`", info.contains("`") { return nil }
      return (marker, info)
    }
    return nil
  }

  private static func closes(_ t: String, _ marker: String) -> Bool {
    guard let c = marker.first else { return false }
    return t.count >= marker.count && t.allSatisfy { $0 == c }
  }

  private static func heading(_ t: String) -> MarkdownBlock? {
    let level = t.prefix(while: { $0 == "#" }).count
    guard (1...6).contains(level), t.count == level || t.dropFirst(level).first == " " else { return nil }
    var text = String(t.dropFirst(level)).trimmingSpaces()
    if text.hasSuffix("#") {
      let stripped = String(text.reversed().drop(while: { $0 == "#" }).reversed())
      if stripped.isEmpty || stripped.hasSuffix(" ") { text = stripped.trimmingSpaces() }
    }
    return .heading(level: level, text: text)
  }

  private static func isRule(_ t: String) -> Bool {
    let compact = t.filter { $0 != " " }
    guard compact.count >= 3, let c = compact.first, "-*_".contains(c) else { return false }
    return compact.allSatisfy { $0 == c }
  }

  private static func isDelimiterRow(_ t: String) -> Bool {
    let parts = cells(t)
    return t.contains("-") && !parts.isEmpty
      && parts.allSatisfy { cell in
        let core = cell.trimmingCharacters(in: ":")
        return !core.isEmpty && core.allSatisfy { $0 == "-" }
      }
  }

  /// The cells of a table row, without the outer pipes; `\|` stays a pipe.
  static func cells(_ t: String) -> [String] {
    var row = t
    if row.hasPrefix("|") { row.removeFirst() }
    if row.hasSuffix("|"), !row.hasSuffix("\\|") { row.removeLast() }
    var cells: [String] = []
    var current = ""
    var previous: Character = " "
    var inCode = false
    for c in row {
      if c == "`" { inCode.toggle() }
      if c == "|", previous != "\\", !inCode {
        cells.append(current.trimmingSpaces())
        current = ""
      } else {
        if c == "|", previous == "\\" { current.removeLast() }
        current.append(c)
      }
      previous = c
    }
    cells.append(current.trimmingSpaces())
    return cells
  }

  private static func admonitionHeader(_ t: String, line: Int) throws(TerminalUIError) -> (AdmonitionKind, String?) {
    let rest = String(t.dropFirst(3)).trimmingSpaces()
    let kinds = AdmonitionKind.allCases.map(\.rawValue).joined(separator: ", ")
    let name = String(rest.prefix(while: { $0 != " " }))
    guard let kind = AdmonitionKind(rawValue: name.lowercased()) else {
      throw .malformedMarkdown(line: line, message: "unknown admonition kind '\(name)': use one of \(kinds)")
    }
    let title = String(rest.dropFirst(name.count)).trimmingSpaces()
    if title.isEmpty { return (kind, nil) }
    guard title.hasPrefix("\""), title.hasSuffix("\""), title.count >= 2 else {
      throw .malformedMarkdown(
        line: line, message: "an admonition title is written in double quotes: !!! \(name) \"Title\"")
    }
    return (kind, String(title.dropFirst().dropLast()))
  }
}

extension String {
  /// The string with tabs expanded to the next multiple of four columns.
  func replacingTabs() -> String {
    guard contains("\t") else { return self }
    var out = ""
    for c in self {
      if c == "\t" { out += String(repeating: " ", count: 4 - out.count % 4) } else { out.append(c) }
    }
    return out
  }

  /// The string without leading and trailing characters from `set`.
  func trimmingCharacters(in set: String) -> String {
    String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
  }
}
