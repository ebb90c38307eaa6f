/// The fallback a call passes to the breaker, and the value its operation returns on success (step 6).
///
/// On the wire (`docs/protocol.md`) `fallback` is `false`, `true` (the same as `value`) or one of the
/// behaviour names, and `returns` names the operation's success value when it is not the usual marker.
public struct Fallback: Sendable, Equatable, ExpressibleByBooleanLiteral, CustomStringConvertible {
  /// What the fallback does when the breaker uses it.
  public enum Behaviour: String, Sendable, Codable, CaseIterable {
    /// Returns the adapter's fallback marker value.
    case value
    /// Returns a falsy value: `0`.
    case zero
    /// Returns a falsy value: an empty string.
    case empty
    /// Returns Python's `None`, Swift's `nil`.
    case noValue = "none"
    /// Raises its own error, which must reach the caller (result `fallback_error`).
    case raise
    /// Returns the marker only if its argument is the breaker's rejection error (`CircuitOpenError`).
    case checkError = "check_error"
    /// Calls through the same breaker from another thread and waits for that call: a lock held while the
    /// fallback runs makes it time out.
    case reenter
  }

  /// What the operation returns when its outcome is `success`.
  public enum Value: String, Sendable, Codable, CaseIterable {
    /// The adapter's success marker.
    case value
    /// `0`.
    case zero
    /// An empty string.
    case empty
    /// `None` or `nil`.
    case noValue = "none"
  }

  /// The fallback's behaviour; `nil` means the call passes no fallback.
  public var behaviour: Behaviour?
  /// The operation's success value.
  public var returns: Value

  public init(_ behaviour: Behaviour?, returns: Value = .value) {
    self.behaviour = behaviour
    self.returns = returns
  }

  /// `true` is a fallback that returns its marker; `false` is no fallback.
  public init(booleanLiteral value: Bool) { self.init(value ? .value : nil) }

  /// Whether the call passes a fallback at all.
  public var isSet: Bool { behaviour != nil }

  /// What the caller sees when the breaker answers with this fallback.
  public var result: CallResult { behaviour == .raise ? .fallbackError : .fallback }

  /// `fallback`, `fallback=raise`, `returns=zero`: how a trace names the call's extras (empty for none).
  public var description: String {
    var parts: [String] = []
    if let behaviour { parts.append(behaviour == .value ? "fallback" : "fallback=\(behaviour.rawValue)") }
    if returns != .value { parts.append("returns=\(returns.rawValue)") }
    return parts.joined(separator: ", ")
  }
}
