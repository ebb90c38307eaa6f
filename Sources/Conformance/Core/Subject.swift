/// One operation the driver sends to a subject; see `docs/protocol.md` for the wire form.
public enum Request: Sendable, Equatable {
  /// Creates (or replaces) the breaker `breaker` with `config`; sets the virtual clock to `clock` (Unix seconds).
  case create(breaker: String, config: BreakerConfig, clock: Int64?)
  /// Calls the breaker with a scripted operation that lasts `duration` virtual seconds.
  case call(breaker: String, outcome: Outcome, duration: Double, fallback: Fallback)
  /// Starts a call on its own thread whose operation blocks until `finish`.
  case begin(breaker: String, call: String, outcome: Outcome, fallback: Fallback)
  /// Lets the in-flight call end with the outcome given at `begin`.
  case finish(call: String)
  /// Moves the virtual clock forward.
  case advance(seconds: Double)
  /// Reads the breaker's state.
  case state(breaker: String)
  /// Asks the fail-fast query `is_open`.
  case isOpen(breaker: String)
  /// Reads the state-change events recorded since creation.
  case events(breaker: String)
  /// Reads the breaker's counters.
  case metrics(breaker: String)
  /// Runs many calls' begins and finishes in order on one thread of the subject (feature `batch`).
  case batch([BatchEvent])
  /// Releases `calls` calls with `outcome` on as many threads at once, behind a barrier (feature `race`).
  case race(breaker: String, calls: Int, outcome: Outcome)

  /// The wire name of the operation.
  public var op: String {
    switch self {
    case .create: "create"
    case .call: "call"
    case .begin: "begin"
    case .finish: "finish"
    case .advance: "advance"
    case .state: "state"
    case .isOpen: "is_open"
    case .events: "events"
    case .metrics: "metrics"
    case .batch: "batch"
    case .race: "race"
    }
  }
}

/// A state change reported by the subject.
public struct Transition: Sendable, Codable, Equatable, CustomStringConvertible {
  public var from: BreakerState
  public var to: BreakerState
  /// Virtual Unix time of the change, when the subject reports it.
  public var at: Double?

  public init(from: BreakerState, to: BreakerState, at: Double? = nil) {
    self.from = from
    self.to = to
    self.at = at
  }

  public var description: String { "\(from)→\(to)" }
}

/// How a `begin` or `finish` ended.
public enum CallStatus: String, Sendable, Codable {
  /// The operation was entered and is waiting for `finish`.
  case running
  /// The call is over (for `begin`: it ended without waiting, for example rejected).
  case completed
  /// Neither happened within the adapter's grace period: the call is stuck, probably on a lock.
  case blocked
}

/// The subject's answer to one request.
public struct Reply: Sendable, Equatable {
  public var result: CallResult?
  /// Whether the scripted operation was invoked.
  public var invoked: Bool?
  public var status: CallStatus?
  /// The state read by the adapter after the operation.
  public var state: BreakerState?
  public var isOpen: Bool?
  public var events: [Transition]?
  public var metrics: [String: Double]?
  /// Virtual Unix time after the operation.
  public var now: Double?
  /// Free text from the adapter, such as the type and message of an unexpected error.
  public var detail: String?
  /// The per-event answer to a `batch`.
  public var batch: BatchReply?
  /// The answer to a `race`.
  public var race: RaceReply?

  public init(
    result: CallResult? = nil, invoked: Bool? = nil, status: CallStatus? = nil, state: BreakerState? = nil,
    isOpen: Bool? = nil, events: [Transition]? = nil, metrics: [String: Double]? = nil, now: Double? = nil,
    detail: String? = nil, batch: BatchReply? = nil, race: RaceReply? = nil
  ) {
    self.race = race
    self.result = result
    self.invoked = invoked
    self.status = status
    self.state = state
    self.isOpen = isOpen
    self.events = events
    self.metrics = metrics
    self.now = now
    self.detail = detail
    self.batch = batch
  }
}

/// What the subject said about itself in the handshake.
public struct SubjectInfo: Sendable, Equatable, Codable {
  public var name: String
  public var language: String
  /// Optional operations it supports: `is_open`, `events`, `metrics`, `fallback`, `concurrency`, `batch`.
  public var features: Set<String>
  /// Why an optional feature is missing, by feature: what the subject's file declares instead, the signature
  /// expected and the smallest change (the Swift track's interface scan). Shown when a step needs it.
  public var notes: [String: String]

  public init(name: String, language: String, features: Set<String>, notes: [String: String] = [:]) {
    self.name = name
    self.language = language
    self.features = features
    self.notes = notes
  }

  private enum CodingKeys: String, CodingKey { case name, language, features, notes }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    language = try container.decode(String.self, forKey: .language)
    features = try container.decode(Set<String>.self, forKey: .features)
    notes = try container.decodeIfPresent([String: String].self, forKey: .notes) ?? [:]
  }
}

/// A breaker under test, reached through the wire protocol or in process.
public protocol Subject: AnyObject {
  /// The handshake's answer.
  var info: SubjectInfo { get }
  /// Sends one request and waits for its reply, within the subject's deadline.
  func perform(_ request: Request) throws(SubjectFault) -> Reply
  /// Ends the subject and every process it started.
  func terminate()
}

/// Starts fresh subjects: the runner asks for a new one after a subject became unusable.
public protocol SubjectFactory: Sendable {
  /// Starts a subject and completes the handshake.
  func launch() throws(SubjectFault) -> any Subject
}

/// Why a subject could not answer a request.
public enum SubjectFault: Error, Sendable, Equatable, CustomStringConvertible {
  /// No reply within the deadline.
  case unresponsive(op: String, seconds: Double)
  /// The subject exited; `stderr` is its trimmed standard error.
  case crashed(status: String, stderr: String)
  /// A reply that breaks the protocol: not JSON, oversized, wrong id, missing fields.
  case protocolViolation(String)
  /// The subject answered with an error: its adapter could not do the operation.
  case adapterError(kind: String, message: String)
  /// The subject could not be started (compile error, missing interpreter, failed handshake).
  case launchFailed(String)

  public var description: String {
    switch self {
    case .unresponsive(let op, let seconds):
      "unresponsive: no reply to '\(op)' within \(formatSeconds(seconds)) (is a lock held while the protected call runs, or an actor's operation run on the actor, or does the breaker wait forever?)"
    case .crashed(let status, let stderr):
      "the subject exited (\(status))" + (stderr.isEmpty ? "" : ":\n" + stderr)
    case .protocolViolation(let message): "protocol error: \(message)"
    case .adapterError(let kind, let message): "\(kind): \(message)"
    case .launchFailed(let message): message
    }
  }

  /// Whether the fault shows a behavioural bug of the breaker (a finding) rather than a harness problem.
  public var isFinding: Bool {
    if case .unresponsive = self { return true }
    return false
  }
}
