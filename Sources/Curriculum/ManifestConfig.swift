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
    // Every number within its limit (NumericLimits), so none can trap or make a run endless.
    func number(_ key: String) throws -> Double? { try map.limited(key, NumericLimits.config(key)) }
    func whole(_ key: String) throws -> Int? { try number(key).map { Int($0) } }
    config.failureThreshold = try whole("failure_threshold") ?? config.failureThreshold
    config.recoveryTimeout = try number("recovery_timeout") ?? config.recoveryTimeout
    config.halfOpenMaxCalls = try whole("half_open_max_calls")
    config.successThreshold = try whole("success_threshold")
    config.slowCallDuration = try number("slow_call_duration")
    config.slowCallRateThreshold = try number("slow_call_rate_threshold")
    config.maxConcurrentCalls = try whole("max_concurrent_calls")
    if let window = try map.map("window") {
      try window.rejectUnknownKeys(windowKeys, in: "`window`")
      let kindNode = try window.required("kind")
      guard let kind = BreakerConfig.Window.Kind(rawValue: kindNode.string ?? "") else {
        throw yaml.error(at: kindNode, "`kind` of the window must be count or time", fix: "fix the kind")
      }
      let size = try YAMLMap.limited(
        window.required("size"), key: "size", kind == .count ? NumericLimits.countWindow : NumericLimits.timeWindow,
        file: window.file)
      let minimum = try window.limited("minimum_calls", NumericLimits.config("minimum_calls")).map { Int($0) }
      let rate = try YAMLMap.limited(
        window.required("failure_rate_threshold"), key: "failure_rate_threshold",
        NumericLimits.config("failure_rate_threshold"), file: window.file)
      config.window = BreakerConfig.Window(
        kind: kind, size: size, minimumCalls: minimum ?? 1, failureRateThreshold: rate)
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
