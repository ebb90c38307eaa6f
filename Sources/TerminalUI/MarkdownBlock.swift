/// A block of lesson Markdown, as the parser reads it.
indirect enum MarkdownBlock: Equatable {
  case heading(level: Int, text: String)
  case paragraph(String)
  case code(language: String, lines: [String])
  case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
  case quote([MarkdownBlock])
  case table(header: [String], alignments: [Alignment], rows: [[String]])
  case rule
  case admonition(kind: AdmonitionKind, title: String?, body: [MarkdownBlock])
  case diagram(DiagramDirective)
}

/// The kinds of `!!!` admonition the lessons use.
public enum AdmonitionKind: String, Sendable, CaseIterable {
  case note, info, tip, warning, danger

  /// The label drawn in the box's border.
  var label: String { rawValue.uppercased() }

  /// The colour of the box.
  var color: TextColor {
    switch self {
    case .note: .blue
    case .info: .cyan
    case .tip: .green
    case .warning: .yellow
    case .danger: .red
    }
  }
}
