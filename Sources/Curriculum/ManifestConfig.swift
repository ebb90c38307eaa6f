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

  /// The profile; absent knobs take `Profile`'s defaults. The knobs and their values come from `Profile` itself.
  static func profile(_ map: YAMLMap?, yaml: YAMLFile) throws -> Profile {
    guard let map else { return Profile() }
    try map.rejectUnknownKeys(Profile.knobValues.keys.sorted(), in: "`profile`")
    var settings: [String: String] = [:]
    for key in map.keys {
      let node = map[key]
      let text = node?.bool.map { String($0) } ?? node?.string ?? ""
      if let allowed = Profile.knobValues[key], !allowed.contains(text) {
        throw map.file.error(
          at: node, "`\(key)` must be one of \(allowed.joined(separator: ", ")), not `\(text)`",
          fix: "fix the value (docs/profiles.md explains each knob)")
      }
      settings[key] = text
    }
    do {
      return try Profile(settings: settings)
    } catch {
      throw map.file.error(at: nil, error.description, fix: "fix the profile (docs/profiles.md explains each knob)")
    }
  }
}
