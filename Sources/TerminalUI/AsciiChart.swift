import Foundation
import SimulationResults

/// Plain-text charts over time: bar charts, state strips and level strips, fitted to a width.
///
/// Each column of a chart covers an equal slice of the seconds; values in a slice are combined by
/// the caller's choice (mean or maximum).
public struct AsciiChart {
  /// Columns available for the plotted area.
  public let columns: Int
  /// The number of seconds plotted.
  public let seconds: Int
  /// Colour escapes, or none.
  public let style: Style

  public init(columns: Int, seconds: Int, style: Style) {
    self.columns = max(10, min(columns, max(seconds, 10)))
    self.seconds = seconds
    self.style = style
  }

  /// The seconds that column `column` covers.
  public func slice(_ column: Int) -> Range<Int> {
    let start = column * seconds / columns
    let end = max(start + 1, (column + 1) * seconds / columns)
    return start..<min(end, seconds)
  }

  /// Combines `series` into one value per column.
  public func fit(_ series: [Double], max useMax: Bool) -> [Double] {
    (0..<columns).map { column in
      let values = slice(column).map { $0 < series.count ? series[$0] : 0 }
      guard !values.isEmpty else { return 0 }
      return useMax ? (values.max() ?? 0) : values.reduce(0, +) / Double(values.count)
    }
  }

  /// A bar chart of `values` (one per column), `height` rows, with a y-axis label column of `gutter`.
  public func bars(
    _ values: [Double], height: Int, gutter: Int, top: Double? = nil, log: Bool = false,
    marks: [Double]? = nil, unit: String = ""
  ) -> [String] {
    let peak = max(top ?? (values.max() ?? 0), marks?.max() ?? 0, 1e-9)
    func level(_ value: Double) -> Double {
      guard log else { return value / peak * Double(height) }
      guard value >= 1 else { return 0 }
      return Foundation.log10(value) / Foundation.log10(max(peak, 10)) * Double(height)
    }
    var lines: [String] = []
    for row in (0..<height).reversed() {
      let label = row == height - 1 ? format(peak) + unit : row == 0 ? (log ? "1" + unit : "0") : ""
      var line = pad(label, gutter) + "|"
      for (column, value) in values.enumerated() {
        let filled = level(value) > Double(row) + 0.5 || (row == 0 && value > 0)
        let mark = marks.map { level($0[column]) }.map { Int($0.rounded(.down)) == row && $0 > 0 } ?? false
        line += mark ? "o" : filled ? "#" : " "
      }
      lines.append(line.trimmingTrailing())
    }
    return lines
  }

  /// The time axis: a rule and labels at a few round times.
  public func axis(gutter: Int) -> [String] {
    var rule = Array(String(repeating: "-", count: columns))
    var labels = Array(String(repeating: " ", count: columns + 8))
    let step =
      [10, 30, 60, 120, 300, 600, 1800, 3600].first { Double(seconds) / Double($0) <= Double(columns) / 9 } ?? 3600
    var time = 0
    while time < seconds {
      let column = time * columns / seconds
      rule[column] = "+"
      let text = Array(SimDuration.label(Double(time)))
      if column + text.count <= labels.count, labels[column..<(column + text.count)].allSatisfy({ $0 == " " }),
        column == 0 || labels[column - 1] == " "
      {
        labels.replaceSubrange(column..<(column + text.count), with: text)
      }
      time += step
    }
    return [pad("", gutter) + "+" + String(rule), pad("", gutter) + " " + String(labels).trimmingTrailing()]
  }

  /// A strip marking the columns inside any of `windows` (the faults).
  public func window(_ windows: [ClosedRange<Double>], gutter: Int, label: String) -> String? {
    guard !windows.isEmpty else { return nil }
    let cells = (0..<columns).map { column -> Character in
      let range = slice(column)
      let inside = windows.contains {
        Double(range.upperBound) > $0.lowerBound && Double(range.lowerBound) < $0.upperBound
      }
      return inside ? "^" : " "
    }
    return pad(label, gutter) + " " + paint(String(cells).trimmingTrailing(), .red)
  }

  /// A strip of characters, one per column, each coloured by `colourOf`.
  public func strip(_ cells: [Character], gutter: Int, label: String, colourOf: (Character) -> TextColor?) -> String {
    var line = pad(label, gutter) + "|"
    for cell in cells { line += colourOf(cell).map { paint(String(cell), $0) } ?? String(cell) }
    return line
  }

  /// `text` in `color` when colour is on.
  public func paint(_ text: String, _ color: TextColor) -> String {
    text.isEmpty ? text : style.apply(text, color: color)
  }

  func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? String(text.prefix(width)) : String(repeating: " ", count: width - text.count) + text
  }

  func format(_ value: Double) -> String {
    if value >= 10_000 { return "\(Int((value / 1000).rounded()))k" }
    if value >= 100 || value == value.rounded() { return "\(Int(value.rounded()))" }
    return String(format: "%.1f", value)
  }
}

extension String {
  /// The string without trailing spaces.
  func trimmingTrailing() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
