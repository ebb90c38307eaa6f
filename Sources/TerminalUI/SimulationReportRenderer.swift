import Foundation
import SimulationResults

/// Renders the simulator's results (`SimulationResult`) as text for a terminal of a given width: header,
/// charts over time and summary tables, no line wider than the width, colour only when `Style` allows it.
///
/// The simulator produces the figures and knows nothing of terminals; this is the one place they are drawn.
public struct SimulationReportRenderer {
  public let width: Int
  /// Colour escapes, or none (not a terminal, or `NO_COLOR`).
  public let style: Style

  public init(width: Int = 80, colour: Bool = false) {
    self.width = max(40, width)
    self.style = Style(color: colour)
  }

  /// A renderer for the terminal `info` describes: its width and whether colour is allowed.
  public init(_ info: TerminalInfo) {
    self.init(width: info.width, colour: info.color)
  }

  /// The full report of one run: header, charts over time, then the summary tables.
  public func render(_ result: SimulationResult) -> String {
    fitted(header(result) + [""] + charts(result, width: width) + [""] + summary(result)).joined(separator: "\n") + "\n"
  }

  /// Two (or more) runs side by side: charts in columns when the width allows, then one comparison table.
  public func render(comparing results: [SimulationResult]) -> String {
    guard results.count > 1 else { return results.first.map(render) ?? "" }
    var lines = header(results[0], comparing: results.map(\.breaker)) + [""]
    let half = (width - 3) / 2
    if results.count == 2, half >= 50 {
      let left = [bold("breaker: \(results[0].breaker)")] + charts(results[0], width: half)
      let right = [bold("breaker: \(results[1].breaker)")] + charts(results[1], width: half)
      for index in 0..<max(left.count, right.count) {
        let l = index < left.count ? left[index] : ""
        let r = index < right.count ? right[index] : ""
        lines.append(
          (l + String(repeating: " ", count: max(0, half - Self.visibleWidth(l))) + " | " + r).trimmingTrailing())
      }
    } else {
      for result in results { lines += [bold("breaker: \(result.breaker)")] + charts(result, width: width) + [""] }
    }
    lines += [""] + comparison(results)
    return fitted(lines).joined(separator: "\n") + "\n"
  }

  /// Wraps lines wider than the width at spaces, measuring what is printed (colour codes take no column), so
  /// a coloured heading wraps where its plain form does; charts are fitted already and never reach here.
  func fitted(_ lines: [String]) -> [String] {
    lines.flatMap { line -> [String] in
      guard Self.visibleWidth(line) > width else { return [line] }
      var wrapped: [String] = []
      var current = ""
      for word in line.split(separator: " ", omittingEmptySubsequences: false) {
        if !current.isEmpty, Self.visibleWidth(current) + 1 + Self.visibleWidth(String(word)) > width {
          wrapped.append(current)
          current = "  " + word
        } else {
          current += current.isEmpty ? String(word) : " " + word
        }
      }
      wrapped.append(current)
      // A word longer than the width is broken, never cut.
      return wrapped.flatMap { line -> [String] in
        var rest = Substring(line)
        var pieces: [String] = []
        while rest.count > width, !rest.contains("\u{1B}") {
          pieces.append(String(rest.prefix(width)))
          rest = "  " + rest.dropFirst(width)
        }
        return pieces + [String(rest)]
      }
    }
  }

  func header(_ result: SimulationResult, comparing breakers: [String]? = nil) -> [String] {
    let who = breakers.map { "breakers: " + $0.joined(separator: " vs ") } ?? "breaker: \(result.breaker)"
    var lines = [
      bold("Simulation of '\(result.scenario)'") + ", \(who), seed \(result.seed), "
        + "\(SimDuration.label(result.duration)) at \(Int(result.rate)) page requests/s"
    ]
    for fault in result.faults {
      var what: [String] = []
      if let latency = fault.latency { what.append("answers in \(SimDuration.label(latency))") }
      if let rate = fault.errorRate { what.append("fails \(Int((rate * 100).rounded()))% of requests") }
      lines.append(
        paint("fault: ", .red) + "\(fault.target) \(what.joined(separator: " and ")) "
          + "from \(SimDuration.label(fault.start)) to \(SimDuration.label(fault.end))")
    }
    return lines
  }

  /// The charts of one run, fitted to `width` columns.
  func charts(_ result: SimulationResult, width: Int) -> [String] {
    let gutter = 16
    let seconds = result.timeline.served.count
    let chart = AsciiChart(columns: width - gutter - 2, seconds: seconds, style: style)
    let windows = result.faults.filter { $0.end >= $0.start }.map { $0.start...$0.end }
    var lines: [String] = [bold("Successful pages per second")]
    lines += chart.bars(chart.fit(result.timeline.served.map(Double.init), max: false), height: 6, gutter: gutter)
    lines += chart.axis(gutter: gutter)
    if let strip = chart.window(windows, gutter: gutter, label: "fault") { lines.append(strip) }
    lines += ["", bold("Response time, ms") + " (# p99, o p50, log scale)"]
    lines += chart.bars(
      chart.fit(result.timeline.p99Ms, max: true), height: 6, gutter: gutter, log: true,
      marks: chart.fit(result.timeline.p50Ms, max: true))
    lines += chart.axis(gutter: gutter)
    lines += ["", bold("Pool use") + " (. : = # by load, ! exhausted)"]
    for pool in result.timeline.pools {
      let cells = chart.fit(pool.peak.map(Double.init), max: true).map { value -> Character in
        let share = value / Double(max(pool.capacity, 1))
        return share >= 1 ? "!" : share >= 0.75 ? "#" : share >= 0.5 ? "=" : share >= 0.25 ? ":" : share > 0 ? "." : " "
      }
      lines.append(
        chart.strip(cells, gutter: gutter, label: "\(pool.tier) \(pool.capacity)") { $0 == "!" ? .red : nil })
    }
    if !result.timeline.breakers.isEmpty {
      lines += ["", bold("Breakers") + " (C closed, H half-open, O open)"]
      for breaker in result.timeline.breakers {
        let states = Array(breaker.states)
        let cells = (0..<chart.columns).map { column -> Character in
          let slice = chart.slice(column).map { $0 < states.count ? states[$0] : "C" }
          return slice.contains("O") ? "O" : slice.contains("H") ? "H" : "C"
        }
        lines.append(
          chart.strip(cells, gutter: gutter, label: breaker.service) { $0 == "O" ? .red : $0 == "H" ? .yellow : .green }
        )
      }
      lines += chart.axis(gutter: gutter)
    }
    return lines
  }

  /// `text` in bold, when colour is on.
  func bold(_ text: String) -> String { style.apply(text, .bold) }

  /// `text` in `color`, when colour is on.
  func paint(_ text: String, _ color: TextColor) -> String { style.apply(text, color: color) }

  /// The printed width of a line, without ANSI colour codes.
  static func visibleWidth(_ line: String) -> Int { TextWidth.of(TextWidth.stripANSI(line)) }
}
