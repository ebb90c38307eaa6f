import Conformance

/// A check's trace as a table: `t`, `operation`, `observed`, `state`, with the failing step marked.
public struct TraceTable: Sendable {
  /// The operations, in the order they happened.
  public var entries: [TraceEntry]
  /// Adds a `#` column numbering the operations (the timeline's legend).
  public var numbered: Bool
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo

  public init(entries: [TraceEntry], numbered: Bool = false, info: TerminalInfo = .plain) {
    self.entries = entries
    self.numbered = numbered
    self.info = info
  }

  /// The table behind the rendering.
  public var table: Table {
    let marker = info.unicode ? "✗" : "!"
    let multi = entries.contains { $0.breaker != nil }
    let marked = entries.contains { $0.failed }
    var columns: [Table.Column] = marked ? [Table.Column("", flexible: false)] : []
    if numbered { columns.append(Table.Column("#", alignment: .right, flexible: false)) }
    columns.append(Table.Column("t", alignment: .right, flexible: false))
    if multi { columns.append(Table.Column("breaker", minWidth: 4)) }
    columns += [Table.Column("operation", minWidth: 10), Table.Column("observed", minWidth: 10)]
    columns.append(Table.Column("state", flexible: false))
    let rows = entries.enumerated().map { index, entry -> [StyledText] in
      var row: [StyledText] = marked ? [StyledText(entry.failed ? marker : "")] : []
      if numbered { row.append(StyledText("\(index + 1)")) }
      row.append(StyledText(formatNumber(entry.t)))
      if multi { row.append(StyledText(entry.breaker ?? "")) }
      row += [StyledText(entry.op), StyledText(entry.observed)]
      row.append(StyledText(entry.state?.rawValue ?? "-"))
      return row
    }
    var table = Table(columns: columns, rows: rows)
    table.overflow = .wrap
    table.highlightedRows = Set(entries.indices.filter { entries[$0].failed })
    return table
  }

  /// The narrowest the operation and observed columns may get before the trace is stacked instead.
  static let minimumTextColumn = 14

  /// The table as styled lines no wider than the settings' width; stacked (one operation per group of
  /// lines) when the columns would leave the operation and what was observed too little room.
  public func lines() -> [StyledText] {
    let table = self.table
    let fixed = table.columns.enumerated().filter { !$0.element.flexible || $0.element.title == "breaker" }
      .map { index, column in
        max(TextWidth.of(column.title), table.rows.map { $0[index].width }.max() ?? 0)
      }.reduce(0, +)
    let room = info.width - fixed - 2 * (table.columns.count - 1)
    if room >= 2 * TraceTable.minimumTextColumn { return table.lines(width: info.width, info: info) }
    return stacked()
  }

  /// Each operation as `✗ 5  t=30  call(failure)`, then what was observed and the state under it.
  func stacked() -> [StyledText] {
    let marker = info.unicode ? "✗" : "!"
    let numberWidth = String(entries.count).count
    var out: [StyledText] = []
    for (index, entry) in entries.enumerated() {
      let attributes: TextAttributes = entry.failed ? [.bold] : []
      let color: TextColor? = entry.failed && info.color ? .red : nil
      let mark = entry.failed ? marker : " "
      let number = TextWidth.pad(String(index + 1), to: numberWidth, alignment: .right)
      let lead = StyledText("\(mark) \(number)  ", attributes, color: color)
      let hang = StyledText(String(repeating: " ", count: lead.width + 2))
      let who = entry.breaker.map { "[\($0)] " } ?? ""
      out += Wrapper.wrap(
        StyledText("t=\(formatNumber(entry.t))  \(who)\(entry.op)", attributes, color: color), width: info.width,
        firstPrefix: lead, restPrefix: hang)
      let state = entry.state.map { "  (\($0.rawValue))" } ?? ""
      out += Wrapper.wrap(
        StyledText("\(info.unicode ? "→" : "->") \(entry.observed)\(state)", attributes, color: color),
        width: info.width, firstPrefix: StyledText(String(repeating: " ", count: lead.width)), restPrefix: hang)
    }
    return out
  }

  /// The table as terminal lines.
  public func render() -> [String] { Style(info).render(lines()) }
}
