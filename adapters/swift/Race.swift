// cblearn's Swift adapter: `race`, calls released on many threads at once behind a barrier.
import Foundation

/// The operations of one race: who entered, the most inside at once; each entered operation waits until
/// every call has entered or returned (at most the grace), so the admitted calls are inside together.
final class RaceSeats: @unchecked Sendable {
  private let condition = NSCondition()
  private let calls: Int
  private var settled = 0
  private var inside = 0
  private(set) var entered = 0
  private(set) var peak = 0
  /// False until the main thread opens the barrier.
  private var released = false

  init(calls: Int) { self.calls = calls }

  /// Waits at the barrier until `release`.
  func start() {
    condition.lock()
    while !released { condition.wait() }
    condition.unlock()
  }

  /// Opens the barrier for every thread at once.
  func release() {
    condition.lock()
    released = true
    condition.broadcast()
    condition.unlock()
  }

  /// A call that returned without entering its operation.
  func settle() {
    condition.lock()
    settled += 1
    condition.broadcast()
    condition.unlock()
  }

  /// An operation was entered: counts it and holds it until everyone has settled.
  func enter() {
    condition.lock()
    entered += 1
    inside += 1
    peak = max(peak, inside)
    settled += 1
    condition.broadcast()
    let deadline = Date(timeIntervalSinceNow: max(adapter.grace, 1))  // generous: never fail a slow thread start
    while settled < calls, condition.wait(until: deadline) {}
    inside -= 1
    condition.unlock()
  }

  /// The counts, read under the lock.
  var counts: (entered: Int, peak: Int) {
    condition.lock()
    defer { condition.unlock() }
    return (entered, peak)
  }
}

/// Releases `calls` calls with `outcome` on as many threads at once and replies what each caller saw.
func race(_ request: [String: Any]) throws -> [String: Any] {
  let b = try breaker(request)
  guard let count = number(request["calls"]).map({ Int($0) }), (1...64).contains(count) else {
    throw AdapterFailure(kind: "bad_request", message: "race needs `calls`, an integer from 1 to 64")
  }
  let outcome = request["outcome"] as? String ?? "success"
  guard ["success", "failure", "ignored", "fatal"].contains(outcome) else {
    throw AdapterFailure(kind: "bad_request", message: "outcome must be success, failure, ignored or fatal")
  }
  let seats = RaceSeats(calls: count)
  let results = RaceResults(count: count)
  let ready = DispatchSemaphore(value: 0)
  let finished = DispatchSemaphore(value: 0)
  for index in 0..<count {
    let thread = Thread {
      ready.signal()
      seats.start()
      let invoked = Flag()
      let reply = runCall(b, outcome: outcome, duration: .zero, fallback: nil, invoked: invoked) { seats.enter() }
      if !invoked.value { seats.settle() }
      results.set(index, reply["result"] as? String ?? "other")
      finished.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
  }
  for _ in 0..<count { _ = wait(ready, seconds: max(adapter.grace, 1)) }
  adapter.racing = true
  seats.release()
  var missing = 0
  for _ in 0..<count where !wait(finished, seconds: 4 * max(adapter.grace, 1)) { missing += 1 }
  adapter.racing = false
  let (entered, peak) = seats.counts
  var reply: [String: Any] = [
    "results": results.all, "entered": entered, "peak": peak, "state": b.stateName,
  ]
  if missing > 0 {
    reply["detail"] = "\(missing) calls did not return within the grace (is a lock held while the operation runs?)"
  }
  return reply
}

/// The result of each call of a race, written by its thread.
final class RaceResults: @unchecked Sendable {
  private let lock = PausingLock()
  private var items: [String]
  init(count: Int) { items = Array(repeating: "other", count: count) }
  func set(_ index: Int, _ result: String) { lock.withLock { items[index] = result } }
  var all: [String] { lock.withLock { items } }
}
