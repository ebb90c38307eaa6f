/// Turns styled text into what the output shows: ANSI escapes when colour is on, the bare characters otherwise.
public struct Style: Sendable, Equatable {
  /// Whether escapes are written.
  public let color: Bool

  public init(color: Bool) { self.color = color }

  /// The style the settings allow.
  public init(_ info: TerminalInfo) { self.color = info.color }

  /// The terminal form of `text`.
  public func render(_ text: StyledText) -> String {
    guard color else { return text.plain }
    var out = ""
    for span in Style.coalesced(text.spans) {
      let codes = Style.codes(span.attributes, span.color)
      if codes.isEmpty {
        out += span.text
      } else {
        out += "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m" + span.text + "\u{1B}[0m"
      }
    }
    return out
  }

  /// The terminal form of each line.
  public func render(_ lines: [StyledText]) -> [String] { lines.map(render) }

  /// The terminal form of plain characters with attributes.
  public func apply(_ text: String, _ attributes: TextAttributes = [], color: TextColor? = nil) -> String {
    render(StyledText(text, attributes, color: color))
  }

  /// Adjacent runs with the same look merged, so that each run costs one escape sequence.
  static func coalesced(_ spans: [Span]) -> [Span] {
    var out: [Span] = []
    for span in spans {
      if let last = out.last, last.attributes == span.attributes, last.color == span.color {
        out[out.count - 1].text += span.text
      } else {
        out.append(span)
      }
    }
    return out
  }

  private static func codes(_ attributes: TextAttributes, _ color: TextColor?) -> [Int] {
    var codes: [Int] = []
    if attributes.contains(.bold) { codes.append(1) }
    if attributes.contains(.dim) { codes.append(2) }
    if attributes.contains(.italic) { codes.append(3) }
    if attributes.contains(.underline) { codes.append(4) }
    if attributes.contains(.inverse) { codes.append(7) }
    if let color { codes.append(color.rawValue) }
    return codes
  }
}
