import Conformance

/// Renders an explore-mode report: what was explored and, on a divergence, the minimal script and both timelines.
public struct ExploreRenderer: Sendable {
  public var info: TerminalInfo

  public init(info: TerminalInfo = .plain) { self.info = info }

  /// The report as terminal lines.
  public func render(_ report: ExploreReport) -> [String] {
    let style = Style(info)
    var out: [StyledText] = []
    let dot = " \(Glyphs(info).middleDot) "
    out.append(
      StyledText(
        [
          "subject: \(report.subject)", "seed \(report.seed)",
          "\(report.runsCompleted)/\(report.runs) runs of \(report.length) operations",
          "\(report.operations) operations",
        ].joined(separator: dot), info.color ? [.bold] : []))
    guard let divergence = report.divergence else {
      out.append(
        StyledText("no divergence: the subject agreed with the reference model on every sequence", color: .green))
      return style.render(out)
    }
    out.append(StyledText())
    out += Wrapper.wrap(
      StyledText(
        "divergence (run \(divergence.run + 1), shrunk from \(divergence.originalLength) operations): ", [.bold])
        + StyledText(divergence.message), width: info.width)
    out.append(StyledText())
    out.append(StyledText("minimal script (save it and run it again with --replay FILE):", [.bold]))
    for line in divergence.script.split(separator: "\n", omittingEmptySubsequences: false) {
      out.append(StyledText("  " + line))
    }
    var lines = style.render(out)
    lines.append("")
    lines.append(style.render(StyledText("your breaker:", [.bold])))
    lines += Timeline(entries: divergence.subjectTrace, info: info).render()
    lines.append("")
    lines.append(style.render(StyledText("the reference model:", [.bold])))
    lines += Timeline(entries: divergence.modelTrace, info: info).render()
    return lines
  }
}
