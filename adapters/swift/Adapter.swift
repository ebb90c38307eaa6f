// cblearn's Swift adapter: the operations of the wire protocol (docs/protocol.md) on the learner's breaker.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Moves standard output to standard error, keeping the original for the protocol.
func redirectOutput() {
  adapter.protocolFD = dup(1)
  _ = dup2(2, 1)
}

/// Recorded state changes of one breaker.
final class EventLog: @unchecked Sendable {
  private let lock = PausingLock()
  private var items: [[String: Any]] = []
  func append(_ from: BreakerState, _ to: BreakerState, _ at: Double) {
    lock.withLock { items.append(["from": from.rawValue, "to": to.rawValue, "at": at]) }
  }
  var all: [[String: Any]] { lock.withLock { items } }
}

/// A call running on its own thread, waiting for `finish`.
final class InFlight: @unchecked Sendable {
  let gate = DispatchSemaphore(value: 0)
  let entered = DispatchSemaphore(value: 0)
  let done = DispatchSemaphore(value: 0)
  let invoked = Flag()
  let breaker: any SubjectBreaker
  private let lock = PausingLock()
  private var stored: [String: Any]? = nil
  var reply: [String: Any]? {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
  init(breaker: any SubjectBreaker) { self.breaker = breaker }
}

struct AdapterFailure: Error {
  let kind: String
  let message: String
}

/// Serialises writes to the protocol channel: the batch watchdog may answer from its own thread.
let protocolLock = PausingLock()

func send(_ object: [String: Any]) {
  var text = ""
  writeJSON(object, into: &text)
  text += "\n"
  writeProtocol(Array(text.utf8))
}

/// Writes one whole reply line to the protocol channel.
func writeProtocol(_ data: [UInt8]) {
  protocolLock.lock()
  defer { protocolLock.unlock() }
  writeProtocolLocked(data)
}

/// Writes with `protocolLock` already held.
func writeProtocolLocked(_ data: [UInt8]) {
  data.withUnsafeBytes { raw in
    var offset = 0
    while offset < raw.count {
      let n = write(adapter.protocolFD, raw.baseAddress! + offset, raw.count - offset)
      if n <= 0 { exit(0) }
      offset += n
    }
  }
}

func seconds(_ value: Any?) -> Duration {
  let amount = number(value) ?? 0
  return .nanoseconds(Int64((amount * 1e9).rounded()))
}

/// A value shared between threads, read and written under a lock (a breaker for a listener created before the
/// breaker itself, a task's result for the thread waiting for it).
final class Locked<Value>: @unchecked Sendable {
  private let lock = PausingLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

func configuration(
  _ raw: [String: Any], log: EventLog, box: Locked<(any SubjectBreaker)?>
) throws -> BreakerConfiguration {
  var cfg = BreakerConfiguration()
  cfg.isFailure = { $0 is ServiceError }
  let listener = raw["listener"] as? String
  // A Swift listener cannot throw (the closure is not `throws`), so `raise` records like the default one.
  cfg.onStateChange = { from, to in
    log.append(from, to, adapter.clock.unixSeconds)
    if listener == "reenter", let breaker = box.value {
      _ = breaker.stateName
      _ = try? readMetrics(breaker)
      _ = try? readIsOpen(breaker)
    }
  }
  for (key, value) in raw {
    let int = Int(number(value) ?? 0)
    switch key {
    case "failure_threshold": cfg.failureThreshold = int
    case "recovery_timeout": cfg.recoveryTimeout = seconds(value)
    case "half_open_max_calls": cfg.halfOpenMaxCalls = int
    case "success_threshold": cfg.successThreshold = int
    case "slow_call_duration": cfg.slowCallDuration = seconds(value)
    case "slow_call_rate_threshold": cfg.slowCallRateThreshold = number(value)
    case "max_concurrent_calls": cfg.maxConcurrentCalls = int
    case "listener":
      guard ["raise", "reenter"].contains(value as? String ?? "") else {
        throw AdapterFailure(kind: "bad_request", message: "listener must be raise or reenter")
      }
    case "window":
      guard let w = value as? [String: Any], let kind = WindowConfiguration.Kind(rawValue: w["kind"] as? String ?? "")
      else { throw AdapterFailure(kind: "bad_request", message: "window needs kind count or time") }
      cfg.window = WindowConfiguration(
        kind: kind, size: Int(number(w["size"]) ?? 0),
        minimumCalls: Int(number(w["minimum_calls"]) ?? 0),
        failureRateThreshold: number(w["failure_rate_threshold"]) ?? 0)
    default:
      throw AdapterFailure(kind: "unsupported", message: "the adapter does not know the configuration key '\(key)'")
    }
  }
  return cfg
}

func describe(_ error: any Error) -> String { "\(type(of: error)): \(error)" }

/// Runs one call through the breaker and classifies what the caller saw.
///
/// `fallback` is nil (no fallback) or a behaviour of docs/protocol.md (`value`, `zero`, `empty`, `none`,
/// `raise`, `check_error`, `reenter`); `returns` is the operation's success value. The values travel as
/// `Any?` so that `0`, `""` and `nil` can come back as they are. `hook` runs inside the operation as soon as
/// it is entered (a call in flight waits there for `finish`).
func runCall(
  _ breaker: any SubjectBreaker, outcome: String, duration: Duration, fallback: String?,
  returns: String = "value", invoked: Flag = Flag(), hook: (@Sendable () -> Void)? = nil
) -> [String: Any] {
  let operation: @Sendable () throws -> Payload = {
    invoked.set()
    hook?()
    if duration > .zero { adapter.clock.storage.advance(duration) }
    switch outcome {
    case "success": return Payload(value: successValue(returns))
    case "failure": throw ServiceError()
    case "fatal": throw CancellationError()
    default: throw BusinessError()
    }
  }
  do {
    let value: Any?
    if let fallback {
      value = try callWithFallback(
        breaker, operation, fallback: fallbackFunction(fallback, breaker: breaker, invoked: invoked)
      ).value
    } else {
      value = try callPlain(breaker, operation).value
    }
    return classify(value, succeeded: invoked.value && outcome == "success", returns: returns, fallback: fallback)
      .merging(["invoked": invoked.value]) { a, _ in a }
  } catch let unsupported as Unsupported {
    return ["unsupported": "\(unsupported.member) (step \(unsupported.step) adds it)"]
  } catch {
    let result = sortedError(error)
    var reply: [String: Any] = ["result": result, "invoked": invoked.value]
    if result == "other" { reply["detail"] = describe(error) }
    return reply
  }
}

/// How a call that threw ended, in the protocol's words: the one place the adapter sorts a caller's error
/// (`runCall` and batch calls alike).
func sortedError(_ error: any Error) -> String {
  if adapter.isRejection(error) { return "rejected" }
  switch error {
  case is ServiceError: return "failure"
  case is BusinessError: return "ignored"
  case is CancellationError: return "fatal"
  case is FallbackError: return "fallback_error"
  default: return "other"
  }
}

let okMarker = "cblearn-ok"
let fallbackMarker = "cblearn-fallback"
/// What a re-entering fallback returns when its inner call did not come back.
let lockedMarker = "cblearn-fallback-locked"

/// The operation's success value of a `returns` name.
func successValue(_ kind: String) -> Any? {
  switch kind {
  case "zero": return 0
  case "empty": return ""
  case "none": return nil
  default: return okMarker
  }
}

/// Whether `value` is exactly the value a `returns` or fallback name stands for (`marker` for `value`).
func same(_ value: Any?, _ kind: String, marker: String) -> Bool {
  guard let value else { return kind == "none" }
  switch kind {
  case "zero": return (value as? Int) == 0
  case "empty": return (value as? String) == ""
  case "value": return (value as? String) == marker
  default: return false
  }
}

/// The reply fields for a value the call returned: the operation's, the fallback's, or something else.
func classify(_ value: Any?, succeeded: Bool, returns: String, fallback: String?) -> [String: Any] {
  if succeeded, same(value, returns, marker: okMarker) { return ["result": "success"] }
  if let fallback, ["value", "zero", "empty", "none"].contains(fallback),
    same(value, fallback, marker: fallbackMarker)
  {
    return ["result": "fallback"]
  }
  if fallback == "check_error" || fallback == "reenter", (value as? String) == fallbackMarker {
    return ["result": "fallback"]
  }
  if fallback == "reenter", (value as? String) == lockedMarker {
    return [
      "result": "other",
      "detail":
        "the fallback ran while the breaker held its lock: a call through the same breaker from another thread did not return (call the fallback after releasing the lock)",
    ]
  }
  if same(value, returns, marker: okMarker) { return ["result": "success"] }
  return ["result": "other", "detail": "returned \(value.map { "\($0)" } ?? "nil")"]
}

/// The fallback function of a behaviour of docs/protocol.md.
func fallbackFunction(
  _ behaviour: String, breaker: any SubjectBreaker, invoked: Flag
) -> @Sendable (any Error) throws -> Payload {
  switch behaviour {
  case "zero": return { _ in Payload(value: 0) }
  case "empty": return { _ in Payload(value: "") }
  case "none": return { _ in Payload(value: nil) }
  case "raise": return { _ in throw FallbackError() }
  case "check_error":
    return { error in
      if adapter.isRejection(error) || (invoked.value && error is ServiceError) {
        return Payload(value: fallbackMarker)
      }
      throw WrongFallbackArgument(received: "\(type(of: error)): \(error)")
    }
  case "reenter":
    return { _ in
      let done = DispatchSemaphore(value: 0)
      let thread = Thread {
        _ = try? callPlain(breaker) { Payload(value: okMarker) }
        done.signal()
      }
      thread.stackSize = 1 << 20
      thread.start()
      return Payload(value: wait(done, seconds: adapter.grace) ? fallbackMarker : lockedMarker)
    }
  default: return { _ in Payload(value: fallbackMarker) }
  }
}

/// The error of a fallback with behaviour `raise`: it must reach the caller unchanged.
struct FallbackError: Error, CustomStringConvertible {
  var description: String { "FallbackError(scripted fallback error)" }
}

/// Thrown by a `check_error` fallback that was not given the breaker's rejection error.
struct WrongFallbackArgument: Error, CustomStringConvertible {
  let received: String
  var description: String {
    "the fallback was called with \(received), not with the breaker's rejection error (CircuitOpenError)"
  }
}

/// A request's `fallback`: nil for none, a behaviour name otherwise (`true` is `value`).
func fallbackOf(_ request: [String: Any]) throws -> String? {
  if let flag = request["fallback"] as? Bool { return flag ? "value" : nil }
  guard let name = request["fallback"] as? String else { return nil }
  guard ["value", "zero", "empty", "none", "raise", "check_error", "reenter"].contains(name) else {
    throw AdapterFailure(kind: "bad_request", message: "unknown fallback behaviour '\(name)'")
  }
  return name
}

/// A request's `returns`: the operation's success value.
func returnsOf(_ request: [String: Any]) throws -> String {
  let name = request["returns"] as? String ?? "value"
  guard ["value", "zero", "empty", "none"].contains(name) else {
    throw AdapterFailure(kind: "bad_request", message: "returns must be value, zero, empty or none")
  }
  return name
}

/// A thread-safe boolean.
final class Flag: @unchecked Sendable {
  private let lock = PausingLock()
  private var stored = false
  func set() { lock.withLock { stored = true } }
  var value: Bool { lock.withLock { stored } }
}

func breaker(_ request: [String: Any]) throws -> any SubjectBreaker {
  let name = request["breaker"] as? String ?? "main"
  guard let b = adapter.breakers[name] else {
    throw AdapterFailure(kind: "bad_request", message: "no breaker named '\(name)'; send create first")
  }
  return b
}

func checkSupported(_ reply: [String: Any]) throws -> [String: Any] {
  if let message = reply["unsupported"] as? String { throw AdapterFailure(kind: "unsupported", message: message) }
  return reply
}

func handle(_ request: [String: Any]) throws -> [String: Any] {
  let op = request["op"] as? String ?? ""
  switch op {
  case "hello":
    adapter.grace = max(0.05, (number(request["grace_ms"]) ?? 300) / 1000)
    return [
      "protocol": 1, "name": learnerFileName, "language": "swift",
      "features": ["concurrency", "events", "batch", "fatal", "race"] + probeFeatures(),
    ]
  case "create":
    let name = request["breaker"] as? String ?? "main"
    if let unix = number(request["clock"]).map({ Int64($0) }) {
      adapter.clock.storage.set(VirtualClock.Instant(sinceEpoch: .seconds(unix)))
    }
    let log = EventLog()
    let box = Locked<(any SubjectBreaker)?>(nil)
    let cfg = try configuration(request["config"] as? [String: Any] ?? [:], log: log, box: box)
    let b = adapter.makeBreaker(cfg, adapter.clock)
    box.value = b
    adapter.breakers[name] = b
    adapter.events[name] = log
    return ["state": b.stateName]
  case "call":
    let b = try breaker(request)
    var reply = try checkSupported(
      runCall(
        b, outcome: request["outcome"] as? String ?? "success", duration: seconds(request["duration"]),
        fallback: try fallbackOf(request), returns: try returnsOf(request)))
    reply["state"] = b.stateName
    return reply
  case "begin":
    return try begin(request)
  case "finish":
    return try finish(request)
  case "batch":
    return try batch(request)
  case "race":
    return try race(request)
  case "advance":
    adapter.clock.storage.advance(seconds(request["seconds"]))
    return [:]
  case "state":
    return ["state": try breaker(request).stateName]
  case "is_open":
    let b = try breaker(request)
    do { return ["open": try readIsOpen(b), "state": b.stateName] } catch let u as Unsupported {
      throw AdapterFailure(kind: "unsupported", message: "\(u.member) (step \(u.step) adds it)")
    }
  case "events":
    _ = try breaker(request)
    return ["events": adapter.events[request["breaker"] as? String ?? "main"]?.all ?? []]
  case "metrics":
    let b = try breaker(request)
    do { return ["metrics": try readMetrics(b), "state": b.stateName] } catch let u as Unsupported {
      throw AdapterFailure(kind: "unsupported", message: "\(u.member) (step \(u.step) adds it)")
    }
  default:
    throw AdapterFailure(kind: "unsupported", message: "unknown op '\(op)'")
  }
}
