import Conformance

/// A `SuiteReport` for humans: a header, a line per check, the story of each failure, and a summary.
///
/// Each failing check shows its message, expected versus observed, why the check matters, the
/// configuration and the virtual clock's start, then its timeline and numbered trace. The report ends with
/// `must: 10/12 passed · should: 1/1 · 0 errors` and, when something went wrong, the command that replays
/// the run with the same seed.
public struct ReportRenderer: Sendable {
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// What was checked as the learner typed it (a file path, or `--exec "CMD"`), for the replay hint.
  public var source: String?

  public init(info: TerminalInfo = .plain, source: String? = nil) {
    self.info = info
    self.source = source
  }

  /// The report as terminal lines.
  public func render(_ report: SuiteReport) -> [String] { Style(info).render(lines(report)) }

  /// The report as styled lines.
  public func lines(_ report: SuiteReport) -> [StyledText] {
    var out = [header(report), StyledText()]
    let idWidth = min(36, report.checks.map(\.id.count).max() ?? 0)
    for result in report.checks {
      out.append(line(for: result, idWidth: idWidth))
      if result.status == .error || result.status == .skip {
        let indent = StyledText(String(repeating: " ", count: 3 + mark(result.status).width))
        out += Wrapper.wrap(
          StyledText(result.message, result.status == .skip ? [.dim] : []), width: info.width,
          firstPrefix: indent, restPrefix: indent)
      }
    }
    for result in report.checks where result.status == .fail {
      out.append(StyledText())
      out += details(result)
    }
    out.append(StyledText())
    out.append(summary(report))
    if !report.passed || report.count(.error) > 0 {
      out.append(StyledText("replay with: ", [.dim]) + StyledText(replayCommand(report), [.bold]))
    }
    return out
  }

  /// `subject: breaker.py · step 3 · seed 42`.
  public func header(_ report: SuiteReport) -> StyledText {
    let dot = " \(Glyphs(info).middleDot) "
    let scope = report.step.map { "step \($0)" } ?? "whole suite"
    let text = ["subject: \(report.subject)", scope, "seed \(report.seed)", "suite \(report.suiteVersion)"]
      .joined(separator: dot)
    return StyledText(
      TextWidth.truncate(text, to: info.width, marker: Glyphs(info).ellipsis), info.color ? [.bold] : [])
  }

  /// The status mark: `✓ ✗ ! -`, or `PASS FAIL ERR SKIP` in ASCII.
  public func mark(_ status: CheckStatus) -> StyledText {
    let (symbol, word, color): (String, String, TextColor) =
      switch status {
      case .pass: ("✓", "PASS", .green)
      case .fail: ("✗", "FAIL", .red)
      case .error: ("!", "ERR", .yellow)
      case .skip: ("-", "SKIP", .gray)
      }
    return StyledText(info.unicode ? symbol : TextWidth.pad(word, to: 4), [.bold], color: color)
  }

  /// One check's line: mark, id and title (with its level when it is not `must`).
  public func line(for result: CheckResult, idWidth: Int = 0) -> StyledText {
    var line = StyledText("  ") + mark(result.status) + StyledText(" ")
    line.append(TextWidth.pad(result.id, to: idWidth) + "  ", result.status == .fail ? [.bold] : [])
    let level = result.level == .must ? "" : " (\(result.level.rawValue))"
    line.append(StyledText(result.title) + StyledText(level, [.dim]))
    return line.truncated(to: info.width, marker: Glyphs(info).ellipsis)
  }

  /// The story of one failing check.
  public func details(_ result: CheckResult) -> [StyledText] {
    var out: [StyledText] = [mark(result.status) + StyledText(" \(result.id): \(result.title)", [.bold])]
    let indent = StyledText("  ")
    func field(_ name: String, _ value: String, _ attributes: TextAttributes = []) {
      out += Wrapper.wrap(
        StyledText(name + ": ", [.dim]) + StyledText(value, attributes), width: info.width, firstPrefix: indent,
        restPrefix: StyledText("    "))
    }
    out += Wrapper.wrap(StyledText(result.message), width: info.width, firstPrefix: indent, restPrefix: indent)
    if let expected = result.expected { field("expected", expected, info.color ? [.bold] : []) }
    if let observed = result.observed { field("observed", observed, info.color ? [.bold] : []) }
    if !result.motivation.isEmpty { field("why this matters", result.motivation) }
    if let config = result.config { field("configuration", config) }
    if let start = result.clockStart { field("clock starts at", "\(start) (\(ReportRenderer.utc(start)))") }
    if let script = result.script {
      out.append(StyledText())
      out.append(indent + StyledText("replay script (save it as a file and run `--replay FILE`):", [.bold]))
      for line in script.split(separator: "\n") { out.append(StyledText("    " + line)) }
    }
    let inner = info.withWidth(info.width - 2)
    let model = result.modelTrace ?? []
    if !result.trace.isEmpty {
      out.append(StyledText())
      if !model.isEmpty { out.append(indent + StyledText("your breaker:", [.bold])) }
      out += Timeline(entries: result.trace, info: inner).lines().map { $0.isEmpty ? $0 : indent + $0 }
    }
    if !model.isEmpty {
      out.append(StyledText())
      out.append(indent + StyledText("the reference model:", [.bold]))
      out += Timeline(entries: model, info: inner).lines().map { $0.isEmpty ? $0 : indent + $0 }
    }
    return out
  }

  /// `must: 10/12 passed · should: 1/1 · 0 errors`, with skipped checks when there are any.
  public func summary(_ report: SuiteReport) -> StyledText {
    var parts: [StyledText] = []
    for level in CheckLevel.allCases {
      let checks = report.checks.filter { $0.level == level && $0.status != .skip }
      guard !checks.isEmpty || level == .must else { continue }
      let passed = checks.filter { $0.status == .pass }.count
      let text = "\(level.rawValue): \(passed)/\(checks.count)" + (level == .must ? " passed" : "")
      let color: TextColor? = level == .must ? (passed == checks.count ? .green : .red) : nil
      parts.append(StyledText(text, level == .must ? [.bold] : [], color: color))
    }
    let errors = report.count(.error)
    parts.append(
      StyledText(
        "\(errors) error\(errors == 1 ? "" : "s")", errors > 0 ? [.bold] : [], color: errors > 0 ? .yellow : nil))
    let skipped = report.count(.skip)
    if skipped > 0 { parts.append(StyledText("\(skipped) skipped", [.dim])) }
    var line = StyledText()
    for (index, part) in parts.enumerated() {
      if index > 0 { line.append(" \(Glyphs(info).middleDot) ") }
      line.append(part)
    }
    return line
  }

  /// `cblearn check 3 breaker.py --seed 42` (or `cblearn conformance … --seed 42` for a whole-suite run).
  public func replayCommand(_ report: SuiteReport) -> String {
    let what = source ?? "FILE"
    if let step = report.step { return "cblearn check \(step) \(what) --seed \(report.seed)" }
    return "cblearn conformance \(what) --seed \(report.seed)"
  }

  /// A Unix time as `2025-11-29 08:00:00 UTC`.
  static func utc(_ seconds: Int64) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day)) \(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)) UTC"
  }
}
