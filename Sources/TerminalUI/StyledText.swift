/// Attributes a run of text can carry on a colour terminal.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Bold (increased intensity).
  public static let bold = TextAttributes(rawValue: 1 << 0)
  /// Dim (decreased intensity).
  public static let dim = TextAttributes(rawValue: 1 << 1)
  /// Italic.
  public static let italic = TextAttributes(rawValue: 1 << 2)
  /// Underlined.
  public static let underline = TextAttributes(rawValue: 1 << 3)
  /// Foreground and background swapped.
  public static let inverse = TextAttributes(rawValue: 1 << 4)
}

/// A foreground colour from the basic ANSI palette.
public enum TextColor: Int, Sendable, Hashable {
  case red = 31, green = 32, yellow = 33, blue = 34, magenta = 35, cyan = 36, gray = 90
}

/// A run of text with one set of attributes.
public struct Span: Sendable, Equatable {
  /// The characters.
  public var text: String
  /// Bold, dim, italic, underline or inverse.
  public var attributes: TextAttributes
  /// The foreground colour; `nil` keeps the terminal's.
  public var color: TextColor?
  /// Whether line wrapping must keep the run on one line when it fits (inline code).
  public var keepTogether: Bool

  public init(_ text: String, _ attributes: TextAttributes = [], color: TextColor? = nil, keepTogether: Bool = false) {
    self.text = text
    self.attributes = attributes
    self.color = color
    self.keepTogether = keepTogether
  }

  /// The same text with other attributes and colour.
  func restyled(_ attributes: TextAttributes, _ color: TextColor?) -> Span {
    Span(text, attributes, color: color, keepTogether: keepTogether)
  }
}

/// Text made of styled runs; renderers build it and `Style` turns it into terminal output.
public struct StyledText: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
  /// The runs, in order.
  public var spans: [Span]

  public init(spans: [Span] = []) { self.spans = spans.filter { !$0.text.isEmpty } }

  /// One run of text.
  public init(_ text: String, _ attributes: TextAttributes = [], color: TextColor? = nil) {
    self.init(spans: [Span(text, attributes, color: color)])
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The characters without any styling.
  public var plain: String { spans.map(\.text).joined() }

  public var description: String { plain }

  /// The columns the text occupies.
  public var width: Int { spans.reduce(0) { $0 + TextWidth.of($1.text) } }

  /// Whether there are no characters.
  public var isEmpty: Bool { spans.allSatisfy { $0.text.isEmpty } }

  /// Appends another text.
  public mutating func append(_ other: StyledText) { spans += other.spans }

  /// Appends plain or styled characters.
  public mutating func append(_ text: String, _ attributes: TextAttributes = [], color: TextColor? = nil) {
    if !text.isEmpty { spans.append(Span(text, attributes, color: color)) }
  }

  public static func + (lhs: StyledText, rhs: StyledText) -> StyledText {
    StyledText(spans: lhs.spans + rhs.spans)
  }

  /// The same text with attributes added to every run and, when given, another colour.
  public func adding(_ attributes: TextAttributes, color: TextColor? = nil) -> StyledText {
    StyledText(spans: spans.map { $0.restyled($0.attributes.union(attributes), color ?? $0.color) })
  }

  /// The text cut to `width` columns, ending with `marker` when something was cut.
  public func truncated(to width: Int, marker: String = "…") -> StyledText {
    guard self.width > width else { return self }
    let room = max(0, width - TextWidth.of(marker))
    var result: [Span] = []
    var used = 0
    outer: for span in spans {
      var text = ""
      for character in span.text {
        let w = TextWidth.of(character)
        if used + w > room {
          if !text.isEmpty { result.append(span.withText(text)) }
          break outer
        }
        text.append(character)
        used += w
      }
      result.append(span.withText(text))
    }
    var cut = StyledText(spans: result)
    if width >= TextWidth.of(marker) { cut.append(marker, [.dim]) }
    return cut
  }

  /// The text padded with spaces to `width` columns.
  public func padded(to width: Int, alignment: Alignment = .left) -> StyledText {
    let missing = max(0, width - self.width)
    guard missing > 0 else { return self }
    switch alignment {
    case .left: return self + StyledText(String(repeating: " ", count: missing))
    case .right: return StyledText(String(repeating: " ", count: missing)) + self
    case .center:
      let left = missing / 2
      return StyledText(String(repeating: " ", count: left)) + self
        + StyledText(String(repeating: " ", count: missing - left))
    }
  }
}

extension Span {
  func withText(_ text: String) -> Span { Span(text, attributes, color: color, keepTogether: keepTogether) }
}
