import Conformance

/// Checks that did not pass and read the same: one is shown, the others are named.
struct FailureGroup: Sendable {
  /// The checks, in report order; the first is the one shown.
  var results: [CheckResult]

  var first: CheckResult { results[0] }

  /// The failing, erroring and skipped checks grouped by status, message and explanation, in report order.
  static func groups(_ checks: [CheckResult]) -> [FailureGroup] {
    var groups: [FailureGroup] = []
    for result in checks where result.status != .pass {
      if let index = groups.firstIndex(where: { $0.matches(result) }) {
        groups[index].results.append(result)
      } else {
        groups.append(FailureGroup(results: [result]))
      }
    }
    return groups
  }

  /// Whether `result` failed in the same way as this group's checks.
  func matches(_ result: CheckResult) -> Bool {
    let shown = first
    guard result.status == shown.status, result.message == shown.message else { return false }
    return result.status != .fail || result.motivation == shown.motivation
  }
}

extension ReportRenderer {
  /// One group: the first check's id and title, its message, why it matters and its configurations, then
  /// the other checks it stopped.
  func lines(for group: FailureGroup, checkCount: Int) -> [StyledText] {
    let result = group.first
    let others = group.results.dropFirst().map(\.id)
    var out: [StyledText] = []
    if result.status == .skip {
      let ids = group.results.map(\.id).joined(separator: ", ")
      let count = group.results.count
      out += wrapped(
        mark(.skip) + StyledText(" \(count) check\(count == 1 ? "" : "s") skipped: \(ids)", [.dim]), indent: 4)
      out += paragraph(result.message, prefix: 2, attributes: [.dim])
      return out
    }
    out += wrapped(mark(result.status) + StyledText(" \(result.id): \(result.title)", [.bold]), indent: 4)
    out += paragraph(result.message, prefix: 2)
    if result.status == .fail, !result.motivation.isEmpty {
      out += field("why", result.motivation)
    }
    var notes: [String] = []
    if let note = configurationNote(result) { notes.append(note) }
    if !others.isEmpty {
      let count = group.results.count
      let what = result.status == .error ? "stopped" : "failed"
      notes.append(
        count == checkCount
          ? "the same \(result.status == .error ? "error" : "failure") \(what) all \(count) checks"
          : "the same in \(count - 1) other check\(count == 2 ? "" : "s"): \(others.joined(separator: ", "))")
    }
    if !notes.isEmpty {
      out += wrapped(StyledText(notes.joined(separator: "; "), [.dim]), indent: 4, first: StyledText("  "))
    }
    return out
  }

  /// `  name: value`, wrapped with a hanging indent.
  func field(_ name: String, _ value: String, _ attributes: TextAttributes = []) -> [StyledText] {
    Wrapper.wrap(
      StyledText(name + ": ", [.dim]) + StyledText(ControlEscaper.escape(value), attributes), width: info.width,
      firstPrefix: StyledText("  "), restPrefix: StyledText("    "))
  }

  /// `also under 2 other configurations`, or a note that the other configurations pass; `nil` when the
  /// check ran under one configuration only.
  func configurationNote(_ result: CheckResult) -> String? {
    guard let total = result.configurations, let failing = result.failingConfigurations, total > 1 else { return nil }
    if failing == 1 {
      let only = result.config.map { "only under \($0); " } ?? ""
      return only + "passes under the other \(total - 1) configuration\(total == 2 ? "" : "s"): is a number hard-coded?"
    }
    let others = failing - 1
    return "also under \(others) other configuration\(others == 1 ? "" : "s")"
  }

  /// The whole story of one check that did not pass: message, expected and observed, why it matters, the
  /// configuration, the clock's start, then its timeline and numbered trace.
  public func details(_ result: CheckResult) -> [StyledText] {
    var out = wrapped(mark(result.status) + StyledText(" \(result.id): \(result.title)", [.bold]), indent: 4)
    out += paragraph(result.message, prefix: 2)
    if let expected = result.expected { out += field("expected", expected, info.color ? [.bold] : []) }
    if let observed = result.observed { out += field("observed", observed, info.color ? [.bold] : []) }
    if result.status != .pass, !result.motivation.isEmpty { out += field("why this matters", result.motivation) }
    if let config = result.config {
      out += field("configuration", config + (configurationNote(result).map { " (\($0))" } ?? ""))
    }
    if let start = result.clockStart {
      out += field("clock starts at", "\(start) (\(ReportRenderer.utc(start)))")
    }
    if let script = result.script {
      out.append(StyledText())
      out += wrapped(
        StyledText("replay script (save it as a file and run `--replay FILE`):", [.bold]), indent: 2,
        first: StyledText("  "))
      for line in script.split(separator: "\n") { out.append(StyledText("    " + ControlEscaper.escape(String(line)))) }
    }
    let model = result.modelTrace ?? []
    if !result.trace.isEmpty {
      out.append(StyledText())
      if !model.isEmpty { out.append(StyledText("  ") + StyledText("your breaker:", [.bold])) }
      out += timeline(result.trace)
    }
    if !model.isEmpty {
      out.append(StyledText())
      out.append(StyledText("  ") + StyledText("the reference model:", [.bold]))
      out += timeline(model)
    }
    return out
  }

  /// A trace drawn as a timeline and numbered table, indented, with what the subject wrote escaped.
  private func timeline(_ trace: [TraceEntry]) -> [StyledText] {
    let inner = info.withWidth(info.width - 2)
    let entries = trace.map { entry in
      var safe = entry
      safe.op = ControlEscaper.escape(entry.op)
      safe.observed = ControlEscaper.escape(entry.observed)
      return safe
    }
    return Timeline(entries: entries, info: inner).lines().map { $0.isEmpty ? $0 : StyledText("  ") + $0 }
  }
}
