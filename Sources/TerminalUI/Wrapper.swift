/// Word wrapping of styled text by display width.
public enum Wrapper {
  /// Breaks `text` into lines of at most `width` columns at spaces; words wider than a line are split.
  ///
  /// Runs marked `keepTogether` (inline code) are kept on one line whenever they fit.
  public static func wrap(_ text: StyledText, width: Int) -> [StyledText] {
    let width = max(1, width)
    var lines: [StyledText] = []
    var line = StyledText()
    for word in words(text) {
      let w = word.width
      if line.isEmpty {
        line = word
      } else if line.width + 1 + w <= width {
        line.append(space(between: line, and: word))
        line.append(word)
      } else {
        lines.append(line)
        line = word
      }
      while line.width > width {
        let (head, tail) = split(line, at: width)
        lines.append(head)
        line = tail
      }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// The space joining two words: styled like them when both sides share a look (a link, emphasis).
  static func space(between line: StyledText, and word: StyledText) -> StyledText {
    guard let left = line.spans.last, let right = word.spans.first, left.attributes == right.attributes,
      left.color == right.color
    else { return StyledText(" ") }
    return StyledText(spans: [Span(" ", left.attributes, color: left.color)])
  }

  /// Wraps with a first-line prefix and a hanging indent for the following lines.
  public static func wrap(
    _ text: StyledText, width: Int, firstPrefix: StyledText, restPrefix: StyledText
  ) -> [StyledText] {
    let room = width - max(firstPrefix.width, restPrefix.width)
    return wrap(text, width: room).enumerated().map { ($0.offset == 0 ? firstPrefix : restPrefix) + $0.element }
  }

  /// Wraps plain text.
  public static func wrap(_ text: String, width: Int) -> [String] {
    wrap(StyledText(text), width: width).map(\.plain)
  }

  /// Splits text into words at spaces, keeping styled runs and `keepTogether` runs intact.
  static func words(_ text: StyledText) -> [StyledText] {
    var words: [StyledText] = []
    var current: [Span] = []
    func flush() {
      if !current.isEmpty { words.append(StyledText(spans: current)) }
      current = []
    }
    for span in text.spans {
      if span.keepTogether {
        current.append(span)
        continue
      }
      var piece = ""
      for character in span.text {
        if character == " " || character == "\n" || character == "\t" {
          if !piece.isEmpty { current.append(span.withText(piece)) }
          piece = ""
          flush()
        } else {
          piece.append(character)
        }
      }
      if !piece.isEmpty { current.append(span.withText(piece)) }
    }
    flush()
    return words
  }

  /// Splits a line at `columns`, preferring the last space of a `keepTogether` run.
  static func split(_ text: StyledText, at columns: Int) -> (StyledText, StyledText) {
    var head: [Span] = []
    var tail: [Span] = []
    var used = 0
    for span in text.spans {
      if used >= columns {
        tail.append(span)
        continue
      }
      var first = ""
      var rest = ""
      for character in span.text {
        let w = TextWidth.of(character)
        if rest.isEmpty, used + w <= columns {
          first.append(character)
          used += w
        } else {
          rest.append(character)
          used = columns
        }
      }
      if !first.isEmpty { head.append(span.withText(first)) }
      if !rest.isEmpty { tail.append(span.withText(rest)) }
    }
    return (StyledText(spans: head), StyledText(spans: tail))
  }
}
