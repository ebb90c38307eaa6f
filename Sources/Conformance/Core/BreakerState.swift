/// The three states of a circuit breaker.
public enum BreakerState: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  case closed = "CLOSED"
  case open = "OPEN"
  case halfOpen = "HALF_OPEN"

  /// Parses a state name as subjects report it: `CLOSED`, `open`, `half-open`, `HalfOpen`, `half_open`.
  public init?(lenient text: String) {
    let folded = text.lowercased().filter { $0.isLetter }
    switch folded {
    case "closed": self = .closed
    case "open": self = .open
    case "halfopen": self = .halfOpen
    default: return nil
    }
  }

  public var description: String { rawValue }
}

/// What the scripted operation behind a call does when the breaker invokes it.
public enum Outcome: String, Sendable, Codable, CaseIterable {
  /// Returns a value.
  case success
  /// Raises the error the breaker is configured to count (the `expected_exception`).
  case failure
  /// Raises an error the breaker must not count (a business error outside `expected_exception`).
  case ignored
  /// Raises an error outside every error class the breaker handles: a cancellation or a fatal error
  /// (Python's `BaseException` that is not an `Exception`, Swift's `CancellationError`; feature `fatal`).
  case fatal
}

/// What the caller of the breaker observed when a call ended.
public enum CallResult: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
  /// The operation's value came back.
  case success
  /// The operation's own counted error came back unchanged.
  case failure
  /// The operation's own uncounted error came back unchanged.
  case ignored
  /// The operation's fatal error or cancellation came back unchanged.
  case fatal
  /// The breaker refused the call with its own error (`CircuitOpenError`).
  case rejected
  /// The breaker returned its fallback's value.
  case fallback
  /// The fallback's own error came back unchanged (a fallback that raises, step 6).
  case fallbackError = "fallback_error"
  /// Something else: another error type, a wrapped error, or a crash inside the call.
  case other

  public var description: String { rawValue }

  /// What a caller sees when the breaker lets an operation with `outcome` run and end: its value or its
  /// own error, unchanged.
  public init(passing outcome: Outcome) {
    switch outcome {
    case .success: self = .success
    case .failure: self = .failure
    case .ignored: self = .ignored
    case .fatal: self = .fatal
    }
  }
}
