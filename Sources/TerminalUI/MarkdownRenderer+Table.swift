extension MarkdownRenderer {
  /// A Markdown table that fits `width`: columns shrink and cells wrap; when even that cannot fit, each
  /// row becomes a small `key: value` list under a bullet.
  func table(header: [String], alignments: [Alignment], rows: [[String]], width: Int) -> [StyledText] {
    let count = max(header.count, rows.map(\.count).max() ?? 0)
    let columns = (0..<count).map { i in
      Table.Column(
        i < header.count ? header[i] : "", alignment: i < alignments.count ? alignments[i] : .left, minWidth: 4)
    }
    let cells = rows.map { row in (0..<count).map { i in inline.render(i < row.count ? row[i] : "") } }
    var table = Table(columns: columns, rows: cells)
    table.overflow = .wrap
    table.borders = true
    if table.columnWidths(fitting: width) != nil {
      return table.lines(width: width, info: info)
    }
    return keyValueList(header: header.map { inline.render($0) }, rows: cells, width: width)
  }

  /// Each row as `• first cell` followed by `header: value` lines with a hanging indent.
  func keyValueList(header: [StyledText], rows: [[StyledText]], width: Int) -> [StyledText] {
    var out: [StyledText] = []
    let bullet = glyphs.bullet + " "
    for (index, row) in rows.enumerated() {
      if index > 0 { out.append(StyledText()) }
      guard let first = row.first else { continue }
      let firstKey = header.first.map { $0.plain.isEmpty ? StyledText() : $0 + StyledText(": ") } ?? StyledText()
      out += Wrapper.wrap(
        firstKey + first.adding(info.color ? .bold : []), width: width, firstPrefix: StyledText(bullet),
        restPrefix: StyledText("  "))
      for (key, value) in zip(header.dropFirst(), row.dropFirst()) where !value.isEmpty {
        let lead = StyledText("  ") + key.adding(info.color ? .dim : []) + StyledText(": ")
        out += Wrapper.wrap(value, width: width, firstPrefix: lead, restPrefix: StyledText("    ")).map { line in
          line
        }
      }
    }
    return out
  }
}
