import Conformance

/// A `::: diagram KIND key=value …` line of a lesson: what to draw and with which configuration.
public struct DiagramDirective: Sendable, Equatable {
  /// What the directive draws.
  public enum Kind: String, Sendable, CaseIterable {
    /// The three states and their transitions (`StateDiagram`).
    case stateMachine = "state-machine"
    /// A script run against the reference breaker, drawn over virtual time (`Timeline`).
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
    "minimum_calls", "failure_rate_threshold",
  ]
  static let allowedKeys: [Kind: [String]] = [
    .stateMachine: configKeys + ["highlight"],
    .timeline: configKeys + ["script", "legend"],
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
    if let v = parameters["recovery_timeout"] {
      // The same limits as profiles and flags (Curriculum's NumericLimits).
      guard let seconds = Double(v.hasSuffix("s") ? String(v.dropLast()) : v), (0.001...10_000_000).contains(seconds)
      else {
        throw .malformedDirective(
          line: line, message: "recovery_timeout must be a number of seconds from 0.001 to 10000000, not '\(v)'")
      }
      config.recoveryTimeout = seconds
    }
    if let v = parameters["half_open_max_calls"] { config.halfOpenMaxCalls = try integer("half_open_max_calls", v) }
    if let v = parameters["success_threshold"] { config.successThreshold = try integer("success_threshold", v) }
    config.window = try window()
    return config
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
    let size = Double(try integer("window_size", sizeText))
    let minimum =
      try parameters["minimum_calls"].map { v throws(TerminalUIError) in try integer("minimum_calls", v) } ?? 1
    var rate = 50.0
    if let v = parameters["failure_rate_threshold"] {
      guard let r = Double(v.hasSuffix("%") ? String(v.dropLast()) : v), r > 0, r <= 100 else {
        throw .malformedDirective(
          line: line, message: "failure_rate_threshold must be a percentage from 1 to 100, not '\(v)'")
      }
      rate = r
    }
    return BreakerConfig.Window(kind: kind, size: size, minimumCalls: minimum, failureRateThreshold: rate)
  }

  /// The profile a timeline runs under: the tutorial's, with the rate rule when a window is configured.
  public func profile() throws(TerminalUIError) -> Profile {
    var profile = Profile.tutorial
    if try config().window != nil { profile.tripRule = .rate }
    return profile
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

  /// Draws the directive with the built-in renderers at the settings' width.
  public func draw(info: TerminalInfo) throws(TerminalUIError) -> [StyledText] {
    let config = try config()
    switch kind {
    case .stateMachine:
      return StateDiagram(config: config, highlight: try highlight(), info: info).lines()
    case .timeline:
      do {
        let trace = try Demo.trace(script: script ?? "", config: config, profile: try profile())
        return Timeline(entries: trace, info: info, showLegend: parameters["legend"] != "false").lines()
      } catch let error as Demo.ScriptError {
        throw .malformedDirective(line: line, message: error.description)
      } catch {
        throw .malformedDirective(line: line, message: "the script could not run: \(error)")
      }
    }
  }
}
