import Conformance
import Foundation

/// Turns requests into protocol lines and protocol lines into replies (docs/protocol.md, version 1).
enum WireCodec {
  /// The protocol version this driver speaks.
  static let version = 1

  /// The JSON object of a request, without its id.
  static func fields(of request: Request) -> [String: JSONValue] {
    var f: [String: JSONValue] = ["op": .string(request.op)]
    switch request {
    case .create(let breaker, let config, let clock):
      f["breaker"] = .string(breaker)
      f["config"] = configObject(config)
      if let clock { f["clock"] = .number(Double(clock)) }
    case .call(let breaker, let outcome, let duration, let fallback):
      f["breaker"] = .string(breaker)
      f["outcome"] = .string(outcome.rawValue)
      f["duration"] = .number(duration)
      addFallback(fallback, to: &f)
    case .begin(let breaker, let call, let outcome, let fallback):
      f["breaker"] = .string(breaker)
      f["call"] = .string(call)
      f["outcome"] = .string(outcome.rawValue)
      addFallback(fallback, to: &f)
    case .race(let breaker, let calls, let outcome):
      f["breaker"] = .string(breaker)
      f["calls"] = .number(Double(calls))
      f["outcome"] = .string(outcome.rawValue)
    case .finish(let call):
      f["call"] = .string(call)
    case .advance(let seconds):
      f["seconds"] = .number(seconds)
    case .state(let breaker), .isOpen(let breaker), .events(let breaker), .metrics(let breaker):
      f["breaker"] = .string(breaker)
    case .batch:
      break  // `encode` writes a batch's events itself, byte by byte
    }
    return f
  }

  /// `fallback` as `false`, `true` (a fallback returning its marker) or a behaviour's name, and `returns`
  /// when the operation's success value is not the marker: subjects older than per-call fallbacks read
  /// any behaviour as `true`.
  static func addFallback(_ fallback: Fallback, to f: inout [String: JSONValue]) {
    switch fallback.behaviour {
    case nil: f["fallback"] = .bool(false)
    case .value?: f["fallback"] = .bool(true)
    case let behaviour?: f["fallback"] = .string(behaviour.rawValue)
    }
    if fallback.returns != .value { f["returns"] = .string(fallback.returns.rawValue) }
  }

  /// The protocol line of `request` as request `id`, with its newline.
  static func encode(_ request: Request, id: Int) -> [UInt8] {
    if case .batch(let events) = request { return batchLine(id: id, events) }
    return Array((line(id: id, fields(of: request)) + "\n").utf8)
  }

