// cblearn's Swift adapter: the wire format of `batch`, read and written straight from and to UTF-8 bytes.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Appends the JSON number `writeJSON` would write for `value`.
private func appendNumber(_ value: Double, to out: inout [UInt8]) {
  if value == value.rounded(), abs(value) < 1e15 {
    out.append(contentsOf: String(Int64(value)).utf8)
  } else {
    out.append(contentsOf: "\(value)".utf8)
  }
}

/// The success reply of a batch, as one protocol line.
func encodeBatchReply(_ reply: BatchReply, id: String) -> [UInt8] {
  var out: [UInt8] = []
  out.reserveCapacity(reply.results.count * 2 + 96)
  out.append(contentsOf: "{\"id\":".utf8)
  out.append(contentsOf: id.utf8)
  out.append(contentsOf: ",\"ok\":true,\"results\":\"".utf8)
  out.append(contentsOf: reply.results)
  out.append(contentsOf: "\",\"states\":\"".utf8)
  out.append(contentsOf: reply.states)
  out.append(UInt8(ascii: "\""))
  if !reply.errors.isEmpty {
    var text = ",\"errors\":["
    for (n, (index, detail)) in reply.errors.enumerated() {
      if n > 0 { text += "," }
      text += "[\(index),"
      quoteJSON(detail, into: &text)
      text += "]"
    }
    text += "]"
    out.append(contentsOf: text.utf8)
  }
  out.append(contentsOf: ",\"now\":".utf8)
  appendNumber(adapter.clock.unixSeconds, to: &out)
  out.append(contentsOf: "}\n".utf8)
  return out
}

/// Answers a batch line without building generic JSON values; false if the line is not one it can read
/// (another op, an unusual spelling), which then goes the generic way.
func serveBatchLine(_ line: String) -> Bool {
  var line = line
  let parsed: (id: String, events: [BatchEvent])?? = line.withUTF8 { buffer in
    guard let base = buffer.baseAddress else { return nil }
    var scanner = BatchScanner(bytes: base, count: buffer.count)
    return scanner.request()
  }
  guard case .some(.some(let request)) = parsed else { return false }
  do {
    let reply = try runBatch(request.events, requestID: request.id)
    writeProtocol(encodeBatchReply(reply, id: request.id))
  } catch let failure as AdapterFailure {
    send([
      "id": parseJSON(request.id) ?? JSONNull(), "ok": false,
      "error": ["kind": failure.kind, "message": failure.message],
    ])
  } catch {
    send([
      "id": parseJSON(request.id) ?? JSONNull(), "ok": false,
      "error": ["kind": "internal", "message": describe(error)],
    ])
  }
  return true
}

/// The generic path: `events` as parsed JSON values (any spelling the fast scanner declined).
func batch(_ request: [String: Any]) throws -> [String: Any] {
  guard let raw = request["events"] as? [Any] else {
    throw AdapterFailure(kind: "bad_request", message: "batch needs events, an array")
  }
  var events: [BatchEvent] = []
  events.reserveCapacity(raw.count)
  func text(_ value: Any) -> String? {
    if let s = value as? String { return s }
    if let d = number(value) { return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : "\(d)" }
    return nil
  }
  for (index, item) in raw.enumerated() {
    guard let fields = item as? [Any], fields.count == 4, let dt = number(fields[0]), dt >= 0, dt < 9e18,
      let kind = fields[1] as? String, kind == "b" || kind == "f"
    else {
      throw AdapterFailure(
        kind: "bad_request",
        message: "event \(index) is not [dt, \"b\", breaker, call] or [dt, \"f\", call, outcome] with dt >= 0")
    }
    if kind == "b" {
      guard let breaker = fields[2] as? String, let call = text(fields[3]) else {
        throw AdapterFailure(kind: "bad_request", message: "event \(index): a begin is [dt, \"b\", breaker, call]")
      }
      events.append(BatchEvent(dt: Int64(dt.rounded()), isBegin: true, breaker: breaker, call: call, outcome: .success))
    } else {
      guard let call = text(fields[2]), let outcome = (fields[3] as? String).flatMap(BatchOutcome.init) else {
        throw AdapterFailure(
          kind: "bad_request",
          message: "event \(index): a finish is [dt, \"f\", call, outcome] with outcome "
            + "success, failure or ignored")
      }
      events.append(BatchEvent(dt: Int64(dt.rounded()), isBegin: false, breaker: "", call: call, outcome: outcome))
    }
  }
  var id = ""
  writeJSON(request["id"] ?? JSONNull(), into: &id)
  let reply = try runBatch(events, requestID: id)
  var answer: [String: Any] = [
    "results": String(decoding: reply.results, as: UTF8.self),
    "states": String(decoding: reply.states, as: UTF8.self),
  ]
  if !reply.errors.isEmpty { answer["errors"] = reply.errors.map { [$0.0, $0.1] as [Any] } }
  return answer
}

/// Reads `{"id":N,"op":"batch","events":[...]}` (keys in any order) straight from UTF-8 bytes: the generic
/// JSON values would cost more than the calls themselves. The runtime is compiled with `-O`, so the small
/// helpers are inlined without `@_transparent` (needed while the adapter was compiled at `-Onone`).
struct BatchScanner {
  let bytes: UnsafePointer<UInt8>
  let count: Int
  var index = 0
  /// The last breaker name read, reused while the next names have the same bytes.
  private var lastName = ""
  private var lastNameStart = 0
  private var lastNameCount = -1

  init(bytes: UnsafePointer<UInt8>, count: Int) {
    self.bytes = bytes
    self.count = count
  }

