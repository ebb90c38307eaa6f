import Conformance

/// The breaker's state machine drawn as three boxes with labelled transitions from a configuration and a
/// profile.
///
/// Wide outputs (72 columns or more) get the three states side by side; narrower ones a vertical
/// layout. OPEN and, under a trial limit, HALF_OPEN have a loop for the calls they reject. The current
/// state, when given, is drawn with heavy lines and colour, and with a `>> <<` (or `▶ ◀`) marker when
/// colour is off.
public struct StateDiagram: Sendable {
  /// The configuration whose thresholds and timeout label the transitions.
  public var config: BreakerConfig
  /// The design choices the labels follow: the boundary of the wait, what moves OPEN to HALF_OPEN,
  /// whether HALF_OPEN rejects calls beyond its trials, the trip rule.
  public var profile: Profile
  /// The state to highlight.
  public var highlight: BreakerState?
  /// Output settings; `ascii` in the initialiser forces 7-bit ASCII.
  public var info: TerminalInfo

  /// The narrowest width that gets the side-by-side layout.
  public static let wideLayoutWidth = 72
  static let boxWidth = 19

  /// A diagram of `config` under `profile` (by default `assumedProfile(for:)`).
  public init(
    config: BreakerConfig, profile: Profile? = nil, highlight: BreakerState? = nil, info: TerminalInfo = .plain,
    ascii: Bool = false
  ) {
    self.config = config
    self.profile = profile ?? StateDiagram.assumedProfile(for: config)
    self.highlight = highlight
    self.info = info.forcingASCII(ascii)
  }

  /// The diagram as terminal lines.
  public func render() -> [String] { Style(info).render(lines()) }

