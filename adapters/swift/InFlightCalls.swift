// cblearn's Swift adapter: calls that stay in flight on their own threads (begin/finish).
import Foundation

func wait(_ semaphore: DispatchSemaphore, seconds: Double) -> Bool {
  semaphore.wait(timeout: .now() + .milliseconds(Int(seconds * 1000))) == .success
}

/// Starts a call on its own thread; answers once it entered the operation, ended, or stayed blocked.
func begin(_ request: [String: Any]) throws -> [String: Any] {
  let b = try breaker(request)
  let id = "\(request["call"] ?? "")"
  guard adapter.calls[id] == nil else {
    throw AdapterFailure(kind: "bad_request", message: "call '\(id)' is already in flight")
  }
  let outcome = request["outcome"] as? String ?? "success"
  let fallback = try fallbackOf(request)
  let returns = try returnsOf(request)
  let flight = InFlight(breaker: b)
  adapter.calls[id] = flight
  let thread = Thread {
    flight.reply = runCall(
      b, outcome: outcome, duration: .zero, fallback: fallback, returns: returns, invoked: flight.invoked
    ) {
      flight.entered.signal()
      flight.gate.wait()
    }
    flight.done.signal()
    flight.entered.signal()
  }
  thread.stackSize = 1 << 20
  thread.start()
  _ = wait(flight.entered, seconds: adapter.grace)
  var reply: [String: Any]
  if let finished = flight.reply {
    adapter.calls[id] = nil
    reply = try checkSupported(finished)
    reply["status"] = "completed"
  } else if flight.invoked.value {
    reply = ["status": "running"]
  } else {
    reply = ["status": "blocked", "detail": "the call neither entered the operation nor returned"]
  }
  reply["state"] = b.stateName
  return reply
}

/// Releases an in-flight call's operation and waits for the call to return.
func finish(_ request: [String: Any]) throws -> [String: Any] {
  let id = "\(request["call"] ?? "")"
  guard let flight = adapter.calls[id] else {
    throw AdapterFailure(kind: "bad_request", message: "no call '\(id)' is in flight")
  }
  flight.gate.signal()
  guard wait(flight.done, seconds: adapter.grace) else {
    return ["status": "blocked", "detail": "the call did not return after its operation ended"]
  }
  adapter.calls[id] = nil
  var reply = flight.reply ?? [:]
  reply["status"] = "completed"
  reply["state"] = flight.breaker.stateName
  return reply
}
