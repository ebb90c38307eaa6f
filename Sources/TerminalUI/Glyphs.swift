/// The characters drawings are made of: box-drawing and symbols, or their 7-bit ASCII stand-ins.
public struct Glyphs: Sendable, Equatable {
  /// Line pieces: horizontal, vertical and the four corners.
  public let horizontal: Character
  public let vertical: Character
  public let topLeft: Character
  public let topRight: Character
  public let bottomLeft: Character
  public let bottomRight: Character
  /// Heavy lines for a highlighted box: horizontal, vertical and the four corners.
  public let heavy: (h: Character, v: Character, tl: Character, tr: Character, bl: Character, br: Character)
  /// Junctions: a cross and the four tees.
  public let cross: Character
  public let teeDown: Character
  public let teeUp: Character
  public let teeRight: Character
  public let teeLeft: Character
  /// Arrow heads pointing right, left, up and down.
  public let arrowRight: Character
  public let arrowLeft: Character
  public let arrowUp: Character
  public let arrowDown: Character
  /// List bullet, truncation marker and separator dot.
  public let bullet: String
  public let ellipsis: String
  public let middleDot: String
  /// Filled and empty cells of a progress bar.
  public let filled: Character
  public let empty: Character
  /// Whether these are the Unicode glyphs.
  public let unicode: Bool

  /// The glyphs for Unicode (`true`) or ASCII output.
  public init(unicode: Bool) {
    self.unicode = unicode
    if unicode {
      (horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight) = ("─", "│", "┌", "┐", "└", "┘")
      heavy = ("━", "┃", "┏", "┓", "┗", "┛")
      (cross, teeDown, teeUp, teeRight, teeLeft) = ("┼", "┬", "┴", "├", "┤")
      (arrowRight, arrowLeft, arrowUp, arrowDown) = ("▶", "◀", "▲", "▼")
      (bullet, ellipsis, middleDot, filled, empty) = ("•", "…", "·", "█", "░")
    } else {
      (horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight) = ("-", "|", "+", "+", "+", "+")
      heavy = ("=", "#", "#", "#", "#", "#")
      (cross, teeDown, teeUp, teeRight, teeLeft) = ("+", "+", "+", "+", "+")
      (arrowRight, arrowLeft, arrowUp, arrowDown) = (">", "<", "^", "v")
      (bullet, ellipsis, middleDot, filled, empty) = ("*", "~", "|", "#", "-")
    }
  }

  /// The glyphs the settings allow.
  public init(_ info: TerminalInfo) { self.init(unicode: info.unicode) }

  public static func == (lhs: Glyphs, rhs: Glyphs) -> Bool { lhs.unicode == rhs.unicode }

  /// A horizontal line of `count` columns.
  public func line(_ count: Int) -> String { String(repeating: horizontal, count: max(0, count)) }
}
