import Conformance

/// A `SuiteReport` for humans: a header, a line per check, each distinct failure once, and a summary.
///
/// Failures that read the same (the same message and explanation) are shown once with the checks they
/// stopped; each says under how many of its configurations it failed. `verbose` adds, for every failing
/// check, the full story: expected versus observed, the configuration, the virtual clock's start, the
/// timeline and the numbered trace (`details`). Text from the subject is shown with its control characters
/// escaped. The report ends with `must: 10/12 passed · should: 1/1 · 0 errors` and, when something went
/// wrong, the command that replays the run with the same seed.
public struct ReportRenderer: Sendable {
  /// Output settings: width, colour, character set.
  public var info: TerminalInfo
  /// What was checked as the learner typed it (a file path, or `--exec "CMD"`), for the replay hint.
  public var source: String?
  /// Whether every failing check is followed by its timeline and trace.
  public var verbose: Bool
  /// How to ask for one failure's details, given its check id (shown when not verbose); `nil` says
  /// `--verbose`.
  public var detailsHint: (@Sendable (String) -> String)?
  /// How many distinct failures are explained when not verbose: a starter fails most checks for one or
  /// two reasons, and a report that fills several screens hides the first reason under the others.
  public var failureLimit = 3

  public init(
    info: TerminalInfo = .plain, source: String? = nil, verbose: Bool = false,
    detailsHint: (@Sendable (String) -> String)? = nil
  ) {
    self.info = info
    self.source = source
    self.verbose = verbose
    self.detailsHint = detailsHint
  }

  /// The report as terminal lines.
  public func render(_ report: SuiteReport) -> [String] { Style(info).render(lines(report)) }

  /// The report as styled lines.
  public func lines(_ report: SuiteReport) -> [StyledText] {
    var out = header(report) + [StyledText()]
    let idWidth = min(36, report.checks.map(\.id.count).max() ?? 0)
    for result in report.checks { out += line(for: result, idWidth: idWidth) }
    // Skipped checks are always named; failures and errors beyond the limit are only counted.
    var explained = 0
    var hidden = 0
    for group in FailureGroup.groups(report.checks) {
      if group.first.status != .skip {
        guard verbose || explained < failureLimit else {
          hidden += 1
          continue
        }
        explained += 1
      }
      out.append(StyledText())
      out += lines(for: group, checkCount: report.checks.count)
    }
    if hidden > 0 {
      out.append(StyledText())
      out += wrapped(
        StyledText(
          "… and \(hidden) more failure\(hidden == 1 ? "" : "s"), marked in the list above: the first ones often "
            + "cause the rest, so fix them first.", [.dim]), indent: 2)
    }
    if verbose {
      for result in report.checks where result.status == .fail || result.status == .error {
        out.append(StyledText())
        out += details(result)
      }
    }
    out.append(StyledText())
    out += wrapped(summary(report), indent: 0)
    if !report.passed || report.count(.error) > 0 {
      out += wrapped(StyledText("replay with: ", [.dim]) + StyledText(replayCommand(report), [.bold]), indent: 4)
      if !verbose, let first = report.checks.first(where: { $0.status == .fail || $0.status == .error }) {
        let hint =
          detailsHint?(first.id) ?? "add --verbose for the timeline and trace of every failure"
        out += wrapped(StyledText("details: ", [.dim]) + StyledText(hint), indent: 4)
      }
    }
    return out
  }

  /// `subject: breaker.py · step 3 · seed 42 · suite 1.0.0`, wrapped at the dots when it is too wide.
  public func header(_ report: SuiteReport) -> [StyledText] {
    let dot = " \(Glyphs(info).middleDot) "
    let scope = report.step.map { "step \($0)" } ?? "whole suite"
    let parts = [
      "subject: \(ControlEscaper.escape(report.subject))", scope, "seed \(report.seed)", "suite \(report.suiteVersion)",
    ]
    var lines: [String] = []
    for part in parts {
      if let last = lines.last, TextWidth.of(last + dot + part) <= info.width {
        lines[lines.count - 1] = last + dot + part
      } else {
        lines.append(part)
      }
    }
    return lines.flatMap { Wrapper.wrap(StyledText($0, info.color ? [.bold] : []), width: info.width) }
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

  /// One check's line: mark, id and title (with its level when it is not `must`); the title wraps under
  /// itself, or under the id when the id leaves it too little room.
  public func line(for result: CheckResult, idWidth: Int = 0) -> [StyledText] {
    let lead = StyledText("  ") + mark(result.status) + StyledText(" ")
    let level = result.level == .must ? "" : " (\(result.level.rawValue))"
    let title = StyledText(result.title) + StyledText(level, [.dim])
    let id = StyledText(result.id, result.status == .fail ? [.bold] : [])
    let room = info.width - lead.width - idWidth - 2
    if room >= 16, result.id.count <= idWidth {
      let first = lead + id.padded(to: idWidth) + StyledText("  ")
      let rest = StyledText(String(repeating: " ", count: first.width))
      return Wrapper.wrap(title, width: info.width, firstPrefix: first, restPrefix: rest).map(Table.trimmed)
    }
    let indent = StyledText(String(repeating: " ", count: lead.width + 2))
    return Wrapper.wrap(id, width: info.width, firstPrefix: lead, restPrefix: indent)
      + Wrapper.wrap(title, width: info.width, firstPrefix: indent, restPrefix: indent)
  }

  /// `text` wrapped to the width, each of its own lines separately, continuation lines indented.
  func wrapped(_ text: StyledText, indent: Int, first: StyledText = StyledText()) -> [StyledText] {
    let rest = StyledText(String(repeating: " ", count: indent))
    return Wrapper.wrap(text, width: info.width, firstPrefix: first, restPrefix: rest)
  }

  /// A message of possibly several lines (escaped), each wrapped under `prefix`.
  func paragraph(_ text: String, prefix: Int, attributes: TextAttributes = []) -> [StyledText] {
    let lead = StyledText(String(repeating: " ", count: prefix))
    let rest = StyledText(String(repeating: " ", count: prefix + 2))
    return ControlEscaper.escape(text).split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
      String(line).trimmingSpaces().isEmpty
        ? []
        : Wrapper.wrap(StyledText(String(line), attributes), width: info.width, firstPrefix: lead, restPrefix: rest)
    }
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
