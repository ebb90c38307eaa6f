import Conformance

/// What a lesson's `::: diagram` directive draws, with everything already computed: the state machine's
/// configuration and profile, or the trace of a timeline's script. TerminalUI draws it and never runs a
/// breaker: Curriculum's `LessonDiagrams` runs the scripts and hands the traces over.
public enum Diagram: Sendable, Equatable {
  /// The three states and their transitions under a configuration and profile (`StateDiagram`).
  case stateMachine(config: BreakerConfig, profile: Profile, highlight: BreakerState?)
  /// A trace of the reference model over virtual time (`Timeline`, with the passages through HALF_OPEN that
  /// the model makes), with or without its numbered legend.
  case timeline(trace: [TraceEntry], legend: Bool)

  /// The drawing at the settings' width.
  public func lines(info: TerminalInfo) -> [StyledText] {
    switch self {
    case .stateMachine(let config, let profile, let highlight):
      StateDiagram(config: config, profile: profile, highlight: highlight, info: info).lines()
    case .timeline(let trace, let legend):
      Timeline(entries: trace, info: info, showLegend: legend, showsPassages: true).lines()
    }
  }
}
