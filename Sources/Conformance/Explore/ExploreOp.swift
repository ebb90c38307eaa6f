/// One operation of an explore-mode sequence, as it appears on one line of a replay script.
///
/// Lines: `call OUTCOME [DURATION] [fallback]`, `begin ID OUTCOME [fallback]`, `finish ID`,
/// `advance SECONDS`, `state`, `is_open`, `events`, `metrics` (see `docs/explore.md`).
public enum ExploreOp: Sendable, Equatable, CustomStringConvertible {
  case call(Outcome, duration: Double, fallback: Bool)
  case begin(String, Outcome, fallback: Bool)
  case finish(String)
  case advance(Double)
  case state
  case isOpen
  case events
  case metrics

  /// The script line.
  public var description: String {
    switch self {
    case .call(let outcome, let duration, let fallback):
      var text = "call \(outcome.rawValue)"
      if duration > 0 { text += " \(formatNumber(duration))" }
      return fallback ? text + " fallback" : text
    case .begin(let id, let outcome, let fallback):
      return "begin \(id) \(outcome.rawValue)" + (fallback ? " fallback" : "")
    case .finish(let id): return "finish \(id)"
    case .advance(let seconds): return "advance \(formatNumber(seconds))"
    case .state: return "state"
    case .isOpen: return "is_open"
    case .events: return "events"
    case .metrics: return "metrics"
    }
  }

  /// Parses one script line; `nil` when it is not an operation.
  public init?(line: String) {
    let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    guard let head = words.first else { return nil }
    let fallback = words.last == "fallback"
    switch head {
    case "call":
      guard words.count >= 2, let outcome = Outcome(rawValue: words[1]) else { return nil }
      var duration = 0.0
      if words.count >= 3, let d = Double(words[2]) { duration = d }
      self = .call(outcome, duration: duration, fallback: fallback)
    case "begin":
      guard words.count >= 3, let outcome = Outcome(rawValue: words[2]) else { return nil }
      self = .begin(words[1], outcome, fallback: fallback)
    case "finish":
      guard words.count == 2 else { return nil }
      self = .finish(words[1])
    case "advance":
      guard words.count == 2, let seconds = Double(words[1]), seconds >= 0 else { return nil }
      self = .advance(seconds)
    case "state": self = .state
    case "is_open": self = .isOpen
    case "events": self = .events
    case "metrics": self = .metrics
    default: return nil
    }
  }

  /// The protocol request for this operation on breaker `breaker`.
  func request(_ breaker: String) -> Request {
    switch self {
    case .call(let o, let d, let f):
      .call(breaker: breaker, outcome: o, duration: d, fallback: Fallback(f ? .value : nil))
    case .begin(let id, let o, let f):
      .begin(breaker: breaker, call: id, outcome: o, fallback: Fallback(f ? .value : nil))
    case .finish(let id): .finish(call: id)
    case .advance(let s): .advance(seconds: s)
    case .state: .state(breaker: breaker)
    case .isOpen: .isOpen(breaker: breaker)
    case .events: .events(breaker: breaker)
    case .metrics: .metrics(breaker: breaker)
    }
  }
}
