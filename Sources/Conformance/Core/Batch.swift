/// One event of a `batch` request: a call begins or ends, after the clock moved by `delay`.
public struct BatchEvent: Sendable, Equatable {
  /// What happens to the call.
  public enum Kind: Sendable, Equatable {
    /// The call starts on `breaker`; its operation waits for the call's finish.
    case begin(breaker: String)
    /// The in-flight call's operation ends with `outcome` and the call runs to its return.
    case finish(outcome: Outcome)
  }

  /// Virtual nanoseconds the clock moves before the event.
  public var delay: Int64
  /// The call's id, unique among the calls in flight.
  public var call: String
  public var kind: Kind

  public init(delay: Int64, call: String, kind: Kind) {
    self.delay = delay
    self.call = call
    self.kind = kind
  }
}

/// How one event of a batch ended, as the subject reports it.
public enum BatchResult: UInt8, Sendable, Equatable {
  /// A begin whose call entered its operation and is in flight (`r`).
  case running = 0x72
  /// A begin whose call ended without running its operation: a rejection (`x`).
  case rejected = 0x78
  /// A finish whose call returned what its outcome asked for (`d`).
  case done = 0x64
  /// Anything else (`e`); the reply's `errors` says what.
  case unexpected = 0x65
}

/// The subject's answer to a `batch`: a result and a state per event.
public struct BatchReply: Sendable, Equatable {
  public var results: [BatchResult]
  public var states: [BreakerState]
  /// Details of the events that ended unexpectedly, by index.
  public var errors: [Int: String]

  public init(results: [BatchResult], states: [BreakerState], errors: [Int: String] = [:]) {
    self.results = results
    self.states = states
    self.errors = errors
  }
}