  /// The diagram as styled lines.
  public func lines() -> [StyledText] {
    let canvas = info.width >= StateDiagram.wideLayoutWidth ? wide() : narrow()
    var lines = canvas.lines { ink in
      switch ink {
      case .plain, .line: ([], nil)
      case .label: ([], nil)
      case .note: ([.dim], nil)
      case .failure: ([.bold], .red)
      case .highlight: ([.bold], highlight.map(StateDiagram.color))
      }
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// The colour a state is shown in.
  public static func color(_ state: BreakerState) -> TextColor {
    switch state {
    case .closed: .green
    case .open: .red
    case .halfOpen: .yellow
    }
  }

  // MARK: Layouts

  private var glyphs: Glyphs { Glyphs(info) }

  private func label(_ state: BreakerState) -> String {
    guard state == highlight, !info.color else { return state.rawValue }
    return info.unicode ? "▶ \(state.rawValue) ◀" : ">> \(state.rawValue) <<"
  }

  private func drawBox(_ canvas: inout Canvas, _ state: BreakerState, x: Int, y: Int) {
    let on = state == highlight
    canvas.box(
      x: x, y: y, width: StateDiagram.boxWidth, label: label(state), glyphs: glyphs, heavy: on,
      ink: on ? .highlight : .line)
  }

  private func wide() -> Canvas {
    let g = glyphs
    let bw = StateDiagram.boxWidth
    let total = min(info.width, 80)
    let gaps = total - 3 * bw - 1
    let (g1, g2) = ((gaps + 1) / 2, gaps / 2)
    let (cx, ox) = (0, bw + g1)
    let hx = ox + bw + g2
    // HALF_OPEN → CLOSED leaves HALF_OPEN near its right edge, leaving room for its loop and note.
    let (cc, ch) = (cx + bw / 2, hx + bw - 2)
    let trip = StateDiagram.pack(tripParts, width: g1 + bw - 2)
    let wait = StateDiagram.pack(waitParts, width: g2 + bw - 2)
    let top = max(trip.count, wait.count)
    var canvas = Canvas(width: total, height: top + 8)
    for (i, line) in trip.enumerated() {
      canvas.centered(line, center: bw + g1 / 2, y: top - trip.count + i)
    }
    for (i, line) in wait.enumerated() {
      canvas.centered(line, center: ox + bw + g2 / 2, y: top - wait.count + i)
    }
    let r1 = top
    drawBox(&canvas, .closed, x: cx, y: r1)
    drawBox(&canvas, .open, x: ox, y: r1)
    drawBox(&canvas, .halfOpen, x: hx, y: r1)
    // CLOSED → OPEN and OPEN → HALF_OPEN along the top borders, HALF_OPEN → OPEN along the bottom.
    canvas.horizontal(g.horizontal, from: bw + 1, to: ox - 3, y: r1 + 1)
    canvas.put(g.arrowRight, x: ox - 2, y: r1 + 1)
    canvas.horizontal(g.horizontal, from: ox + bw + 1, to: hx - 3, y: r1 + 1)
    canvas.put(g.arrowRight, x: hx - 2, y: r1 + 1)
    canvas.put(g.arrowLeft, x: ox + bw + 1, y: r1 + 2)
    canvas.horizontal(g.horizontal, from: ox + bw + 2, to: hx - 2, y: r1 + 2)
    // Its label under the arrow, between OPEN's loop and HALF_OPEN's.
    let (reopenFrom, reopenTo) = (ox + 10, hx - 1)
    let reopen = StateDiagram.pack(reopenParts, width: reopenTo - reopenFrom + 1)
    for (i, line) in reopen.enumerated() {
      let x = min(max(reopenFrom, ox + bw + g2 / 2 - line.count / 2), reopenTo + 1 - line.count)
      canvas.text(line, x: x, y: r1 + 3 + i)
    }
    // OPEN's loop, and HALF_OPEN's when it rejects calls beyond its trials, with their notes underneath.
    selfLoop(&canvas, x: ox + 2, y: r1 + 3)
    if halfOpenRejects { selfLoop(&canvas, x: hx + 2, y: r1 + 3) }
    let openNote = StateDiagram.pack(openParts, width: hx - ox - 2)
    let halfNote = StateDiagram.pack(halfOpenParts, width: ch - hx - 2)
    for (i, line) in openNote.enumerated() { canvas.text(line, x: ox + 1, y: r1 + 5 + i, .note) }
    for (i, line) in halfNote.enumerated() { canvas.text(line, x: hx + 1, y: r1 + 5 + i, .note) }
    // HALF_OPEN → CLOSED underneath everything.
    let bottom = max(r1 + 6, r1 + 5 + max(openNote.count, halfNote.count), r1 + 3 + reopen.count)
    canvas.put(g.arrowUp, x: cc, y: r1 + 3)
    canvas.vertical(g.vertical, x: cc, from: r1 + 4, to: bottom - 1)
    canvas.vertical(g.vertical, x: ch, from: r1 + 3, to: bottom - 1)
    canvas.put(g.bottomLeft, x: cc, y: bottom)
    canvas.horizontal(g.horizontal, from: cc + 1, to: ch - 1, y: bottom)
    canvas.put(g.bottomRight, x: ch, y: bottom)
    canvas.centered(" \(closeLabel) ", center: (cc + ch) / 2, y: bottom)
    footer(&canvas, y: bottom + 2)
    return canvas
  }

  /// A loop under a box from column `x`: the calls that stay in the state.
  private func selfLoop(_ canvas: inout Canvas, x: Int, y: Int) {
    let g = glyphs
    canvas.put(g.vertical, x: x, y: y)
    canvas.put(g.arrowUp, x: x + 6, y: y)
    canvas.put(g.unicode ? "╰" : "+", x: x, y: y + 1)
    canvas.horizontal(g.horizontal, from: x + 1, to: x + 5, y: y + 1)
    canvas.put(g.unicode ? "╯" : "+", x: x + 6, y: y + 1)
  }

  /// The bulkhead's note from row `y`, when there is a bulkhead.
  private func footer(_ canvas: inout Canvas, y: Int) {
    guard let note = bulkheadNote else { return }
    for (i, line) in Wrapper.wrap(note, width: canvas.width).enumerated() { canvas.text(line, x: 0, y: y + i, .note) }
  }

  /// Lines of at most `width` columns made of whole phrases where they fit, words otherwise.
  static func pack(_ phrases: [String], width: Int) -> [String] {
    var lines: [String] = []
    for phrase in phrases {
      if let last = lines.last, TextWidth.of(last) + 1 + TextWidth.of(phrase) <= width {
        lines[lines.count - 1] = last + " " + phrase
      } else {
        lines += Wrapper.wrap(phrase, width: width)
      }
    }
    return lines
  }

  private func narrow() -> Canvas {
    let g = glyphs
    let bw = StateDiagram.boxWidth
    let c = bw / 2
    var canvas = Canvas(width: info.width, height: 3)
    var y = 0
    func arrow(_ parts: [String]) {
      let lines = StateDiagram.pack(parts, width: info.width - c - 2)
      for line in lines {
        canvas.put(g.vertical, x: c, y: y)
        canvas.text(line, x: c + 2, y: y)
        y += 1
      }
      canvas.put(g.arrowDown, x: c, y: y)
      y += 1
    }
    /// A note beside a box: centred on it when it has room, from its top row otherwise.
    func beside(_ parts: [String]) {
      let note = StateDiagram.pack(parts, width: info.width - bw - 2)
      let noteTop = note.count <= 2 ? y + 1 : y
      for (i, line) in note.enumerated() { canvas.text(line, x: bw + 2, y: noteTop + i, .note) }
      y = max(y + 3, noteTop + note.count)
    }
    drawBox(&canvas, .closed, x: 0, y: y)
    y += 3
    arrow(tripParts)
    drawBox(&canvas, .open, x: 0, y: y)
    beside(["stays OPEN:"] + openParts)
    arrow(waitParts)
    drawBox(&canvas, .halfOpen, x: 0, y: y)
    beside(halfOpenRejects ? ["stays HALF_OPEN:"] + halfOpenParts : halfOpenParts)
    let exits = [("CLOSED", closeParts), ("OPEN", reopenParts)]
    for (i, exit) in exits.enumerated() {
      let branch: Character = i == 0 ? g.teeRight : g.bottomLeft
      let lead = "\(exit.0): "
      let lines = StateDiagram.pack(exit.1, width: info.width - 6 - lead.count)
      canvas.put(branch, x: 2, y: y)
      canvas.put(g.horizontal, x: 3, y: y)
      canvas.put(g.arrowRight, x: 4, y: y)
      for (j, line) in lines.enumerated() {
        if i == 0, j > 0 { canvas.put(g.vertical, x: 2, y: y) }
        canvas.text((j == 0 ? lead : String(repeating: " ", count: lead.count)) + line, x: 6, y: y)
        y += 1
      }
    }
    footer(&canvas, y: y + 1)
    return canvas
  }
}
