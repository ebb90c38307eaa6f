import Conformance

/// A `::: diagram KIND key=value …` line of a lesson: what to draw and with which configuration.
public struct DiagramDirective: Sendable, Equatable {
  /// What the directive draws.
  public enum Kind: String, Sendable, CaseIterable {
    /// The three states and their transitions (`StateDiagram`).
    case stateMachine = "state-machine"
    /// A script's trace of the reference breaker, drawn over virtual time (`Timeline`); the script is run
    /// before drawing, outside TerminalUI.
    case timeline
  }

  /// What to draw.
  public var kind: Kind
  /// The parameters as written, quotes removed.
  public var parameters: [String: String]
  /// The line of the directive in the lesson file.
  public var line: Int

  static let configKeys = [
    "failure_threshold", "recovery_timeout", "half_open_max_calls", "success_threshold", "window", "window_size",
    "minimum_calls", "failure_rate_threshold", "slow_call_duration", "slow_call_rate_threshold",
    "max_concurrent_calls",
  ]
  /// The profile knobs a diagram can be drawn under (the rest do not change a label or a demo run).
  static let profileKeys = [
    "open_boundary", "state_read", "half_open_admission", "hung_trial", "rate_comparison", "fallback_on",
  ]
  static let allowedKeys: [Kind: [String]] = [
    .stateMachine: configKeys + profileKeys + ["highlight"],
    .timeline: configKeys + profileKeys + ["script", "legend"],
  ]

  public init(kind: Kind, parameters: [String: String], line: Int) {
    self.kind = kind
    self.parameters = parameters
    self.line = line
  }

  /// Parses and checks a directive line: the kind, known keys, and values that make sense.
  public static func parse(_ text: String, line: Int) throws(TerminalUIError) -> DiagramDirective {
    func fail(_ message: String) -> TerminalUIError { .malformedDirective(line: line, message: message) }
    var rest = Substring(text.trimmingSpaces())
    guard rest.hasPrefix(":::") else { throw fail("a directive starts with ':::'") }
    rest = rest.dropFirst(3)
    let words = try tokens(rest, line: line)
    guard words.first == "diagram" else {
      throw fail(
        "unknown directive '\(words.first ?? "")': write '::: diagram state-machine …' or '::: diagram timeline …'")
    }
    let kinds = Kind.allCases.map(\.rawValue).joined(separator: " or ")
    guard words.count > 1 else { throw fail("the diagram kind is missing: use \(kinds)") }
    guard let kind = Kind(rawValue: words[1]) else { throw fail("unknown diagram kind '\(words[1])': use \(kinds)") }
    var parameters: [String: String] = [:]
    for word in words.dropFirst(2) {
      guard let eq = word.firstIndex(of: "="), eq != word.startIndex else {
        throw fail("expected key=value, found '\(word)'")
      }
      let key = String(word[..<eq])
      guard let allowed = allowedKeys[kind], allowed.contains(key) else {
        let keys = (allowedKeys[kind] ?? []).joined(separator: ", ")
        throw fail("unknown key '\(key)' for \(kind.rawValue): use \(keys)")
      }
      guard parameters[key] == nil else { throw fail("'\(key)' is given twice") }
      parameters[key] = String(word[word.index(after: eq)...])
    }
    let directive = DiagramDirective(kind: kind, parameters: parameters, line: line)
    _ = try directive.config()
    _ = try directive.profile()
    _ = try directive.highlight()
    if kind == .timeline, directive.script == nil {
      throw fail("a timeline needs script=\"…\" (for example script=\"fail fail +30 ok\")")
    }
    return directive
  }

  /// Splits on spaces, keeping double-quoted values (`script="fail +30 ok"`) whole and unquoted.
  private static func tokens(_ text: Substring, line: Int) throws(TerminalUIError) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    for c in text {
      if c == "\"" {
        quoted.toggle()
      } else if c == " " && !quoted {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        current.append(c)
      }
    }
    if quoted { throw .malformedDirective(line: line, message: "a quoted value is not closed: add the closing \"") }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// The breaker configuration the parameters describe (defaults: 5 failures, 30 seconds).
  public func config() throws(TerminalUIError) -> BreakerConfig {
    var config = BreakerConfig(failureThreshold: 5, recoveryTimeout: 30)
    if let v = parameters["failure_threshold"] { config.failureThreshold = try integer("failure_threshold", v) }
    // The same limits as profiles and flags (Curriculum's NumericLimits).
    if let v = parameters["recovery_timeout"] {
      config.recoveryTimeout = try seconds("recovery_timeout", v, upTo: 10_000_000)
    }
    if let v = parameters["half_open_max_calls"] { config.halfOpenMaxCalls = try integer("half_open_max_calls", v) }
    if let v = parameters["success_threshold"] { config.successThreshold = try integer("success_threshold", v) }
    config.window = try window()
    if let v = parameters["slow_call_duration"] {
      config.slowCallDuration = try seconds("slow_call_duration", v, upTo: 86_400)
    }
    if let v = parameters["slow_call_rate_threshold"] {
      config.slowCallRateThreshold = try percentage("slow_call_rate_threshold", v, allowZero: true)
    }
    if let v = parameters["max_concurrent_calls"] { config.maxConcurrentCalls = try integer("max_concurrent_calls", v) }
    return config
  }

