/// Aligned columns that fit a width: cells are truncated (or wrapped) and columns shrunk as needed.
public struct Table: Sendable {
  /// One column's title and layout rules.
  public struct Column: Sendable {
    /// The header text.
    public var title: String
    /// How cells sit in the column.
    public var alignment: Alignment
    /// Whether the column may be narrowed below its content (cells then lose their end or wrap).
    public var flexible: Bool
    /// The narrowest a flexible column gets.
    public var minWidth: Int

    public init(_ title: String, alignment: Alignment = .left, flexible: Bool = true, minWidth: Int = 6) {
      self.title = title
      self.alignment = alignment
      self.flexible = flexible
      self.minWidth = minWidth
    }
  }

  /// What happens to a cell wider than its column.
  public enum Overflow: Sendable {
    /// The cell is cut and ends with an ellipsis.
    case truncate
    /// The cell is wrapped onto more lines.
    case wrap
  }

  /// The columns, left to right.
  public var columns: [Column]
  /// The cells, row by row.
  public var rows: [[StyledText]]
  /// Rows drawn bold (and red when colour is on), such as the failing step of a trace.
  public var highlightedRows: Set<Int> = []
  /// What happens to cells wider than their column.
  public var overflow: Overflow = .wrap
  /// Draws `│` between columns and a rule under the header; otherwise two spaces and a dashed rule.
  public var borders = false
  /// Whether the titles and a rule come first.
  public var showHeader = true

  public init(columns: [Column], rows: [[StyledText]]) {
    self.columns = columns
    self.rows = rows.map { row in (0..<columns.count).map { $0 < row.count ? row[$0] : StyledText() } }
  }

  /// A table of plain cells.
  public init(columns: [Column], rows: [[String]]) {
    self.init(columns: columns, rows: rows.map { $0.map { StyledText($0) } })
  }

  private var separatorWidth: Int { borders ? 3 : 2 }

  /// The column widths that fit `width`, or `nil` when even the narrowest columns do not fit.
  public func columnWidths(fitting width: Int) -> [Int]? {
    var widths = columns.indices.map { i in
      max(showHeader ? TextWidth.of(columns[i].title) : 0, rows.map { $0[i].width }.max() ?? 0)
    }
    let floors = columns.indices.map { i -> Int in
      guard columns[i].flexible else { return widths[i] }
      var floor = min(widths[i], columns[i].minWidth)
      if overflow == .wrap {
        let cells = rows.map { $0[i] } + (showHeader ? [StyledText(columns[i].title)] : [])
        let longestWord = cells.flatMap { Wrapper.words($0) }.map(\.width).max() ?? 0
        floor = max(floor, min(widths[i], longestWord, 20))
      }
      return floor
    }
    let room = width - separatorWidth * max(0, columns.count - 1)
    var excess = widths.reduce(0, +) - room
    while excess > 0 {
      let candidates = widths.indices.filter { widths[$0] > floors[$0] }
      guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { return nil }
      widths[widest] -= 1
      excess -= 1
    }
    return widths
  }

  /// The table as styled lines no wider than `width`.
  public func lines(width: Int, info: TerminalInfo) -> [StyledText] {
    let glyphs = Glyphs(info)
    let widths = columnWidths(fitting: width) ?? columns.indices.map { _ in max(1, width / max(1, columns.count) - 2) }
    let separator = borders ? StyledText(" \(glyphs.vertical) ", [.dim]) : StyledText("  ")
    func emit(_ cells: [StyledText], _ attributes: TextAttributes, _ color: TextColor?) -> [StyledText] {
      var out: [StyledText] = []
      let wrapped = cells.indices.map { i -> [StyledText] in
        let cell = cells[i]
        if cell.width <= widths[i] { return [cell] }
        return overflow == .wrap
          ? Wrapper.wrap(cell, width: widths[i]) : [cell.truncated(to: widths[i], marker: glyphs.ellipsis)]
      }
      let height = wrapped.map(\.count).max() ?? 1
      for row in 0..<height {
        var line = StyledText()
        for i in cells.indices {
          if i > 0 { line.append(separator) }
          let part = row < wrapped[i].count ? wrapped[i][row] : StyledText()
          line.append(part.padded(to: widths[i], alignment: columns[i].alignment).adding(attributes, color: color))
        }
        out.append(Table.trimmed(line))
      }
      return out
    }
    let rule = StyledText(
      widths.map { glyphs.line($0) }.joined(
        separator: borders ? "\(glyphs.horizontal)\(glyphs.cross)\(glyphs.horizontal)" : "  "), [.dim])
    var out: [StyledText] = []
    if showHeader {
      out += emit(columns.map { StyledText($0.title) }, info.color ? [.bold] : [], nil)
      out.append(rule)
    }
    let bodies = rows.enumerated().map { index, row in
      let on = highlightedRows.contains(index)
      return emit(row, on ? [.bold] : [], on ? .red : nil)
    }
    let ruled = borders && bodies.contains { $0.count > 1 }
    for (index, body) in bodies.enumerated() {
      if ruled, index > 0 { out.append(rule) }
      out += body
    }
    return out.flatMap { $0.width > width ? Wrapper.wrap($0, width: width) : [$0] }
  }

  /// The table as terminal lines.
  public func render(width: Int, info: TerminalInfo) -> [String] {
    Style(info).render(lines(width: width, info: info))
  }

  /// A line without trailing spaces.
  static func trimmed(_ line: StyledText) -> StyledText {
    var spans = line.spans
    while let last = spans.last {
      let kept = String(last.text.reversed().drop(while: { $0 == " " }).reversed())
      if kept.isEmpty {
        spans.removeLast()
        continue
      }
      spans[spans.count - 1] = last.withText(kept)
      break
    }
    return StyledText(spans: spans)
  }
}
