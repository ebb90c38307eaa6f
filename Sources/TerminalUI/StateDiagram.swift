import Conformance

/// The breaker's state machine drawn as three boxes with labelled transitions from a configuration.
///
/// Wide outputs (72 columns or more) get the three states side by side; narrower ones a vertical
/// layout. The current state, when given, is drawn with heavy lines and colour, and with a `>> <<`
/// (or `▶ ◀`) marker when colour is off.
public struct StateDiagram: Sendable {
  /// The configuration whose thresholds and timeout label the transitions.
  public var config: BreakerConfig
  /// The state to highlight.
  public var highlight: BreakerState?
  /// Output settings; `ascii` in the initialiser forces 7-bit ASCII.
  public var info: TerminalInfo

  /// The narrowest width that gets the side-by-side layout.
  public static let wideLayoutWidth = 72
  static let boxWidth = 19

  public init(config: BreakerConfig, highlight: BreakerState? = nil, info: TerminalInfo = .plain, ascii: Bool = false) {
    self.config = config
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

  // MARK: Labels

  /// CLOSED→OPEN: `5 consecutive failures`, or the rate rule when a window is configured.
  public var tripLabel: String { tripParts.joined(separator: " ") }

  /// The phrases of `tripLabel`, kept whole when the label is wrapped.
  var tripParts: [String] {
    guard let w = config.window else {
      return [config.failureThreshold == 1 ? "1 failure" : "\(config.failureThreshold) consecutive failures"]
    }
    let ge = info.unicode ? "≥" : ">="
    let span = w.kind == .count ? "of the last \(Int(w.size)) calls" : "of calls in \(formatSeconds(w.size))"
    return ["\(ge)\(formatNumber(w.failureRateThreshold))% failures", span, "(min \(w.minimumCalls) calls)"]
  }

  /// OPEN→HALF_OPEN: `after 30s`, with the trial limit when one is configured.
  public var waitLabel: String {
    waitParts.joined(separator: ", ")
  }

  /// The parts of `waitLabel`: the wait, then the trial limit when one is configured.
  var waitParts: [String] {
    let wait = "after \(formatSeconds(config.recoveryTimeout))"
    guard let k = config.halfOpenMaxCalls else { return [wait] }
    return [wait, "\(k) trial call\(k == 1 ? "" : "s") at a time"]
  }

  /// HALF_OPEN→CLOSED: `1 trial success` or `K trial successes`.
  public var closeLabel: String {
    let k = config.trialsToClose
    return k == 1 ? "1 trial success" : "\(k) trial successes"
  }

  /// HALF_OPEN→OPEN.
  public static let reopenLabel = "a trial fails"
  /// What OPEN does with calls.
  public static let openNote = "rejects calls (CircuitOpenError)"

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
    let (cc, ch) = (cx + bw / 2, hx + bw / 2)
    let trip = StateDiagram.pack(tripParts, separator: " ", width: g1 + bw - 2)
    let wait = waitParts.flatMap { Wrapper.wrap($0, width: g2 + bw - 2) }
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
    canvas.put(g.arrowLeft, x: ox + bw + 1, y: r1 + 1 + 1)
    canvas.horizontal(g.horizontal, from: ox + bw + 2, to: hx - 2, y: r1 + 2)
    canvas.centered(StateDiagram.reopenLabel, center: ox + bw + g2 / 2, y: r1 + 3)
    // OPEN's self-loop with its note.
    let (loopL, loopR) = (ox + 4, ox + 10)
    canvas.put(g.vertical, x: loopL, y: r1 + 3)
    canvas.put(g.arrowUp, x: loopR, y: r1 + 3)
    canvas.put(g.unicode ? "╰" : "+", x: loopL, y: r1 + 4)
    canvas.horizontal(g.horizontal, from: loopL + 1, to: loopR - 1, y: r1 + 4)
    canvas.put(g.unicode ? "╯" : "+", x: loopR, y: r1 + 4)
    let note = Wrapper.wrap(StateDiagram.openNote, width: ch - loopR - 4)
    for (i, line) in note.enumerated() { canvas.text(line, x: loopR + 2, y: r1 + 4 + i, .note) }
    // HALF_OPEN → CLOSED underneath everything.
    let bottom = max(r1 + 6, r1 + 4 + note.count)
    canvas.put(g.arrowUp, x: cc, y: r1 + 3)
    canvas.vertical(g.vertical, x: cc, from: r1 + 4, to: bottom - 1)
    canvas.vertical(g.vertical, x: ch, from: r1 + 3, to: bottom - 1)
    canvas.put(g.bottomLeft, x: cc, y: bottom)
    canvas.horizontal(g.horizontal, from: cc + 1, to: ch - 1, y: bottom)
    canvas.put(g.bottomRight, x: ch, y: bottom)
    canvas.centered(" \(closeLabel) ", center: (cc + ch) / 2, y: bottom)
    return canvas
  }

  /// Lines of at most `width` columns made of whole phrases where they fit, words otherwise.
  static func pack(_ phrases: [String], separator: String, width: Int) -> [String] {
    var lines: [String] = []
    for phrase in phrases {
      if let last = lines.last, last.count + separator.count + phrase.count <= width {
        lines[lines.count - 1] = last + separator + phrase
      } else {
        if !lines.isEmpty, separator.hasPrefix(",") { lines[lines.count - 1] += "," }
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
      let lines = StateDiagram.pack(parts, separator: ", ", width: info.width - c - 2)
      for line in lines {
        canvas.put(g.vertical, x: c, y: y)
        canvas.text(line, x: c + 2, y: y)
        y += 1
      }
      canvas.put(g.arrowDown, x: c, y: y)
      y += 1
    }
    drawBox(&canvas, .closed, x: 0, y: y)
    y += 3
    arrow(tripParts)
    drawBox(&canvas, .open, x: 0, y: y)
    let note = StateDiagram.pack(
      ["stays OPEN:", "rejects calls", "(CircuitOpenError)"], separator: " ", width: info.width - bw - 2)
    let noteTop = note.count <= 2 ? y + 1 : y
    for (i, line) in note.enumerated() { canvas.text(line, x: bw + 2, y: noteTop + i, .note) }
    y = max(y + 3, noteTop + note.count)
    arrow(waitParts)
    drawBox(&canvas, .halfOpen, x: 0, y: y)
    y += 3
    let exits = [("CLOSED", closeLabel), ("OPEN", StateDiagram.reopenLabel)]
    for (i, exit) in exits.enumerated() {
      let branch: Character = i == 0 ? g.teeRight : g.bottomLeft
      let lead = "\(exit.0): "
      let lines = Wrapper.wrap(exit.1, width: info.width - 7 - lead.count)
      canvas.put(branch, x: 2, y: y)
      canvas.put(g.horizontal, x: 3, y: y)
      canvas.put(g.arrowRight, x: 4, y: y)
      for (j, line) in lines.enumerated() {
        if i == 0, j > 0 { canvas.put(g.vertical, x: 2, y: y) }
        canvas.text((j == 0 ? lead : String(repeating: " ", count: lead.count)) + line, x: 6, y: y)
        y += 1
      }
    }
    return canvas
  }
}