  /// nil when the line is not a batch this scanner reads; the caller then parses it the generic way.
  mutating func request() -> (id: String, events: [BatchEvent])? {
    skipSpace()
    guard take(0x7B) else { return nil }  // {
    var id: String? = nil
    var isBatch = false
    var events: [BatchEvent]? = nil
    while true {
      skipSpace()
      guard let (start, length) = rawString() else { return nil }
      skipSpace()
      guard take(0x3A) else { return nil }  // :
      skipSpace()
      if equals(start, length, "id") {
        let idStart = index
        if take(0x2D) {}  // -
        guard integer() != nil else { return nil }
        id = String(decoding: UnsafeBufferPointer(start: bytes + idStart, count: index - idStart), as: UTF8.self)
      } else if equals(start, length, "op") {
        guard let (opStart, opLength) = rawString(), equals(opStart, opLength, "batch") else { return nil }
        isBatch = true
      } else if equals(start, length, "events") {
        guard let list = eventList() else { return nil }
        events = list
      } else {
        return nil
      }
      skipSpace()
      if take(0x7D) { break }  // }
      guard take(0x2C) else { return nil }  // ,
    }
    skipSpace()
    guard index == count, isBatch, let id, let events else { return nil }
    return (id, events)
  }

  private mutating func eventList() -> [BatchEvent]? {
    guard take(0x5B) else { return nil }  // [
    var events: [BatchEvent] = []
    events.reserveCapacity(64)
    skipSpace()
    if take(0x5D) { return events }  // ]
    while true {
      skipSpace()
      guard let event = event() else { return nil }
      events.append(event)
      skipSpace()
      if take(0x5D) { return events }
      guard take(0x2C) else { return nil }
    }
  }

  /// `[dt,"b",breaker,call]` or `[dt,"f",call,outcome]`.
  private mutating func event() -> BatchEvent? {
    guard take(0x5B) else { return nil }
    skipSpace()
    guard let dt = integer(), separator(), let (kindStart, kindLength) = rawString(), kindLength == 1, separator()
    else { return nil }
    var event: BatchEvent
    switch bytes[kindStart] {
    case 0x62:  // b
      guard let (nameStart, nameLength) = rawString(), separator(), let (callStart, callLength) = rawString() else {
        return nil
      }
      if nameLength != lastNameCount || memcmp(bytes + nameStart, bytes + lastNameStart, nameLength) != 0 {
        lastName = String(decoding: UnsafeBufferPointer(start: bytes + nameStart, count: nameLength), as: UTF8.self)
        lastNameStart = nameStart
        lastNameCount = nameLength
      }
      event = BatchEvent(dt: dt, isBegin: true, breaker: lastName, outcome: .success)
      setCall(&event, callStart, callLength)
    case 0x66:  // f
      guard let (callStart, callLength) = rawString(), separator(), let (start, length) = rawString() else {
        return nil
      }
      let outcome: BatchOutcome
      if equals(start, length, "success") {
        outcome = .success
      } else if equals(start, length, "failure") {
        outcome = .failure
      } else if equals(start, length, "ignored") {
        outcome = .ignored
      } else if equals(start, length, "fatal") {
        outcome = .fatal
      } else {
        return nil
      }
      event = BatchEvent(dt: dt, isBegin: false, breaker: "", outcome: outcome)
      setCall(&event, callStart, callLength)
    default:
      return nil
    }
    skipSpace()
    guard take(0x5D) else { return nil }
    return event
  }

  /// A call id that is a plain decimal number is kept as a number: no string to make or hash.
  private func setCall(_ event: inout BatchEvent, _ start: Int, _ length: Int) {
    var number = 0
    var position = start
    let end = start + length
    while position < end, bytes[position] >= 0x30, bytes[position] <= 0x39 {
      number = number &* 10 &+ Int(bytes[position] &- 0x30)
      position += 1
    }
    if position == end, length > 0, length <= 18, length == 1 || bytes[start] != 0x30 {
      event.callNumber = number
    } else {
      event.callText = String(decoding: UnsafeBufferPointer(start: bytes + start, count: length), as: UTF8.self)
    }
  }

  private mutating func separator() -> Bool {
    skipSpace()
    guard take(0x2C) else { return false }
    skipSpace()
    return true
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    if index < count, bytes[index] == byte {
      index += 1
      return true
    }
    return false
  }

  private mutating func skipSpace() {
    while index < count, bytes[index] <= 0x20,
      bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
        || bytes[index] == 0x09
    {
      index += 1
    }
  }

  /// Whether the bytes at `start` spell `word` (an ASCII literal).
  private func equals(_ start: Int, _ length: Int, _ word: StaticString) -> Bool {
    length == word.utf8CodeUnitCount && memcmp(bytes + start, word.utf8Start, length) == 0
  }

  /// A non-negative integer of at most 18 digits (nil otherwise: fractions and exponents go the generic way).
  private mutating func integer() -> Int64? {
    let start = index
    var value: Int64 = 0
    while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
      value = value &* 10 &+ Int64(bytes[index] &- 0x30)
      index += 1
    }
    let digits = index - start
    guard digits > 0, digits <= 18 else { return nil }
    if index < count, bytes[index] == 0x2E || bytes[index] | 0x20 == 0x65 { return nil }  // . e E
    return value
  }

  /// A string without escapes, as the range of its bytes (nil otherwise: escapes go the generic way).
  private mutating func rawString() -> (Int, Int)? {
    guard take(0x22) else { return nil }
    let start = index
    while index < count {
      let b = bytes[index]
      if b == 0x22 {
        index += 1
        return (start, index - 1 - start)
      }
      if b == 0x5C || b < 0x20 { return nil }
      index += 1
    }
    return nil
  }
}