  /// A number of seconds from 0.001 to `limit`, written with or without a trailing `s`.
  private func seconds(_ key: String, _ value: String, upTo limit: Double) throws(TerminalUIError) -> Double {
    guard let s = Double(value.hasSuffix("s") ? String(value.dropLast()) : value), (0.001...limit).contains(s) else {
      throw .malformedDirective(
        line: line, message: "\(key) must be a number of seconds from 0.001 to \(formatNumber(limit)), not '\(value)'")
    }
    return s
  }

  /// A percentage up to 100 (0 allowed or not), with or without a trailing `%`.
  private func percentage(_ key: String, _ value: String, allowZero: Bool) throws(TerminalUIError) -> Double {
    guard let r = Double(value.hasSuffix("%") ? String(value.dropLast()) : value), r <= 100, allowZero ? r >= 0 : r > 0
    else {
      let range = allowZero ? "from 0 to 100" : "above 0 and at most 100"
      throw .malformedDirective(line: line, message: "\(key) must be a percentage \(range), not '\(value)'")
    }
    return r
  }

  /// The sliding window (`window=count|time window_size=N minimum_calls=M failure_rate_threshold=P`), if any.
  private func window() throws(TerminalUIError) -> BreakerConfig.Window? {
    let keys = ["window_size", "minimum_calls", "failure_rate_threshold"]
    guard let v = parameters["window"] else {
      if let key = keys.first(where: { parameters[$0] != nil }) {
        throw .malformedDirective(line: line, message: "\(key) needs window=count or window=time")
      }
      return nil
    }
    guard let kind = BreakerConfig.Window.Kind(rawValue: v) else {
      throw .malformedDirective(line: line, message: "window must be count or time, not '\(v)'")
    }
    guard let sizeText = parameters["window_size"] else {
      throw .malformedDirective(line: line, message: "a window needs window_size= (calls or seconds)")
    }
    // A count window holds whole calls; a time window spans seconds.
    let size =
      kind == .count
      ? Double(try integer("window_size", sizeText)) : try seconds("window_size", sizeText, upTo: 86_400)
    let minimum =
      try parameters["minimum_calls"].map { v throws(TerminalUIError) in try integer("minimum_calls", v) } ?? 1
    var rate = 50.0
    if let v = parameters["failure_rate_threshold"] {
      rate = try percentage("failure_rate_threshold", v, allowZero: false)
    }
    return BreakerConfig.Window(kind: kind, size: size, minimumCalls: minimum, failureRateThreshold: rate)
  }

  /// The profile the directive is drawn under: `StateDiagram.assumedProfile(for:)` (the tutorial's, the rate
  /// rule with a window, a limited HALF_OPEN with `half_open_max_calls`), then the knobs it names
  /// (`half_open_admission=unlimited`, `open_boundary=exclusive`, …).
  public func profile() throws(TerminalUIError) -> Profile {
    var profile = StateDiagram.assumedProfile(for: try config())
    profile.openBoundary = try knob("open_boundary", profile.openBoundary)
    profile.stateRead = try knob("state_read", profile.stateRead)
    profile.halfOpenAdmission = try knob("half_open_admission", profile.halfOpenAdmission)
    profile.hungTrial = try knob("hung_trial", profile.hungTrial)
    profile.rateComparison = try knob("rate_comparison", profile.rateComparison)
    profile.fallbackOn = try knob("fallback_on", profile.fallbackOn)
    return profile
  }

  /// The value of a profile knob the directive names, or `value` when it names none.
  private func knob<K: RawRepresentable & CaseIterable>(_ key: String, _ value: K) throws(TerminalUIError) -> K
  where K.RawValue == String {
    guard let v = parameters[key] else { return value }
    guard let knob = K(rawValue: v) else {
      let values = K.allCases.map(\.rawValue).joined(separator: ", ")
      throw .malformedDirective(line: line, message: "\(key) must be one of \(values) (docs/profiles.md), not '\(v)'")
    }
    return knob
  }

  private func integer(_ key: String, _ value: String) throws(TerminalUIError) -> Int {
    guard let n = Int(value), (1...10_000).contains(n) else {
      throw .malformedDirective(line: line, message: "\(key) must be a whole number from 1 to 10000, not '\(value)'")
    }
    return n
  }

  /// The state to highlight (`closed`, `open`, `half_open` or `half-open`), if any.
  public func highlight() throws(TerminalUIError) -> BreakerState? {
    guard let v = parameters["highlight"] else { return nil }
    if v == "none" { return nil }
    guard let state = BreakerState(lenient: v) else {
      throw .malformedDirective(line: line, message: "highlight must be closed, open, half_open or none, not '\(v)'")
    }
    return state
  }

  /// The timeline script, if any.
  public var script: String? { parameters["script"] }

  /// Whether a timeline shows its numbered legend (`legend=false` leaves it out).
  public var showsLegend: Bool { parameters["legend"] != "false" }

  /// What the directive draws. A state machine needs only the directive's own numbers and knobs; a timeline
  /// needs the `trace` of its script, which TerminalUI does not run (Curriculum's `LessonDiagrams` does).
  public func diagram(trace: [TraceEntry]? = nil) throws(TerminalUIError) -> Diagram {
    switch kind {
    case .stateMachine:
      return .stateMachine(config: try config(), profile: try profile(), highlight: try highlight())
    case .timeline:
      guard let trace else { throw .unresolvedTimeline(line: line) }
      return .timeline(trace: trace, legend: showsLegend)
    }
  }
}
