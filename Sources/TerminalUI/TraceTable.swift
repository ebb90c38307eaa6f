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

  /// The table as styled lines no wider than the settings' width.
  public func lines() -> [StyledText] { table.lines(width: info.width, info: info) }

  /// The table as terminal lines.
  public func render() -> [String] { Style(info).render(lines()) }
}
