/// Terminal column widths of text: wide characters take two columns, marks and escape sequences none.
public enum TextWidth {
  /// The columns `text` occupies, ignoring ANSI escape sequences.
  public static func of(_ text: String) -> Int {
    var width = 0
    for character in stripANSI(text) { width += of(character) }
    return width
  }

  /// The columns one character occupies (0, 1 or 2).
  public static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
    if first.isASCII { return 1 }
    if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if isWide(first.value) || first.properties.isEmojiPresentation { return 2 }
    return 1
  }

  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
  ]

  private static func isWide(_ value: UInt32) -> Bool {
    value >= 0x1100 && wideRanges.contains { $0.contains(value) }
  }

  /// The text without ANSI escape sequences (CSI such as colours, and OSC such as hyperlinks).
  public static func stripANSI(_ text: String) -> String {
    guard text.contains("\u{1B}") else { return text }
    var result = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "\u{1B}" else {
        result.append(scalar)
        continue
      }
      guard let kind = scalars.next() else { break }
      if kind == "[" {
        while let s = scalars.next(), !(0x40...0x7E).contains(s.value) {}
      } else if kind == "]" {
        var previous: Unicode.Scalar = " "
        while let s = scalars.next() {
          if s == "\u{07}" || (previous == "\u{1B}" && s == "\\") { break }
          previous = s
        }
      }
    }
    return String(result)
  }

  /// Plain text cut to `width` columns, ending with `marker` when something was cut.
  public static func truncate(_ text: String, to width: Int, marker: String = "…") -> String {
    guard of(text) > width else { return text }
    let room = max(0, width - of(marker))
    var result = ""
    var used = 0
    for character in text {
      let w = of(character)
      if used + w > room { break }
      result.append(character)
      used += w
    }
    return width >= of(marker) ? result + marker : result
  }

  /// Plain or styled text padded with spaces to `width` columns.
  public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
    let missing = max(0, width - of(text))
    switch alignment {
    case .left: return text + String(repeating: " ", count: missing)
    case .right: return String(repeating: " ", count: missing) + text
    case .center:
      let left = missing / 2
      return String(repeating: " ", count: left) + text + String(repeating: " ", count: missing - left)
    }
  }
}

/// Horizontal alignment in a column.
public enum Alignment: String, Sendable, Equatable {
  case left, center, right
}
