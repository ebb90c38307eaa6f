import Foundation

/// One clause of the adapter contract: what it requires, the feature it needs, and the requests that probe it.
struct ContractClause: Sendable {
  let id: String
  let text: String
  /// The feature from `hello` the clause needs (nil: every subject).
  let feature: String?
  let body: @Sendable (ContractProbe) throws(ContractViolation) -> Void
}

/// The clauses of docs/protocol.md that the contract checks, in the order it runs them.
enum ContractClauses {
  static let handshakeText =
    "hello is answered first, with \"protocol\": 1, a name, a language and the features it lists"

  /// Sends `hello` and judges the reply; returns the features.
  static func handshake(_ connection: ContractConnection) throws(ContractViolation) -> Set<String> {
    let reply = try connection.ask(["op": "hello", "protocol": 1, "grace_ms": 300])
    let check = { (condition: Bool, message: String) throws(ContractViolation) in
      if !condition { throw ContractViolation(message) }
    }
    try check(reply["ok"]?.bool == true, "hello answered an error: \(reply["error"]?.text ?? "no error object")")
    try check(reply["protocol"]?.int == 1, "hello must answer \"protocol\": 1")
    try check(reply["name"]?.string != nil, "hello must answer \"name\" (a string)")
    try check(reply["language"]?.string != nil, "hello must answer \"language\" (a string)")
    guard let listed = reply["features"]?.array else {
      throw ContractViolation("hello must answer \"features\": an array of names ([] for none)")
    }
    let features = listed.compactMap(\.string)
    let unknown = features.filter { !AdapterContract.knownFeatures.contains($0) }
    try check(
      features.count == listed.count && unknown.isEmpty,
      "features must be names of docs/protocol.md (\(AdapterContract.knownFeatures.sorted().joined(separator: ", "))), "
        + "not \(unknown.joined(separator: ", "))")
    return Set(features)
  }

