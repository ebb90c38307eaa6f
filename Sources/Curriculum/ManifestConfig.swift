import Conformance
import Yams

/// Reads the `config` and `profile` mappings of a manifest into the conformance engine's types.
enum ManifestConfig {
  static let configKeys = [
    "failure_threshold", "recovery_timeout", "half_open_max_calls", "success_threshold", "window",
    "slow_call_duration", "slow_call_rate_threshold", "max_concurrent_calls",
  ]
  static let windowKeys = ["kind", "size", "minimum_calls", "failure_rate_threshold"]

  /// The breaker configuration; absent keys take `BreakerConfig`'s defaults.
  static func config(_ map: YAMLMap?, yaml: YAMLFile) throws -> BreakerConfig {
    var config = BreakerConfig()
    guard let map else { return config }
    try map.rejectUnknownKeys(configKeys, in: "`config`")
    config.failureThreshold = try map.optionalInt("failure_threshold") ?? config.failureThreshold
    config.recoveryTimeout = try map.optionalDouble("recovery_timeout") ?? config.recoveryTimeout
    config.halfOpenMaxCalls = try map.optionalInt("half_open_max_calls")
    config.successThreshold = try map.optionalInt("success_threshold")
    config.slowCallDuration = try map.optionalDouble("slow_call_duration")
    config.slowCallRateThreshold = try map.optionalDouble("slow_call_rate_threshold")
    config.maxConcurrentCalls = try map.optionalInt("max_concurrent_calls")
    if config.failureThreshold < 1 {
      throw yaml.error(at: map["failure_threshold"], "`failure_threshold` must be at least 1", fix: "fix the value")
    }
    if let window = try map.map("window") {
      try window.rejectUnknownKeys(windowKeys, in: "`window`")
      let kindNode = try window.required("kind")
      guard let kind = BreakerConfig.Window.Kind(rawValue: kindNode.string ?? "") else {
        throw yaml.error(at: kindNode, "`kind` of the window must be count or time", fix: "fix the kind")
      }
      config.window = BreakerConfig.Window(
        kind: kind, size: try window.double("size"), minimumCalls: try window.optionalInt("minimum_calls") ?? 1,
        failureRateThreshold: try window.double("failure_rate_threshold"))
    }
    return config
  }

  /// The profile; absent knobs take `Profile`'s defaults.
  static func profile(_ map: YAMLMap?, yaml: YAMLFile) throws -> Profile {
    var profile = Profile()
    guard let map else { return profile }
    try map.rejectUnknownKeys(
      [
        "trip_rule", "rate_comparison", "open_boundary", "state_read", "half_open_admission", "trip_call_error",
        "ignored_errors", "stale_results", "fallback_on", "reports_events", "exposes_is_open",
      ], in: "`profile`")
    profile.tripRule = try knob(map, "trip_rule") ?? profile.tripRule
    profile.rateComparison = try knob(map, "rate_comparison") ?? profile.rateComparison
    profile.openBoundary = try knob(map, "open_boundary") ?? profile.openBoundary
    profile.stateRead = try knob(map, "state_read") ?? profile.stateRead
    profile.halfOpenAdmission = try knob(map, "half_open_admission") ?? profile.halfOpenAdmission
    profile.tripCallError = try knob(map, "trip_call_error") ?? profile.tripCallError
    profile.ignoredErrors = try knob(map, "ignored_errors") ?? profile.ignoredErrors
    profile.staleResults = try knob(map, "stale_results") ?? profile.staleResults
    profile.fallbackOn = try knob(map, "fallback_on") ?? profile.fallbackOn
    profile.reportsEvents = try flag(map, "reports_events") ?? profile.reportsEvents
    profile.exposesIsOpen = try flag(map, "exposes_is_open") ?? profile.exposesIsOpen
    return profile
  }

  private static func knob<K: RawRepresentable & CaseIterable>(_ map: YAMLMap, _ key: String) throws -> K?
  where K.RawValue == String {
    guard let node = map[key] else { return nil }
    if let value = K(rawValue: node.string ?? "") { return value }
    let allowed = K.allCases.map(\.rawValue)
    throw map.file.error(
      at: node, "`\(key)` must be one of \(allowed.joined(separator: ", ")), not `\(node.string ?? "")`",
      fix: "fix the value (docs/profiles.md explains each knob)")
  }

  private static func flag(_ map: YAMLMap, _ key: String) throws -> Bool? {
    guard let node = map[key] else { return nil }
    guard let value = node.bool else {
      throw map.file.error(at: node, "`\(key)` must be true or false", fix: "fix the value")
    }
    return value
  }
}
