// cblearn's Swift adapter: the types a learner's breaker uses. Built into the runtime module (CBRuntime) that
// the learner's file imports implicitly.
import Foundation

/// The three states of a circuit breaker.
enum BreakerState: String, Sendable {
  case closed = "CLOSED"
  case open = "OPEN"
  case halfOpen = "HALF_OPEN"
}

/// A count- or time-based sliding window (step 8).
struct WindowConfiguration: Sendable {
  enum Kind: String, Sendable { case count, time }
  /// `count`: the last `size` calls; `time`: the calls of the last `size` seconds.
  var kind: Kind
  var size: Int
  /// Calls recorded before any verdict.
  var minimumCalls: Int
  /// Failure percentage (0–100) at or above which the breaker opens.
  var failureRateThreshold: Double
}

/// How a breaker is configured; the adapter fills it from the protocol's `create`.
struct BreakerConfiguration: Sendable {
  var failureThreshold = 5
  var recoveryTimeout: Duration = .seconds(60)
  /// The tutorial's `expected_exception`: which errors count as failures.
  var isFailure: @Sendable (any Error) -> Bool = { _ in true }
  var halfOpenMaxCalls = 1
  var successThreshold = 1
  var window: WindowConfiguration? = nil
  var slowCallDuration: Duration? = nil
  var slowCallRateThreshold: Double? = nil
  var maxConcurrentCalls: Int? = nil
  /// Called once per real state change, with the old and the new state (step 7).
  var onStateChange: (@Sendable (BreakerState, BreakerState) -> Void)? = nil
}

/// A clock that moves only when the conformance driver says so.
struct VirtualClock: Clock, Sendable {
  /// A point in virtual time: a duration since the Unix epoch.
  struct Instant: InstantProtocol, Sendable {
    var sinceEpoch: Duration
    func advanced(by duration: Duration) -> Instant { Instant(sinceEpoch: sinceEpoch + duration) }
    func duration(to other: Instant) -> Duration { other.sinceEpoch - sinceEpoch }
    static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }
  }

  final class Storage: @unchecked Sendable {
    private let lock = PausingLock()
    private var value = Instant(sinceEpoch: .seconds(1_700_000_000))
    var now: Instant { lock.withLock { value } }
    func set(_ instant: Instant) { lock.withLock { value = instant } }
    func advance(_ duration: Duration) { lock.withLock { value = value.advanced(by: duration) } }
  }

  let storage = Storage()
  var now: Instant { storage.now }
  var minimumResolution: Duration { .nanoseconds(1) }

  /// Sleeping advances virtual time instead of waiting.
  func sleep(until deadline: Instant, tolerance: Duration?) async throws {
    let current = storage.now
    if current < deadline { storage.advance(current.duration(to: deadline)) }
  }

  /// Unix seconds, for replies.
  var unixSeconds: Double {
    let c = now.sinceEpoch.components
    return Double(c.seconds) + Double(c.attoseconds) / 1e18
  }
}

/// The counted failure the scripted operation throws.
struct ServiceError: Error, CustomStringConvertible {
  var description: String { "ServiceError(scripted failure)" }
}

/// The uncounted business error the scripted operation throws.
struct BusinessError: Error, CustomStringConvertible {
  var description: String { "BusinessError(scripted business error)" }
}

/// Thrown by the adapter's defaults for members a step has not asked for yet.
struct Unsupported: Error {
  let member: String
  let step: Int
}

/// The learner's breaker as the adapter sees it: any class with a `state` (the other members are looked up
/// by name at each call site, so that any signature the compiler can call with the adapter's arguments is
/// used, docs/tracks.md).
///
/// `state` may be of any type: the adapter's `BreakerState`, the learner's own enum (with associated values
/// or not), or a state object of the state pattern; `protocolState` names it.
protocol LearnerBreaker: AnyObject {
  associatedtype ObservedState
  var state: ObservedState { get }
}

extension LearnerBreaker {
  /// The state as the protocol names it, read through `state`; nil when it names no state.
  var protocolState: BreakerState? { stateNamed(by: state) }
  /// The state's protocol name, or a description of what `state` held.
  var stateName: String { protocolState?.rawValue ?? "unrecognised state \(state)" }
}

extension LearnerBreaker where ObservedState == BreakerState {
  var protocolState: BreakerState? { state }
  var stateName: String { state.rawValue }
}

/// The state a value names: a `BreakerState`, an enum case (`.open(since:)` is OPEN), or an object whose
/// type or `name`/`kind` names it (`OpenState`, `HalfOpen`).
func stateNamed(by value: Any, depth: Int = 0) -> BreakerState? {
  if let state = value as? BreakerState { return state }
  if let text = value as? String { return foldedState(text) }
  if let state = foldedState(caseName(String(describing: value))) { return state }
  if let state = foldedState(caseName(String(describing: type(of: value)))) { return state }
  guard depth < 2 else { return nil }
  for child in Mirror(reflecting: value).children where ["kind", "name", "state", "value"].contains(child.label) {
    if let state = stateNamed(by: child.value, depth: depth + 1) { return state }
  }
  return nil
}

/// `open(since: …)` → `open`; `LearnerBreaker.OpenState` → `OpenState`.
private func caseName(_ text: String) -> String {
  let head = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
  return head.split(separator: ".").last.map(String.init) ?? head
}

/// CLOSED, OPEN or HALF_OPEN from a name, ignoring case, punctuation, a `Circuit` prefix and a `State` suffix.
private func foldedState(_ text: String) -> BreakerState? {
  var folded = text.lowercased().filter(\.isLetter)
  for prefix in ["circuit", "breaker"] where folded.hasPrefix(prefix) && folded != prefix {
    folded.removeFirst(prefix.count)
  }
  if folded.hasSuffix("state"), folded != "state" { folded.removeLast("state".count) }
  switch folded {
  case "closed": return .closed
  case "open": return .open
  case "halfopen": return .halfOpen
  default: return nil
  }
}
