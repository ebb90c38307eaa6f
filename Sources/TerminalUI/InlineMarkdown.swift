/// Inline Markdown (`code`, *emphasis*, **strong**, [links](url), autolinks, escapes) turned into styled text.
///
/// With colour, code is cyan, emphasis italic, strong bold and link text underlined with the address
/// dimmed after it. Without colour the marks a reader can still see stay: `code` keeps its backticks,
/// strong text becomes `*strong*`, emphasis `_emphasis_`, and links show `text (url)`.
struct InlineMarkdown {
  let color: Bool

  init(color: Bool) { self.color = color }

  /// The styled form of one paragraph's text.
  func render(_ text: String) -> StyledText {
    StyledText(spans: parse(Array(text), [], nil))
  }

  private func parse(_ chars: [Character], _ attributes: TextAttributes, _ tint: TextColor?) -> [Span] {
    var spans: [Span] = []
    var plain = ""
    func flush() {
      if !plain.isEmpty { spans.append(Span(plain, attributes, color: tint)) }
      plain = ""
    }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
        plain.append(chars[i + 1])
        i += 2
        continue
      }
      if c == "`", let (code, end) = codeSpan(chars, i) {
        flush()
        spans.append(
          color
            ? Span(code, attributes, color: .cyan, keepTogether: true)
            : Span("`\(code)`", attributes, color: tint, keepTogether: true))
        i = end
        continue
      }
      if c == "*" || c == "_", let (inner, end, strong) = emphasis(chars, i) {
        flush()
        let added: TextAttributes = strong ? .bold : .italic
        let mark = strong ? "*" : "_"
        if !color { spans.append(Span(mark, attributes, color: tint)) }
        spans += parse(inner, color ? attributes.union(added) : attributes, tint)
        if !color { spans.append(Span(mark, attributes, color: tint)) }
        i = end
        continue
      }
      if c == "[" || (c == "!" && i + 1 < chars.count && chars[i + 1] == "["),
        let link = link(chars, c == "!" ? i + 1 : i)
      {
        flush()
        if c == "!" {
          spans.append(Span("[image: \(String(link.text))]", attributes.union(color ? .dim : []), color: tint))
        } else {
          let label = parse(link.text, color ? attributes.union(.underline) : attributes, color ? .blue : tint)
          spans += label
          if link.url != StyledText(spans: label).plain, !link.url.isEmpty {
            spans.append(Span(" (\(link.url))", attributes.union(color ? .dim : []), color: tint))
          }
        }
        i = link.end
        continue
      }
      if c == "<", let close = chars[(i + 1)...].firstIndex(of: ">") {
        let inside = String(chars[(i + 1)..<close])
        if inside.hasPrefix("http://") || inside.hasPrefix("https://") || inside.hasPrefix("mailto:") {
          flush()
          spans.append(Span(inside, attributes.union(color ? .underline : []), color: color ? .blue : tint))
          i = close + 1
          continue
        }
      }
      plain.append(c)
      i += 1
    }
    flush()
    return spans
  }

  /// A code span starting at `start`: its text and the index after its closing backticks.
  private func codeSpan(_ chars: [Character], _ start: Int) -> (String, Int)? {
    var n = 0
    while start + n < chars.count, chars[start + n] == "`" { n += 1 }
    var j = start + n
    while j < chars.count {
      if chars[j] == "`" {
        var m = 0
        while j + m < chars.count, chars[j + m] == "`" { m += 1 }
        if m == n {
          var code = String(chars[(start + n)..<j])
          if code.count > 2, code.hasPrefix(" "), code.hasSuffix(" ") { code = String(code.dropFirst().dropLast()) }
          return (code, j + m)
        }
        j += m
      } else {
        j += 1
      }
    }
    return nil
  }

  /// Emphasis or strong emphasis starting at `start`: the inner characters, the index after, whether strong.
  private func emphasis(_ chars: [Character], _ start: Int) -> ([Character], Int, Bool)? {
    let mark = chars[start]
    let strong = start + 1 < chars.count && chars[start + 1] == mark
    let width = strong ? 2 : 1
    let open = start + width
    guard open < chars.count, !chars[open].isWhitespace else { return nil }
    if mark == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
    var j = open + 1
    while j + width <= chars.count {
      if chars[j] == "`", let (_, end) = codeSpan(chars, j) {
        j = end
        continue
      }
      let closes = (0..<width).allSatisfy { chars[j + $0] == mark }
      let tooMany = j + width < chars.count && chars[j + width] == mark
      if closes, strong, tooMany {
        j += 1  // `***x***`: the strong run closes with the last two marks, keeping `*x*` inside.
        continue
      }
      if closes, !chars[j - 1].isWhitespace, !tooMany {
        let after = j + width
        if mark == "_", after < chars.count, chars[after].isLetter || chars[after].isNumber {
          j += 1
          continue
        }
        return (Array(chars[open..<j]), after, strong)
      }
      if !strong, chars[j] == mark, j + 1 < chars.count, chars[j + 1] == mark { j += 2 } else { j += 1 }
    }
    return nil
  }

  /// A link `[text](url)` starting at the `[` at `start`.
  private func link(_ chars: [Character], _ start: Int) -> (text: [Character], url: String, end: Int)? {
    var depth = 0
    var j = start
    while j < chars.count {
      if chars[j] == "[" { depth += 1 }
      if chars[j] == "]" {
        depth -= 1
        if depth == 0 { break }
      }
      j += 1
    }
    guard j + 1 < chars.count, chars[j + 1] == "(", let close = chars[(j + 2)...].firstIndex(of: ")") else {
      return nil
    }
    var url = String(chars[(j + 2)..<close]).trimmingSpaces()
    if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }
    return (Array(chars[(start + 1)..<j]), url, close + 1)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let chars = Array(self)
    var start = 0
    var end = chars.count
    while start < end, chars[start] == " " || chars[start] == "\t" { start += 1 }
    while end > start, chars[end - 1] == " " || chars[end - 1] == "\t" { end -= 1 }
    return String(chars[start..<end])
  }

  /// The number of leading spaces.
  var indentation: Int { prefix(while: { $0 == " " }).count }
}