  static let all: [ContractClause] = [
    ContractClause(
      id: "create", text: "create answers the state CLOSED at the clock it was given; state reads it",
      feature: nil
    ) { probe throws(ContractViolation) in
      try probe.create()
      let reply = try probe.ok(["op": "state", "breaker": "main"])
      try probe.expect(reply["state"]?.string == "CLOSED", "state must answer CLOSED for a fresh breaker")
    },
    ContractClause(
      id: "call",
      text: "call answers result, invoked, state and now for each outcome; the clock moves by the call's duration",
      feature: nil
    ) { probe throws(ContractViolation) in
      try probe.create()
      let clock = probe.clock
      var reply = try probe.call("success")
      try probe.result(reply, "success", invoked: true, "a successful call")
      try probe.now(reply, clock, "call")
      reply = try probe.call("ignored", duration: 0.5)
      try probe.result(reply, "ignored", invoked: true, "a call whose operation raises an uncounted error")
      try probe.now(reply, clock + 0.5, "call with a duration of 0.5 s")
      reply = try probe.call("failure", duration: 0.25)
      try probe.result(reply, "failure", invoked: true, "a failing call")
      try probe.now(reply, clock + 0.75, "call with a duration of 0.25 s")
      reply = try probe.call("failure")
      try probe.result(reply, "failure", invoked: true, "a failing call")
      try probe.expect(reply["state"]?.string == "OPEN", "two failures at failure_threshold 2 must answer OPEN")
      reply = try probe.call("success")
      try probe.result(reply, "rejected", invoked: false, "a call while OPEN")
    },
    ContractClause(
      id: "clock", text: "advance moves the virtual clock by exactly the seconds asked; nothing else moves it",
      feature: nil
    ) { probe throws(ContractViolation) in
      try probe.create()
      try probe.now(probe.ok(["op": "advance", "seconds": 30]), probe.clock + 30, "advance 30")
      try probe.now(probe.ok(["op": "advance", "seconds": .number(0.25)]), probe.clock + 30.25, "advance 0.25")
      let state = try probe.ok(["op": "state", "breaker": "main"])
      if state["now"] != nil { try probe.now(state, probe.clock + 30.25, "state") }
      try probe.now(probe.ok(["op": "advance", "seconds": 0]), probe.clock + 30.25, "advance 0")
    },
    ContractClause(
      id: "errors",
      text: "an unknown op and an unknown configuration key are `unsupported`; a finish of no call is `bad_request`",
      feature: nil
    ) { probe throws(ContractViolation) in
      try probe.error(["op": "no_such_op"], kind: "unsupported")
      try probe.create()
      try probe.error(["op": "finish", "call": "nobody"], kind: "bad_request")
      let message = try probe.error(
        ["op": "create", "breaker": "main", "config": ["no_such_key": 1]], kind: "unsupported")
      try probe.expect(message.contains("no_such_key"), "the `unsupported` message must name the key: \(message)")
    },
    ContractClause(
      id: "begin-finish",
      text: "begin answers running while the operation waits; finish completes the call with its outcome",
      feature: "concurrency"
    ) { probe throws(ContractViolation) in
      try probe.create()
      for (call, outcome) in [("A", "success"), ("B", "failure")] {
        var reply = try probe.ok([
          "op": "begin", "breaker": "main", "call": .string(call), "outcome": .string(outcome), "fallback": false,
        ])
        try probe.expect(reply["status"]?.string == "running", "begin must answer \"status\": \"running\"")
        _ = try probe.state(reply, "begin")
        reply = try probe.ok(["op": "finish", "call": .string(call)])
        try probe.expect(reply["status"]?.string == "completed", "finish must answer \"status\": \"completed\"")
        try probe.result(reply, outcome, invoked: true, "a finished call")
        _ = try probe.state(reply, "finish")
      }
    },
    ContractClause(id: "is_open", text: "is_open answers open (a bool) and the state", feature: "is_open") {
      probe throws(ContractViolation) in
      try probe.create()
      var reply = try probe.ok(["op": "is_open", "breaker": "main"])
      try probe.expect(reply["open"]?.bool == false, "is_open must answer \"open\": false while CLOSED")
      _ = try probe.state(reply, "is_open")
      _ = try probe.call("failure")
      _ = try probe.call("failure")
      reply = try probe.ok(["op": "is_open", "breaker": "main"])
      try probe.expect(reply["open"]?.bool == true, "is_open must answer \"open\": true while OPEN")
    },
    ContractClause(
      id: "events", text: "events lists the state changes as {from, to, at}, at on the virtual clock",
      feature: "events"
    ) { probe throws(ContractViolation) in
      try probe.create()
      _ = try probe.call("failure", duration: 1)
      _ = try probe.call("failure")
      let events = try probe.ok(["op": "events", "breaker": "main"])["events"]?.array
      let opened = events?.last
      try probe.expect(
        opened?["from"]?.string == "CLOSED" && opened?["to"]?.string == "OPEN"
          && opened?["at"]?.double.map { abs($0 - probe.clock - 1) < 1e-6 } == true,
        "after two failures events must end with {\"from\": \"CLOSED\", \"to\": \"OPEN\", \"at\": now}, "
          + "not \(probe.show(opened))")
    },
    ContractClause(id: "metrics", text: "metrics answers an object of numbers", feature: "metrics") {
      probe throws(ContractViolation) in
      try probe.create()
      _ = try probe.call("success")
      let metrics = try probe.ok(["op": "metrics", "breaker": "main"])["metrics"]?.object
      try probe.expect(
        metrics.map { $0.values.allSatisfy { $0.double != nil } } == true,
        "metrics must answer \"metrics\": an object of numbers")
    },
    ContractClause(
      id: "fallback", text: "a call passing a fallback answers a call's reply, the fallback's value as `fallback`",
      feature: "fallback"
    ) { probe throws(ContractViolation) in
      try probe.create()
      _ = try probe.call("failure")
      _ = try probe.call("failure")
      // Whether the breaker uses the fallback is the breaker's business (step 6), not the adapter's.
      let reply = try probe.call("success", fallback: true)
      let result = reply["result"]?.string ?? ""
      try probe.expect(
        ["fallback", "rejected"].contains(result) && reply["invoked"]?.bool == false,
        "a call while OPEN with a fallback must answer \"result\": \"fallback\" (or \"rejected\" from a breaker "
          + "that takes no fallback), \"invoked\": false; got \(probe.show(reply["result"])), "
          + "\(probe.show(reply["invoked"]))")
    },
    ContractClause(id: "fatal", text: "a cancelled operation answers result `fatal`", feature: "fatal") {
      probe throws(ContractViolation) in
      try probe.create()
      try probe.result(probe.call("fatal"), "fatal", invoked: true, "a call whose operation is cancelled")
    },
    ContractClause(
      id: "batch", text: "batch answers a character per event in results and states, and now after the last",
      feature: "batch"
    ) { probe throws(ContractViolation) in
      try probe.create("pricing", ["failure_threshold": 5, "recovery_timeout": 30])
      let events: JSONValue = [
        [0, "b", "pricing", "1"], [2_000_000, "b", "pricing", "2"], [8_000_000, "f", "1", "failure"],
        [500_000_000, "f", "2", "success"],
      ]
      let reply = try probe.ok(["op": "batch", "events": events])
      try probe.expect(
        reply["results"]?.string == "rrdd" && reply["states"]?.string == "CCCC",
        "the batch of docs/protocol.md must answer \"results\": \"rrdd\", \"states\": \"CCCC\", not "
          + "\(probe.show(reply["results"])), \(probe.show(reply["states"]))")
      try probe.now(reply, probe.clock + 0.51, "batch")
      try probe.error(["op": "batch", "events": [[0, "f", "nobody", "success"]]], kind: "bad_request")
    },
    ContractClause(
      id: "race", text: "race answers a result per call, how many entered and the peak inside at once",
      feature: "race"
    ) { probe throws(ContractViolation) in
      try probe.create()
      let reply = try probe.ok(["op": "race", "breaker": "main", "calls": 4, "outcome": "success"])
      let results = reply["results"]?.array?.compactMap(\.string)
      try probe.expect(
        results == Array(repeating: "success", count: 4), "race of 4 successes must answer 4 results `success`")
      try probe.expect(reply["entered"]?.int == 4, "race must answer \"entered\": 4 when all 4 calls ran")
      try probe.expect((1...4).contains(reply["peak"]?.int ?? 0), "race must answer \"peak\" from 1 to 4")
      _ = try probe.state(reply, "race")
    },
  ]
}
