import Foundation

/// A subject after its handshake, with the contract's ways of asking and of judging a reply.
struct ContractProbe {
  let connection: ContractConnection
  let clock = AdapterContract.clock

  /// Completes the handshake on `connection`.
  init(_ connection: ContractConnection) throws(ContractViolation) {
    self.connection = connection
    _ = try ok(["op": "hello", "protocol": 1, "grace_ms": 300])
  }

  /// Asks and requires `"ok": true`.
  func ok(_ fields: [String: JSONValue]) throws(ContractViolation) -> [String: JSONValue] {
    let reply = try connection.ask(fields)
    guard reply["ok"]?.bool == true else {
      let error = reply["error"]
      throw ContractViolation(
        "`\(fields["op"]?.string ?? "?")` answered an error (\(error?["kind"]?.string ?? "no kind"): "
          + "\(error?["message"]?.string ?? "no message")) where it must succeed")
    }
    return reply
  }

  /// Asks and requires an error reply of `kind` with a message; returns the message.
  @discardableResult
  func error(_ fields: [String: JSONValue], kind: String) throws(ContractViolation) -> String {
    let op = fields["op"]?.string ?? "?"
    let reply = try connection.ask(fields)
    guard reply["ok"]?.bool == false else {
      throw ContractViolation("`\(op)` \(Self.brief(fields)) must answer \"ok\": false with error kind `\(kind)`")
    }
    let found = reply["error"]?["kind"]?.string
    guard let message = reply["error"]?["message"]?.string, let found, AdapterContract.errorKinds.contains(found)
    else {
      throw ContractViolation(
        "an error reply needs \"error\": {\"kind\": …, \"message\": …} with a kind of docs/protocol.md")
    }
    try expect(found == kind, "`\(op)` \(Self.brief(fields)) answered error kind `\(found)`, not `\(kind)`")
    return message
  }

  /// Creates breaker `name` with `config`, the clock at `clock`; requires the state CLOSED.
  func create(
    _ name: String = "main", _ config: [String: JSONValue] = ["failure_threshold": 2, "recovery_timeout": 30]
  ) throws(ContractViolation) {
    let reply = try ok(["op": "create", "breaker": .string(name), "config": .object(config), "clock": .number(clock)])
    try expect(
      reply["state"]?.string == "CLOSED", "create must answer \"state\": \"CLOSED\", not \(show(reply["state"]))")
    if reply["now"] != nil { try now(reply, clock, "create") }
  }

  /// A `call` of `outcome` taking `duration` seconds; requires `result`, `invoked`, `state` and `now`.
  func call(
    _ outcome: String, duration: Double = 0, fallback: JSONValue = false
  ) throws(ContractViolation) -> [String: JSONValue] {
    let reply = try ok([
      "op": "call", "breaker": "main", "outcome": .string(outcome), "duration": .number(duration),
      "fallback": fallback,
    ])
    try expect(reply["result"]?.string != nil, "a call's reply needs \"result\" (a string)")
    try expect(reply["invoked"]?.bool != nil, "a call's reply needs \"invoked\" (true or false)")
    _ = try state(reply, "call")
    try expect(reply["now"]?.double != nil, "a call's reply needs \"now\" (Unix seconds)")
    return reply
  }

  /// Requires `result` and `invoked` of a reply.
  func result(_ reply: [String: JSONValue], _ result: String, invoked: Bool, _ what: String) throws(ContractViolation) {
    try expect(
      reply["result"]?.string == result && reply["invoked"]?.bool == invoked,
      "\(what) must answer \"result\": \"\(result)\", \"invoked\": \(invoked); got \(show(reply["result"])), "
        + "\(show(reply["invoked"]))")
  }

  /// The reply's `state`, which must be CLOSED, OPEN or HALF_OPEN.
  func state(_ reply: [String: JSONValue], _ op: String) throws(ContractViolation) -> String {
    guard let state = reply["state"]?.string, AdapterContract.states.contains(state) else {
      throw ContractViolation("`\(op)` must answer \"state\": CLOSED, OPEN or HALF_OPEN, not \(show(reply["state"]))")
    }
    return state
  }

  /// Requires the reply's `now` to be `expected` Unix seconds (to a microsecond).
  func now(_ reply: [String: JSONValue], _ expected: Double, _ op: String) throws(ContractViolation) {
    guard let now = reply["now"]?.double else { throw ContractViolation("`\(op)` must answer \"now\" (Unix seconds)") }
    try expect(
      abs(now - expected) < 1e-6,
      "after `\(op)` the virtual clock must read \(expected - clock) s past the start, not \(now - clock) s")
  }

  func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(ContractViolation) {
    if !condition { throw ContractViolation(message()) }
  }

  func show(_ value: JSONValue?) -> String { value?.text ?? "nothing" }

  private static func brief(_ fields: [String: JSONValue]) -> String {
    let text = JSONValue.object(fields).text
    return text.count <= 120 ? text : String(text.prefix(120)) + "…"
  }
}
