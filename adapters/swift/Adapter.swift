// cblearn's Swift adapter: the operations of the wire protocol (docs/protocol.md) on the learner's breaker.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The protocol channel: the original standard output, kept apart from the learner's prints.
nonisolated(unsafe) var protocolFD: Int32 = 1

/// Moves standard output to standard error, keeping the original for the protocol.
func redirectOutput() {
  protocolFD = dup(1)
  _ = dup2(2, 1)
}

let clock = VirtualClock()
nonisolated(unsafe) var breakers: [String: CircuitBreaker<VirtualClock>] = [:]
nonisolated(unsafe) var events: [String: EventLog] = [:]
nonisolated(unsafe) var calls: [String: InFlight] = [:]
nonisolated(unsafe) var grace = 0.3

/// Recorded state changes of one breaker.
final class EventLog: @unchecked Sendable {
  private let lock = NSLock()
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
  let breaker: CircuitBreaker<VirtualClock>
  private let lock = NSLock()
  private var stored: [String: Any]? = nil
  var reply: [String: Any]? {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
  init(breaker: CircuitBreaker<VirtualClock>) { self.breaker = breaker }
}

struct AdapterFailure: Error {
  let kind: String
  let message: String
}

/// Serialises writes to the protocol channel: the batch watchdog may answer from its own thread.
let protocolLock = NSLock()

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
      let n = write(protocolFD, raw.baseAddress! + offset, raw.count - offset)
      if n <= 0 { exit(0) }
      offset += n
    }
  }
}

func seconds(_ value: Any?) -> Duration {
  let amount = number(value) ?? 0
  return .nanoseconds(Int64((amount * 1e9).rounded()))
}

/// Holds a breaker for a listener created before the breaker itself.
final class BreakerBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: CircuitBreaker<VirtualClock>?
  var breaker: CircuitBreaker<VirtualClock>? {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}

func configuration(_ raw: [String: Any], log: EventLog, box: BreakerBox) throws -> BreakerConfiguration {
  var cfg = BreakerConfiguration()
  cfg.isFailure = { $0 is ServiceError }
  let listener = raw["listener"] as? String
  // A Swift listener cannot throw (the closure is not `throws`), so `raise` records like the default one.
  cfg.onStateChange = { from, to in
    log.append(from, to, clock.unixSeconds)
    if listener == "reenter", let breaker = box.breaker {
      _ = breaker.state
      _ = try? breaker.metrics
      _ = try? breaker.isOpen
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
func runCall(
  _ breaker: CircuitBreaker<VirtualClock>, outcome: String, duration: Duration, fallback: Bool,
  flight: InFlight? = nil
) -> [String: Any] {
  let invoked = flight?.invoked ?? Flag()
  let operation: () throws -> String = {
    invoked.set()
    if let flight {
      flight.entered.signal()
      flight.gate.wait()
    }
    if duration > .zero { clock.storage.advance(duration) }
    switch outcome {
    case "success": return "cblearn-ok"
    case "failure": throw ServiceError()
    case "fatal": throw CancellationError()
    default: throw BusinessError()
    }
  }
  do {
    let value: String =
      fallback
      ? try breaker.call(operation, fallback: { _ in "cblearn-fallback" })
      : try breaker.call(operation)
    let result = value == "cblearn-ok" ? "success" : (value == "cblearn-fallback" ? "fallback" : "other")
    return ["result": result, "invoked": invoked.value]
  } catch is CircuitOpenError {
    return ["result": "rejected", "invoked": invoked.value]
  } catch is ServiceError {
    return ["result": "failure", "invoked": invoked.value]
  } catch is BusinessError {
    return ["result": "ignored", "invoked": invoked.value]
  } catch is CancellationError {
    return ["result": "fatal", "invoked": invoked.value]
  } catch let unsupported as Unsupported {
    return ["unsupported": "\(unsupported.member) (step \(unsupported.step) adds it)"]
  } catch {
    return ["result": "other", "invoked": invoked.value, "detail": describe(error)]
  }
}

/// A thread-safe boolean.
final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var stored = false
  func set() { lock.withLock { stored = true } }
  var value: Bool { lock.withLock { stored } }
}

func breaker(_ request: [String: Any]) throws -> CircuitBreaker<VirtualClock> {
  let name = request["breaker"] as? String ?? "main"
  guard let b = breakers[name] else {
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
    grace = max(0.05, (number(request["grace_ms"]) ?? 300) / 1000)
    return [
      "protocol": 1, "name": learnerFileName, "language": "swift",
      "features": ["concurrency", "events", "batch", "fatal"] + probeFeatures(),
    ]
  case "create":
    let name = request["breaker"] as? String ?? "main"
    if let unix = number(request["clock"]).map({ Int64($0) }) {
      clock.storage.set(VirtualClock.Instant(sinceEpoch: .seconds(unix)))
    }
    let log = EventLog()
    let box = BreakerBox()
    let cfg = try configuration(request["config"] as? [String: Any] ?? [:], log: log, box: box)
    let b = CircuitBreaker(configuration: cfg, clock: clock)
    box.breaker = b
    breakers[name] = b
    events[name] = log
    return ["state": b.state.rawValue]
  case "call":
    let b = try breaker(request)
    var reply = try checkSupported(
      runCall(
        b, outcome: request["outcome"] as? String ?? "success", duration: seconds(request["duration"]),
        fallback: request["fallback"] as? Bool ?? false))
    reply["state"] = b.state.rawValue
    return reply
  case "begin":
    return try begin(request)
  case "finish":
    return try finish(request)
  case "batch":
    return try batch(request)
  case "advance":
    clock.storage.advance(seconds(request["seconds"]))
    return [:]
  case "state":
    return ["state": try breaker(request).state.rawValue]
  case "is_open":
    let b = try breaker(request)
    do { return ["open": try b.isOpen, "state": b.state.rawValue] } catch let u as Unsupported {
      throw AdapterFailure(kind: "unsupported", message: "\(u.member) (step \(u.step) adds it)")
    }
  case "events":
    _ = try breaker(request)
    return ["events": events[request["breaker"] as? String ?? "main"]?.all ?? []]
  case "metrics":
    let b = try breaker(request)
    do { return ["metrics": try b.metrics, "state": b.state.rawValue] } catch let u as Unsupported {
      throw AdapterFailure(kind: "unsupported", message: "\(u.member) (step \(u.step) adds it)")
    }
  default:
    throw AdapterFailure(kind: "unsupported", message: "unknown op '\(op)'")
  }
}
