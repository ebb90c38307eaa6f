/// The configuration a breaker is created with; keys are the wire protocol's (snake_case).
public struct BreakerConfig: Sendable, Codable, Equatable {
  /// Consecutive counted failures that open the breaker (consecutive trip rule).
  public var failureThreshold: Int
  /// Seconds the breaker stays OPEN before it admits a trial call.
  public var recoveryTimeout: Double
  /// Trial calls admitted at once in HALF_OPEN; `nil` means the step sets no limit.
  public var halfOpenMaxCalls: Int?
  /// Consecutive trial successes that close the breaker; `nil` means one.
  public var successThreshold: Int?
  /// A sliding window for rate-based tripping; `nil` means the consecutive rule.
  public var window: Window?
  /// Calls strictly longer than this many seconds are slow; `nil` means no slow-call rule.
  public var slowCallDuration: Double?
  /// Percentage of slow calls in the window that opens the breaker.
  public var slowCallRateThreshold: Double?
  /// Calls allowed in flight at once (a bulkhead); `nil` means no limit.
  public var maxConcurrentCalls: Int?
  /// A state-change listener the adapter installs to test callbacks (step 7); `nil` means the adapter's default.
  public var listener: Listener?

  /// A misbehaving state-change listener.
  public enum Listener: String, Sendable, Codable, CaseIterable {
    /// The listener raises an error every time it is called.
    case raise
    /// The listener reads the breaker (state, metrics, `is_open`) from inside the callback.
    case reenter
  }

  /// A count- or time-based sliding window.
  public struct Window: Sendable, Codable, Equatable {
    /// `count` (the last `size` calls) or `time` (the calls of the last `size` seconds).
    public var kind: Kind
    /// Calls (count) or seconds (time).
    public var size: Double
    /// Calls recorded in the window before any verdict is made.
    public var minimumCalls: Int
    /// Failure percentage (0–100) at or above which the breaker opens.
    public var failureRateThreshold: Double

    /// The kind of window.
    public enum Kind: String, Sendable, Codable { case count, time }

    public init(kind: Kind, size: Double, minimumCalls: Int, failureRateThreshold: Double) {
      self.kind = kind
      self.size = size
      self.minimumCalls = minimumCalls
      self.failureRateThreshold = failureRateThreshold
    }

    enum CodingKeys: String, CodingKey {
      case kind, size
      case minimumCalls = "minimum_calls"
      case failureRateThreshold = "failure_rate_threshold"
    }
  }

  public init(
    failureThreshold: Int = 5, recoveryTimeout: Double = 60, halfOpenMaxCalls: Int? = nil,
    successThreshold: Int? = nil, window: Window? = nil, slowCallDuration: Double? = nil,
    slowCallRateThreshold: Double? = nil, maxConcurrentCalls: Int? = nil, listener: Listener? = nil
  ) {
    self.failureThreshold = failureThreshold
    self.recoveryTimeout = recoveryTimeout
    self.halfOpenMaxCalls = halfOpenMaxCalls
    self.successThreshold = successThreshold
    self.window = window
    self.slowCallDuration = slowCallDuration
    self.slowCallRateThreshold = slowCallRateThreshold
    self.maxConcurrentCalls = maxConcurrentCalls
    self.listener = listener
  }

  /// Trial calls that must succeed in a row to close (at least one).
  public var trialsToClose: Int { max(1, successThreshold ?? 1) }

  enum CodingKeys: String, CodingKey {
    case failureThreshold = "failure_threshold"
    case recoveryTimeout = "recovery_timeout"
    case halfOpenMaxCalls = "half_open_max_calls"
    case successThreshold = "success_threshold"
    case window
    case slowCallDuration = "slow_call_duration"
    case slowCallRateThreshold = "slow_call_rate_threshold"
    case maxConcurrentCalls = "max_concurrent_calls"
    case listener
  }

  /// A one-line summary for traces: `failure_threshold=5 recovery_timeout=60s`.
  public var summary: String {
    var parts = ["failure_threshold=\(failureThreshold)", "recovery_timeout=\(formatSeconds(recoveryTimeout))"]
    if let k = halfOpenMaxCalls { parts.append("half_open_max_calls=\(k)") }
    if let s = successThreshold { parts.append("success_threshold=\(s)") }
    if let w = window {
      let size = w.kind == .count ? "\(Int(w.size)) calls" : formatSeconds(w.size)
      parts.append(
        "window=\(w.kind.rawValue)(\(size), min \(w.minimumCalls), \(formatNumber(w.failureRateThreshold))%)")
    }
    if let d = slowCallDuration { parts.append("slow_call_duration=\(formatSeconds(d))") }
    if let r = slowCallRateThreshold { parts.append("slow_call_rate_threshold=\(formatNumber(r))%") }
    if let m = maxConcurrentCalls { parts.append("max_concurrent_calls=\(m)") }
    if let l = listener { parts.append("listener=\(l.rawValue)") }
    return parts.joined(separator: " ")
  }
}

/// Formats seconds without trailing zeros: `60s`, `0.5s`, `59.999s`.
public func formatSeconds(_ seconds: Double) -> String { formatNumber(seconds) + "s" }

/// Formats a number with at most three decimals and no trailing zeros.
public func formatNumber(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  var text = String(format3(value))
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}

private func format3(_ value: Double) -> String {
  let scaled = (value * 1000).rounded()
  let negative = scaled < 0
  let magnitude = Int64(abs(scaled))
  let whole = magnitude / 1000
  let fraction = magnitude % 1000
  let padded =
    String(fraction).count < 3
    ? String(repeating: "0", count: 3 - String(fraction).count) + String(fraction) : String(fraction)
  return (negative ? "-" : "") + "\(whole).\(padded)"
}
