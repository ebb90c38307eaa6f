import Foundation

/// The allowed range of one number a learner, an instructor or a profile gives cblearn: every flag, profile,
/// manifest and rubric number is checked against one of these, so that no value traps, overflows or makes a
/// run endless, and every message names the allowed range.
public struct NumericLimit: Sendable, Equatable {
  /// The name in files (`failure_threshold`), turned into the flag name for the command line.
  public let name: String
  public let range: ClosedRange<Double>
  /// Whether only whole numbers are allowed.
  public let whole: Bool

  public init(_ name: String, _ range: ClosedRange<Double>, whole: Bool) {
    self.name = name
    self.range = range
    self.whole = whole
  }

  /// `a whole number from 1 to 10000`, `a number from 0.001 to 86400`.
  public var allowed: String {
    "\(whole ? "a whole number" : "a number") from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))"
  }

  /// Why `value` is not allowed, or nil: NaN, infinities, values out of range and fractions of whole numbers.
  public func problem(_ value: Double) -> String? {
    guard value.isFinite, range.contains(value), !whole || value == value.rounded() else {
      return "must be \(allowed), not \(Self.text(value))"
    }
    return nil
  }

  /// The same for a value typed as text, which may not even be a number (`1e999`, `nan`, `99999999999999999999`).
  public func problem(text: String) -> String? {
    guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
      return "must be \(allowed), not \(text)"
    }
    return problem(value)
  }

  /// The message for a command-line flag: `--failure-threshold must be a whole number from 1 to 10000, not 0`.
  public func flagProblem(_ value: Double) -> String? {
    problem(value).map { "--\(name.replacingOccurrences(of: "_", with: "-")) \($0)" }
  }

  /// A number as people write it: `10000`, `0.001`, `1e+16`, `nan`.
  static func text(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

/// Every limit, in one place (docs/profiles.md lists them).
public enum NumericLimits {
  /// A breaker's configuration, by wire key.
  public static let config: [String: NumericLimit] = Dictionary(
    uniqueKeysWithValues: [
      NumericLimit("failure_threshold", 1...10_000, whole: true),
      NumericLimit("recovery_timeout", 0.001...10_000_000, whole: false),
      NumericLimit("half_open_max_calls", 1...10_000, whole: true),
      NumericLimit("success_threshold", 1...10_000, whole: true),
      NumericLimit("slow_call_duration", 0.001...86_400, whole: false),
      NumericLimit("slow_call_rate_threshold", 0...100, whole: false),
      NumericLimit("max_concurrent_calls", 1...10_000, whole: true),
      NumericLimit("minimum_calls", 1...10_000, whole: true),
      NumericLimit("failure_rate_threshold", 0...100, whole: false),
    ].map { ($0.name, $0) })
  /// A count window's size (calls).
  public static let countWindow = NumericLimit("size", 1...10_000, whole: true)
  /// A time window's size (seconds).
  public static let timeWindow = NumericLimit("size", 0.001...86_400, whole: false)
  /// Points of one check (manifests and rubrics) and a points pass mark.
  public static let points = NumericLimit("points", 0...1_000, whole: true)

  /// The limit of a configuration key (a programming error when the key is unknown).
  public static func config(_ key: String) -> NumericLimit {
    guard let limit = config[key] else { preconditionFailure("no limit for \(key)") }
    return limit
  }
}
