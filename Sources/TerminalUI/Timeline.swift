import Conformance

/// A breaker's states over virtual time for a trace: a strip per state, a time axis, numbered operations.
///
/// Operations at the same virtual time get their own columns; time between them adds space that grows
/// with the elapsed seconds (up to `maxGap` columns), so a long wait reads as a long stretch without
/// crowding the instant operations. When the operations do not fit the width the timeline continues in
/// further bands. A legend (a numbered `TraceTable`) follows, with the failing step marked.
///
/// A trace records the state *after* each operation, so a trial that closes or reopens the breaker at the
/// instant it is admitted would leave HALF_OPEN out. For a trace of the reference model (`showsPassages`),
/// a call admitted while the breaker was OPEN went through HALF_OPEN, and its own columns are drawn there
/// before the state it left the breaker in. A learner's trace is drawn as reported: a breaker that skips
/// HALF_OPEN must not be shown passing through it.
public struct Timeline: Sendable {
  /// The operations, in the order they happened.
  public var entries: [TraceEntry]
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// Whether the numbered legend of operations follows the strips.
  public var showLegend: Bool
  /// Whether the trace is the reference model's, so that a call admitted while OPEN is drawn through
  /// HALF_OPEN (the model admits no call in OPEN without that move).
  public var showsPassages: Bool

  /// Columns of the row labels (`HALF_OPEN` plus a space).
  static let labelWidth = 11
  /// The most columns a wait between two operations takes.
  public static let maxGap = 8

  public init(entries: [TraceEntry], info: TerminalInfo = .plain, showLegend: Bool = true, showsPassages: Bool = false)
  {
    self.entries = entries
    self.info = info
    self.showLegend = showLegend
    self.showsPassages = showsPassages
  }

  /// The timeline as terminal lines.
  public func render() -> [String] { Style(info).render(lines()) }

  /// One operation's place: its first column and the state shown from there until the next operation.
  struct Slot {
    var index: Int
    var start: Int
    var cell: Int
    var gap: Int
    var state: BreakerState?
    var newTime: Bool
    /// The operation is a call admitted while OPEN: it moved the breaker to HALF_OPEN first.
    var passesHalfOpen = false
  }

  /// Whether the entry at `index` is a call the operation ran for, made while the breaker was `before`.
  func passesHalfOpen(_ index: Int, before: BreakerState?) -> Bool {
    let entry = entries[index]
    guard showsPassages, before == .open, entry.breaker == nil || entry.breaker == Session.main else { return false }
    return entry.op.hasPrefix("call(") && entry.observed.hasSuffix("(invoked)")
  }

  /// The operations placed on columns, split into bands that fit the width.
  func bands() -> [[Slot]] {
    let room = max(10, info.width - Timeline.labelWidth)
    let dts = entries.indices.dropFirst().map { entries[$0].t - entries[$0 - 1].t }
    let longest = dts.max() ?? 0
    var bands: [[Slot]] = [[]]
    var column = 0
    var state: BreakerState?
    for (i, entry) in entries.enumerated() {
      let before = state
      if entry.breaker == nil || entry.breaker == Session.main { state = entry.state ?? state }
      // A passage through HALF_OPEN gets a column more, so that HALF_OPEN shows for at least two.
      let passes = passesHalfOpen(i, before: before) && state != .halfOpen
      let cell = String(i + 1).count + (passes ? 2 : 1)
      let dt = i + 1 < entries.count ? entries[i + 1].t - entry.t : 0
      let gap =
        dt > 0 && longest > 0
        ? max(1, min(Timeline.maxGap, Int((dt / longest * Double(Timeline.maxGap)).rounded(.up)))) : 0
      if column + cell > room, !(bands.last?.isEmpty ?? true) {
        bands.append([])
        column = 0
      }
      let newTime = i == 0 || entry.t != entries[i - 1].t || column == 0
      bands[bands.count - 1].append(
        Slot(
          index: i, start: column, cell: cell, gap: gap, state: state, newTime: newTime,
          passesHalfOpen: passes))
      column += cell + gap
    }
    return bands.filter { !$0.isEmpty }
  }

  /// The timeline as styled lines.
  public func lines() -> [StyledText] {
    guard !entries.isEmpty else { return [StyledText("(no operations)", [.dim])] }
    var out: [StyledText] = []
    for (number, band) in bands().enumerated() {
      if number > 0 { out.append(StyledText()) }
      out += draw(band)
    }
    if showLegend {
      out.append(StyledText())
      out += TraceTable(entries: entries, numbered: true, info: info).lines()
    }
    return out
  }

  private func draw(_ band: [Slot]) -> [StyledText] {
    let g = Glyphs(info)
    let room = max(10, info.width - Timeline.labelWidth)
    let used = band.last.map { $0.start + $0.cell + $0.gap } ?? 0
    let width = min(room, used)
    var canvas = Canvas(width: room, height: 7)
    let (labels, axis, markers, caret) = (0, 1, 5, 6)
    var labelEnd = -1
    for slot in band where slot.newTime {
      canvas.put(slot.start == 0 ? (info.unicode ? "┌" : "+") : g.teeDown, x: slot.start, y: axis)
      let text = formatNumber(entries[slot.index].t)
      if slot.start > labelEnd {
        canvas.text(text, x: slot.start, y: labels, .label)
        labelEnd = slot.start + text.count
      }
    }
    for x in 0..<width where canvas.character(x: x, y: axis) == " " { canvas.put(g.horizontal, x: x, y: axis, .note) }
    let strip: Character = info.unicode ? "━" : "#"
    for slot in band {
      let failed = entries[slot.index].failed
      canvas.text(String(slot.index + 1), x: slot.start, y: markers, failed ? .failure : .label)
      if failed { canvas.text("\(g.arrowUp) not as expected", x: slot.start, y: caret, .failure) }
      guard let state = slot.state, let row = BreakerState.allCases.firstIndex(of: state) else { continue }
      let end = min(width, slot.start + slot.cell + slot.gap) - 1
      var from = slot.start
      if slot.passesHalfOpen, let half = BreakerState.allCases.firstIndex(of: .halfOpen) {
        // The call's own columns but the last in HALF_OPEN, then the state the trial left.
        from = slot.start + slot.cell - 1
        canvas.horizontal(strip, from: slot.start, to: min(end, from - 1), y: 2 + half, .highlight)
      }
      let ink: Canvas.Ink = state == .closed ? .plain : (state == .open ? .failure : .highlight)
      canvas.horizontal(strip, from: from, to: end, y: 2 + row, ink)
    }
    let rowLabels = ["t (s)", "", "CLOSED", "OPEN", "HALF_OPEN", "ops", ""]
    let stripColors: [Int: TextColor] = [2: .green, 3: .red, 4: .yellow]
    return canvas.lines { ink in
      switch ink {
      case .failure: ([.bold], .red)
      case .note: ([.dim], nil)
      default: ([], nil)
      }
    }.enumerated().compactMap { row, line in
      if row == caret, line.isEmpty { return nil }
      let label = StyledText(TextWidth.pad(rowLabels[row], to: Timeline.labelWidth), [.dim])
      guard let color = stripColors[row] else { return Table.trimmed(label + line) }
      return Table.trimmed(label + line.adding([], color: color))
    }
  }
}
