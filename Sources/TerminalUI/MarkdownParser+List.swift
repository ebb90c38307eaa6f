extension MarkdownParser {
  /// A list item marker: `-`, `*`, `+` or `1.`/`1)`, with the column its content starts at.
  struct ListMarker {
    var ordered: Bool
    var start: Int
    var indent: Int
    var contentIndent: Int
    var bullet: Character
  }

  /// The list marker at the start of `text`, if any.
  static func listMarker(_ text: String) -> ListMarker? {
    let indent = text.indentation
    let rest = Array(text.dropFirst(indent))
    guard let first = rest.first else { return nil }
    var markerEnd: Int
    var ordered = false
    var start = 1
    if "-*+".contains(first) {
      markerEnd = 1
    } else {
      let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
      guard (1...9).contains(digits.count), digits.count < rest.count, ".)".contains(rest[digits.count]) else {
        return nil
      }
      ordered = true
      start = Int(String(digits)) ?? 1
      markerEnd = digits.count + 1
    }
    guard markerEnd == rest.count || rest[markerEnd] == " " else { return nil }
    if !ordered, markerEnd < rest.count, String(rest).filter({ $0 != " " }).allSatisfy({ $0 == first }),
      String(rest).filter({ $0 != " " }).count >= 3
    {
      return nil  // a rule such as `- - -` or `* * *`
    }
    var spaces = 0
    while markerEnd + spaces < rest.count, rest[markerEnd + spaces] == " " { spaces += 1 }
    if spaces == 0 || spaces > 4 || markerEnd + spaces == rest.count { spaces = 1 }
    return ListMarker(
      ordered: ordered, start: start, indent: indent, contentIndent: indent + markerEnd + spaces,
      bullet: ordered ? rest[markerEnd - 1] : first)
  }

  /// A list starting at line `start`: its items parsed as blocks, and the index after it.
  static func list(_ lines: ArraySlice<Line>, from start: Int) throws(TerminalUIError) -> (MarkdownBlock, Int) {
    guard let first = listMarker(lines[start].text) else { return (.paragraph(lines[start].trimmed), start + 1) }
    var items: [[MarkdownBlock]] = []
    var i = start
    while i < lines.endIndex, let marker = listMarker(lines[i].text), marker.ordered == first.ordered,
      marker.bullet == first.bullet, marker.indent < first.contentIndent
    {
      var body = [Line(number: lines[i].number, text: String(lines[i].text.dropFirst(marker.contentIndent)))]
      var j = i + 1
      while j < lines.endIndex {
        let line = lines[j]
        if line.isBlank {
          var k = j
          while k < lines.endIndex, lines[k].isBlank { k += 1 }
          guard k < lines.endIndex, lines[k].text.indentation >= marker.contentIndent else { break }
          body.append(Line(number: line.number, text: ""))
          j += 1
        } else if line.text.indentation >= marker.contentIndent {
          body.append(Line(number: line.number, text: String(line.text.dropFirst(marker.contentIndent))))
          j += 1
        } else if !(body.last?.isBlank ?? true), listMarker(line.text) == nil, !interruptsLazily(line.trimmed) {
          body.append(Line(number: line.number, text: line.trimmed))
          j += 1
        } else {
          break
        }
      }
      items.append(try blocks(body[...]))
      i = j
      var k = i
      while k < lines.endIndex, lines[k].isBlank { k += 1 }
      if k < lines.endIndex, k > i, let next = listMarker(lines[k].text), next.ordered == first.ordered,
        next.bullet == first.bullet, next.indent < first.contentIndent
      {
        i = k
      }
    }
    return (.list(ordered: first.ordered, start: first.start, items: items), i)
  }

  private static func interruptsLazily(_ t: String) -> Bool {
    t.hasPrefix("#") || t.hasPrefix(">") || t.hasPrefix("```") || t.hasPrefix("~~~") || t.hasPrefix(":::")
      || t.hasPrefix("!!!") || t.hasPrefix("|")
  }
}
