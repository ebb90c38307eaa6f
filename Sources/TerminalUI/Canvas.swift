/// A grid of characters with a role per cell, for drawings that are then styled line by line.
struct Canvas {
  /// What a cell belongs to; the drawing maps roles to attributes.
  enum Ink: Equatable {
    case plain, line, label, highlight, note, failure
  }

  private(set) var cells: [[(character: Character, ink: Ink)]]
  let width: Int

  init(width: Int, height: Int) {
    self.width = width
    cells = Array(repeating: Array(repeating: (" ", .plain), count: width), count: height)
  }

  var height: Int { cells.count }

  /// Adds empty rows at the bottom until the canvas has `rows` rows.
  mutating func grow(to rows: Int) {
    while cells.count < rows { cells.append(Array(repeating: (" ", .plain), count: width)) }
  }

  /// The character at a position, or a space outside the canvas.
  func character(x: Int, y: Int) -> Character {
    guard y >= 0, y < cells.count, x >= 0, x < width else { return " " }
    return cells[y][x].character
  }

  mutating func put(_ character: Character, x: Int, y: Int, _ ink: Ink = .line) {
    guard x >= 0, x < width, y >= 0 else { return }
    grow(to: y + 1)
    cells[y][x] = (character, ink)
  }

  /// Writes text from `x`, one column per character, clipped at the right edge.
  mutating func text(_ text: String, x: Int, y: Int, _ ink: Ink = .label) {
    for (offset, character) in text.enumerated() { put(character, x: x + offset, y: y, ink) }
  }

  /// Writes text centred on column `center`, kept inside the canvas.
  mutating func centered(_ text: String, center: Int, y: Int, _ ink: Ink = .label) {
    let start = min(max(0, center - text.count / 2), max(0, width - text.count))
    self.text(text, x: start, y: y, ink)
  }

  mutating func horizontal(_ glyph: Character, from x0: Int, to x1: Int, y: Int, _ ink: Ink = .line) {
    guard x0 <= x1 else { return }
    for x in x0...x1 { put(glyph, x: x, y: y, ink) }
  }

  mutating func vertical(_ glyph: Character, x: Int, from y0: Int, to y1: Int, _ ink: Ink = .line) {
    guard y0 <= y1 else { return }
    for y in y0...y1 { put(glyph, x: x, y: y, ink) }
  }

  /// Draws a three-row box with `label` centred; `heavy` uses the highlight glyphs.
  mutating func box(x: Int, y: Int, width w: Int, label: String, glyphs: Glyphs, heavy: Bool, ink: Ink) {
    let g =
      heavy
      ? glyphs.heavy
      : (glyphs.horizontal, glyphs.vertical, glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight)
    put(g.2, x: x, y: y, ink)
    horizontal(g.0, from: x + 1, to: x + w - 2, y: y, ink)
    put(g.3, x: x + w - 1, y: y, ink)
    put(g.1, x: x, y: y + 1, ink)
    horizontal(" ", from: x + 1, to: x + w - 2, y: y + 1, ink)
    centered(label, center: x + w / 2, y: y + 1, ink)
    put(g.1, x: x + w - 1, y: y + 1, ink)
    put(g.4, x: x, y: y + 2, ink)
    horizontal(g.0, from: x + 1, to: x + w - 2, y: y + 2, ink)
    put(g.5, x: x + w - 1, y: y + 2, ink)
  }

  /// The rows as styled lines without trailing spaces; `style` gives each role its look.
  func lines(_ style: (Ink) -> (TextAttributes, TextColor?)) -> [StyledText] {
    cells.map { row in
      var end = row.count
      while end > 0, row[end - 1].character == " " { end -= 1 }
      var text = StyledText()
      var run = ""
      var runInk = Ink.plain
      for cell in row[..<end] {
        let ink = cell.character == " " ? Ink.plain : cell.ink
        if ink != runInk, !run.isEmpty {
          let (attributes, color) = style(runInk)
          text.append(run, attributes, color: color)
          run = ""
        }
        runInk = ink
        run.append(cell.character)
      }
      let (attributes, color) = style(runInk)
      text.append(run, attributes, color: color)
      return text
    }
  }
}
