import Conformance
import Yams

/// Parses the `breakers:` section of a scenario: a profile, a default configuration and per-service ones.
enum BreakerPlanParser {
  /// The tutorial's "Critical API" row with the step-5 half-open limit.
  static let standard = BreakerConfig(failureThreshold: 5, recoveryTimeout: 30, halfOpenMaxCalls: 1)

  /// The profile used when a scenario names none: trials limited to `half_open_max_calls` (step 5).
  static var standardProfile: Profile {
    var profile = Profile()
    profile.halfOpenAdmission = .limited
    profile.staleResults = .discard
    return profile
  }

  static func parse(
    _ node: ScenarioNode?, file: String, services: [String]
  ) throws(SimulationError)
    -> Scenario.BreakerPlan
  {
    guard let node else {
      return Scenario.BreakerPlan(profile: standardProfile, defaults: standard, perService: [:])
    }
    try node.only(["profile", "default"] + services)
    var profile = standardProfile
    if let value = node.value("profile") {
      do { profile = try YAMLDecoder().decode(Profile.self, from: value) } catch {
        throw node.fail(
          "profile", at: value, "cannot be read (\(error))",
          fix: "use the knobs of docs/profiles.md, such as `half_open_admission: limited`")
      }
    }
    let defaults = try config(try node.child("default"), base: standard)
    var perService: [String: BreakerConfig] = [:]
    for name in services {
      if let child = try node.child(name) { perService[name] = try config(child, base: defaults) }
    }
    return Scenario.BreakerPlan(profile: profile, defaults: defaults, perService: perService)
  }

  static func config(_ node: ScenarioNode?, base: BreakerConfig) throws(SimulationError) -> BreakerConfig {
    guard let node else { return base }
    try node.only([
      "failure_threshold", "recovery_timeout", "half_open_max_calls", "success_threshold", "window",
      "slow_call_duration", "slow_call_rate_threshold", "max_concurrent_calls",
    ])
    var config = base
    config.failureThreshold = try node.integer(
      "failure_threshold", default: base.failureThreshold, range: 1...1_000_000)
    config.recoveryTimeout = try node.duration("recovery_timeout", default: base.recoveryTimeout)
    if node.value("half_open_max_calls") != nil {
      config.halfOpenMaxCalls = try node.integer("half_open_max_calls", range: 1...1_000_000)
    }
    if node.value("success_threshold") != nil {
      config.successThreshold = try node.integer("success_threshold", range: 1...1_000_000)
    }
    if node.value("slow_call_duration") != nil { config.slowCallDuration = try node.duration("slow_call_duration") }
    if node.value("slow_call_rate_threshold") != nil {
      config.slowCallRateThreshold = try node.number("slow_call_rate_threshold", range: 0...100)
    }
    if node.value("max_concurrent_calls") != nil {
      config.maxConcurrentCalls = try node.integer("max_concurrent_calls", range: 1...1_000_000)
    }
    if let value = node.value("window") {
      do { config.window = try YAMLDecoder().decode(BreakerConfig.Window.self, from: value) } catch {
        throw node.fail(
          "window", at: value, "cannot be read (\(error))",
          fix: "write `window: {kind: count, size: 20, minimum_calls: 10, failure_rate_threshold: 50}`")
      }
    }
    return config
  }
}
