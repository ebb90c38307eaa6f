import Conformance
import Foundation

/// Turns requests into protocol lines and protocol lines into replies (docs/protocol.md, version 1).
enum WireCodec {
  /// The protocol version this driver speaks.
  static let version = 1

  /// The JSON object of a request, without its id.
  static func fields(of request: Request) -> [String: Any] {
    var f: [String: Any] = ["op": request.op]
    switch request {
    case .create(let breaker, let config, let clock):
      f["breaker"] = breaker
      f["config"] = configObject(config)
      if let clock { f["clock"] = clock }
    case .call(let breaker, let outcome, let duration, let fallback):
      f["breaker"] = breaker
      f["outcome"] = outcome.rawValue
      f["duration"] = duration
      f["fallback"] = fallback
    case .begin(let breaker, let call, let outcome, let fallback):
      f["breaker"] = breaker
      f["call"] = call
      f["outcome"] = outcome.rawValue
      f["fallback"] = fallback
    case .finish(let call):
      f["call"] = call
    case .advance(let seconds):
      f["seconds"] = seconds
    case .state(let breaker), .isOpen(let breaker), .events(let breaker), .metrics(let breaker):
      f["breaker"] = breaker
    }
    return f
  }

  /// The configuration as the protocol's object (only the keys that are set).
  static func configObject(_ config: BreakerConfig) -> [String: Any] {
    guard let data = try? JSONEncoder().encode(config),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object
  }

  /// Encodes one request line.
  static func line(id: Int, _ fields: [String: Any]) -> String {
    var object = fields
    object["id"] = id
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  /// Parses a reply line for request `id`, turning protocol errors into faults.
  static func reply(_ line: String, id: Int) throws(SubjectFault) -> [String: Any] {
    guard let data = line.data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    else {
      throw .protocolViolation("the subject wrote a line that is not a JSON object: \(quote(line))")
    }
    guard let replyID = (object["id"] as? NSNumber)?.intValue else {
      throw .protocolViolation("a reply without an integer \"id\": \(quote(line))")
    }
    guard replyID == id else {
      throw .protocolViolation("expected the reply to request \(id), got one for \(replyID): \(quote(line))")
    }
    if (object["ok"] as? Bool) == false {
      let error = object["error"] as? [String: Any]
      throw .adapterError(
        kind: error?["kind"] as? String ?? "error", message: error?["message"] as? String ?? quote(line))
    }
    return object
  }

  /// Decodes the fields of a successful reply.
  static func decode(_ object: [String: Any]) throws(SubjectFault) -> Reply {
    var reply = Reply()
    if let text = object["result"] as? String {
      guard let result = CallResult(rawValue: text) else {
        throw .protocolViolation("unknown result \"\(text)\" (expected one of \(CallResult.allCases.map(\.rawValue)))")
      }
      reply.result = result
    }
    if let text = object["status"] as? String {
      guard let status = CallStatus(rawValue: text) else {
        throw .protocolViolation("unknown status \"\(text)\" (expected running, completed or blocked)")
      }
      reply.status = status
    }
    if let text = object["state"] as? String {
      guard let state = BreakerState(lenient: text) else {
        throw .protocolViolation("unknown state \"\(text)\" (expected CLOSED, OPEN or HALF_OPEN)")
      }
      reply.state = state
    }
    reply.invoked = object["invoked"] as? Bool
    reply.isOpen = object["open"] as? Bool
    reply.now = (object["now"] as? NSNumber)?.doubleValue
    reply.detail = object["detail"] as? String
    if let list = object["events"] as? [[String: Any]] {
      var events: [Transition] = []
      for item in list {
        guard let from = (item["from"] as? String).flatMap(BreakerState.init(lenient:)),
          let to = (item["to"] as? String).flatMap(BreakerState.init(lenient:))
        else { throw .protocolViolation("an event needs \"from\" and \"to\" states: \(item)") }
        events.append(Transition(from: from, to: to, at: (item["at"] as? NSNumber)?.doubleValue))
      }
      reply.events = events
    }
    if let metrics = object["metrics"] as? [String: Any] {
      reply.metrics = metrics.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }
    return reply
  }

  static func quote(_ line: String) -> String {
    line.count > 200 ? "\"\(line.prefix(200))…\" (\(line.utf8.count) bytes)" : "\"\(line)\""
  }
}