  /// The line of a `batch` request with its newline, written byte by byte: the simulator sends tens of
  /// thousands of them.
  static func batchLine(id: Int, _ events: [BatchEvent]) -> [UInt8] {
    var line: [UInt8] = []
    line.reserveCapacity(40 + events.count * 32)
    line.append(contentsOf: #"{"id":"#.utf8)
    appendDecimal(Int64(id), to: &line)
    line.append(contentsOf: #","op":"batch","events":["#.utf8)
    for (index, event) in events.enumerated() {
      if index > 0 { line.append(UInt8(ascii: ",")) }
      line.append(UInt8(ascii: "["))
      appendDecimal(event.delay, to: &line)
      switch event.kind {
      case .begin(let breaker):
        line.append(contentsOf: #","b","#.utf8)
        appendString(breaker, to: &line)
        line.append(UInt8(ascii: ","))
        appendString(event.call, to: &line)
      case .finish(let outcome):
        line.append(contentsOf: #","f","#.utf8)
        appendString(event.call, to: &line)
        line.append(contentsOf: #",""#.utf8)
        line.append(contentsOf: outcome.rawValue.utf8)
        line.append(UInt8(ascii: "\""))
      }
      line.append(UInt8(ascii: "]"))
    }
    line.append(contentsOf: "]}\n".utf8)
    return line
  }

  private static func appendDecimal(_ value: Int64, to line: inout [UInt8]) {
    if value < 10, value >= 0 {
      line.append(UInt8(ascii: "0") + UInt8(value))
      return
    }
    line.append(contentsOf: String(value).utf8)
  }

  /// A JSON string: names and ids are plain, so they are copied; anything else goes through the encoder.
  private static func appendString(_ text: String, to line: inout [UInt8]) {
    let plain = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    if plain {
      line.append(UInt8(ascii: "\""))
      line.append(contentsOf: text.utf8)
      line.append(UInt8(ascii: "\""))
    } else {
      line.append(contentsOf: JSONValue.string(text).text.utf8)
    }
  }

  /// The configuration as the protocol's object (only the keys that are set).
  static func configObject(_ config: BreakerConfig) -> JSONValue {
    var f: [String: JSONValue] = [
      "failure_threshold": .number(Double(config.failureThreshold)),
      "recovery_timeout": .number(config.recoveryTimeout),
    ]
    if let v = config.halfOpenMaxCalls { f["half_open_max_calls"] = .number(Double(v)) }
    if let v = config.successThreshold { f["success_threshold"] = .number(Double(v)) }
    if let w = config.window {
      f["window"] = .object([
        "kind": .string(w.kind.rawValue), "size": .number(w.size), "minimum_calls": .number(Double(w.minimumCalls)),
        "failure_rate_threshold": .number(w.failureRateThreshold),
      ])
    }
    if let v = config.slowCallDuration { f["slow_call_duration"] = .number(v) }
    if let v = config.slowCallRateThreshold { f["slow_call_rate_threshold"] = .number(v) }
    if let v = config.maxConcurrentCalls { f["max_concurrent_calls"] = .number(Double(v)) }
    if let v = config.listener { f["listener"] = .string(v.rawValue) }
    return .object(f)
  }

  /// Encodes one request line.
  static func line(id: Int, _ fields: [String: JSONValue]) -> String {
    var object = fields
    object["id"] = .number(Double(id))
    return JSONValue.object(object).text
  }

  /// Parses a reply line for request `id`, turning protocol errors into faults.
  static func reply(_ line: String, id: Int) throws(SubjectFault) -> [String: JSONValue] {
    guard let object = JSONValue.parse(line)?.object else {
      throw .protocolViolation("the subject wrote a line that is not a JSON object: \(quote(line))")
    }
    guard let replyID = object["id"]?.int else {
      throw .protocolViolation("a reply without an integer \"id\": \(quote(line))")
    }
    guard replyID == id else {
      throw .protocolViolation("expected the reply to request \(id), got one for \(replyID): \(quote(line))")
    }
    if object["ok"]?.bool == false {
      let error = object["error"]
      throw .adapterError(
        kind: error?["kind"]?.string ?? "error", message: error?["message"]?.string ?? quote(line))
    }
    return object
  }

  /// Decodes the fields of a successful reply.
  static func decode(_ object: [String: JSONValue]) throws(SubjectFault) -> Reply {
    var reply = Reply()
    if let text = object["result"]?.string {
      guard let result = CallResult(rawValue: text) else {
        throw .protocolViolation("unknown result \"\(text)\" (expected one of \(CallResult.allCases.map(\.rawValue)))")
      }
      reply.result = result
    }
    if let text = object["status"]?.string {
      guard let status = CallStatus(rawValue: text) else {
        throw .protocolViolation("unknown status \"\(text)\" (expected running, completed or blocked)")
      }
      reply.status = status
    }
    if let text = object["state"]?.string {
      guard let state = BreakerState(lenient: text) else {
        throw .protocolViolation("unknown state \"\(text)\" (expected CLOSED, OPEN or HALF_OPEN)")
      }
      reply.state = state
    }
    reply.invoked = object["invoked"]?.bool
    reply.isOpen = object["open"]?.bool
    reply.now = object["now"]?.double
    reply.detail = object["detail"]?.string
    if let list = object["events"]?.array {
      var events: [Transition] = []
      for item in list {
        guard let from = item["from"]?.string.flatMap(BreakerState.init(lenient:)),
          let to = item["to"]?.string.flatMap(BreakerState.init(lenient:))
        else { throw .protocolViolation("an event needs \"from\" and \"to\" states: \(item.text)") }
        events.append(Transition(from: from, to: to, at: item["at"]?.double))
      }
      reply.events = events
    }
    if let metrics = object["metrics"]?.object {
      reply.metrics = metrics.compactMapValues(\.double)
    }
    if let results = object["results"]?.string {
      reply.batch = try batch(results: results, object)
    }
    if let results = object["results"]?.array {
      reply.race = try race(results: results, object)
    }
    return reply
  }

  /// Decodes the per-event strings of a `batch` reply.
  static func batch(results: String, _ object: [String: JSONValue]) throws(SubjectFault) -> BatchReply {
    var answer = BatchReply(results: [], states: [])
    answer.results.reserveCapacity(results.utf8.count)
    for byte in results.utf8 {
      guard let result = BatchResult(rawValue: byte) else {
        throw .protocolViolation("unknown batch result '\(Character(Unicode.Scalar(byte)))' (expected r, x, d or e)")
      }
      answer.results.append(result)
    }
    let states = object["states"]?.string ?? ""
    answer.states.reserveCapacity(states.utf8.count)
    for byte in states.utf8 {
      switch byte {
      case UInt8(ascii: "C"): answer.states.append(.closed)
      case UInt8(ascii: "O"): answer.states.append(.open)
      case UInt8(ascii: "H"): answer.states.append(.halfOpen)
      default:
        throw .protocolViolation("unknown batch state '\(Character(Unicode.Scalar(byte)))' (expected C, O or H)")
      }
    }
    guard answer.states.count == answer.results.count else {
      throw .protocolViolation(
        "a batch reply with \(answer.results.count) results but \(answer.states.count) states")
    }
    for item in object["errors"]?.array ?? [] {
      guard let pair = item.array, let index = pair.first?.int else { continue }
      answer.errors[index] = pair.count > 1 ? pair[1].string ?? pair[1].text : "no detail"
    }
    return answer
  }

  /// Decodes a `race` reply: a result per call, how many entered their operation, the peak inside at once.
  static func race(results: [JSONValue], _ object: [String: JSONValue]) throws(SubjectFault) -> RaceReply {
    var list: [CallResult] = []
    for item in results {
      guard let text = item.string, let result = CallResult(rawValue: text) else {
        throw .protocolViolation(
          "unknown race result \(item.text) (expected one of \(CallResult.allCases.map(\.rawValue)))")
      }
      list.append(result)
    }
    guard let entered = object["entered"]?.int, let peak = object["peak"]?.int else {
      throw .protocolViolation("a race reply needs integer \"entered\" and \"peak\"")
    }
    return RaceReply(results: list, entered: entered, peak: peak)
  }

  static func quote(_ line: String) -> String {
    line.count > 200 ? "\"\(line.prefix(200))…\" (\(line.utf8.count) bytes)" : "\"\(line)\""
  }
}
