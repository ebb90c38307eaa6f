/// Makes text from outside cblearn (a learner's output, standard error, protocol lines) safe to print.
///
/// Terminal control characters are shown as escapes (`\x1b[31m`, `\r`, `\x07`) instead of being sent to
/// the terminal, where they would recolour, move the cursor, retitle the window or clear the screen.
/// Newlines and tabs stay; a lone carriage return is shown as `\r`.
public enum ControlEscaper {
  /// The text with every control character except `\n` and `\t` written as an escape.
  public static func escape(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        out.append(scalar)
        continue
      }
      let escaped: String =
        switch scalar {
        case "\r": "\\r"
        case "\u{08}": "\\b"
        default:
          scalar.value < 0x100 ? "\\x" + hex(scalar.value, digits: 2) : "\\u{" + hex(scalar.value, digits: 4) + "}"
        }
      out.append(contentsOf: escaped.unicodeScalars)
    }
    return String(out)
  }

  /// Whether a scalar is a C0 or C1 control (other than newline and tab), DEL, or a bidirectional override.
  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v == 0x0A || v == 0x09 { return false }
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
  }

  private static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
