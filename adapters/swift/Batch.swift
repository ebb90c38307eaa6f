// cblearn's Swift adapter: `batch`, many overlapping calls in one request (docs/protocol.md, "Batches").
//
// Events run one after the other on the main thread (see BatchCalls.swift). A watchdog thread answers
// `blocked` and exits when an event does not return within the grace: a single thread cannot wait for a lock
// it already holds. Batch lines are parsed and answered without the generic JSON values, which would cost
// more than the calls themselves.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One event of a batch: `[dt, "b", breaker, call]` or `[dt, "f", call, outcome]`.
struct BatchEvent {
  /// Nanoseconds to advance the clock by first.
  var dt: Int64
  var isBegin: Bool
  /// The breaker of a begin; empty for a finish.
  var breaker: String
  /// The outcome of a finish.
  var outcome: BatchOutcome
  /// The call id when it is a plain decimal number (no sign, no leading zero, at most 18 digits), else -1.
  var callNumber = -1
  /// The call id when it is not such a number.
  var callText = ""

  init(dt: Int64, isBegin: Bool, breaker: String, outcome: BatchOutcome) {
    self.dt = dt
    self.isBegin = isBegin
    self.breaker = breaker
    self.outcome = outcome
  }

  init(dt: Int64, isBegin: Bool, breaker: String, call: String, outcome: BatchOutcome) {
    self.init(dt: dt, isBegin: isBegin, breaker: breaker, outcome: outcome)
    let digits = call.utf8
    if !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      digits.count == 1 || digits.first != 0x30, let number = Int(call)
    {
      callNumber = number
    } else {
      callText = call
    }
  }

  /// The call id, for messages.
  var call: String { callNumber >= 0 ? String(callNumber) : callText }
}

/// What `runBatch` answers: one character per event in `results` and `states`.
struct BatchReply {
  var results: [UInt8] = []
  var states: [UInt8] = []
  var errors: [(Int, String)] = []
}

private func stateCharacter(_ state: BreakerState?) -> UInt8 {
  switch state {
  case .closed?: 0x43  // C
  case .open?: 0x4F  // O
  case .halfOpen?: 0x48  // H
  case nil: 0x3F  // ? (the driver reports a state it cannot read)
  }
}

/// Runs the events in order. Throws `bad_request` for a finish of a call that is not in flight.
func runBatch(_ events: [BatchEvent], requestID: String) throws -> BatchReply {
  startWatchdog()
  adapter.batch.watchLock.withLock {
    adapter.batch.watchEvents = events
    adapter.batch.watchRequestID = requestID
  }
  defer { adapter.batch.watchSerial = 0 }
  var reply = BatchReply()
  reply.results.reserveCapacity(events.count)
  reply.states.reserveCapacity(events.count)
  var lastName = ""
  var lastBreaker: (any SubjectBreaker)? = nil
  for index in 0..<events.count {
    let event = events[index]
    adapter.batch.serialCounter += 1
    adapter.batch.watchIndex = index
    adapter.batch.watchReadingState = false
    adapter.batch.watchSerial = adapter.batch.serialCounter
    if event.dt > 0 { adapter.clock.storage.advance(.nanoseconds(event.dt)) }
    let eventCall: BatchCall
    if event.isBegin {
      if lastBreaker == nil || event.breaker != lastName {
        lastName = event.breaker
        lastBreaker = adapter.breakers[event.breaker]
      }
      guard let found = lastBreaker else {
        throw AdapterFailure(
          kind: "bad_request",
          message: "event \(index) begins a call on '\(event.breaker)', but no breaker has that name")
      }
      let inFlight =
        event.callNumber >= 0
        ? adapter.batch.callsByNumber[event.callNumber] : adapter.batch.callsByText[event.callText]
      guard inFlight == nil else {
        throw AdapterFailure(
          kind: "bad_request", message: "event \(index) begins call '\(event.call)', already in flight")
      }
      let call = BatchCall(breaker: found, breakerName: event.breaker)
      eventCall = call
      startBatchCall(call)
      if !call.returned {
        if event.callNumber >= 0 {
          adapter.batch.callsByNumber[event.callNumber] = call
        } else {
          adapter.batch.callsByText[event.callText] = call
        }
        reply.results.append(0x72)  // r
      } else if !call.entered, case .rejected = call.result {
        reply.results.append(0x78)  // x
      } else {
        reply.results.append(0x65)  // e
        let ran = call.entered ? "after running its operation" : "without running its operation"
        reply.errors.append((index, "the call ended with \(call.result.text) \(ran)"))
      }
    } else {
      let found =
        event.callNumber >= 0
        ? adapter.batch.callsByNumber.removeValue(forKey: event.callNumber)
        : adapter.batch.callsByText.removeValue(forKey: event.callText)
      guard let call = found else {
        throw AdapterFailure(
          kind: "bad_request",
          message:
            "event \(index) finishes call '\(event.call)', which is not in flight (never begun in a batch, or rejected)"
        )
      }
      adapter.batch.watchFinishBreaker = call.breakerName
      eventCall = call
      call.outcome = event.outcome
      resumeBatchCall(call)
      let expected: Bool
      switch (call.result, event.outcome) {
      case (.success, .success), (.failure, .failure), (.ignored, .ignored), (.fatal, .fatal): expected = true
      default: expected = false
      }
      if expected {
        reply.results.append(0x64)  // d
      } else {
        reply.results.append(0x65)  // e
        let seen = call.returned ? "ended with \(call.result.text)" : "did not return"
        reply.errors.append((index, "the operation ended with \(event.outcome.name), but the call \(seen)"))
      }
    }
    adapter.batch.watchReadingState = true
    reply.states.append(stateCharacter(batchState(after: eventCall)))
  }
  return reply
}

// MARK: - The watchdog

/// Starts, once, the thread that reports an event stuck for longer than the grace.
private func startWatchdog() {
  guard !adapter.batch.watchdogStarted else { return }
  adapter.batch.watchdogStarted = true
  let thread = Thread {
    var seen = 0
    var since = DispatchTime.now().uptimeNanoseconds
    while true {
      let limit = UInt64(max(0.01, adapter.grace) * 1e9)
      usleep(useconds_t(min(limit / 4_000, 50_000)))
      let serial = adapter.batch.watchSerial
      let now = DispatchTime.now().uptimeNanoseconds
      if serial == 0 || serial != seen {
        seen = serial
        since = now
        continue
      }
      if now - since >= limit { reportBlocked() }
    }
  }
  thread.stackSize = 1 << 20
  thread.start()
}

/// Writes the `blocked` reply for the stuck event and exits: the main thread cannot go on.
private func reportBlocked() -> Never {
  protocolLock.lock()  // held until exit: nothing else reaches standard output
  let index = adapter.batch.watchIndex
  let (events, id) = adapter.batch.watchLock.withLock { (adapter.batch.watchEvents, adapter.batch.watchRequestID) }
  var what = "event \(index)"
  if index < events.count {
    let event = events[index]
    what +=
      event.isBegin
      ? " (begin of call '\(event.call)' on breaker '\(event.breaker)')"
      : " (finish of call '\(event.call)' on breaker '\(adapter.batch.watchFinishBreaker)')"
  }
  if adapter.batch.watchReadingState { what += ": reading the breaker's state after it" }
  var message =
    "\(what) did not return within \(Int((adapter.grace * 1000).rounded())) ms: is a lock held while the operation runs? "
  #if canImport(Glibc) && !CBLEARN_THREAD_BATCH
    message += "The batch runs every call on one thread, which cannot wait for a lock it already holds."
    if adapter.batchOperationOnAnotherThread {
      message +=
        " Also, the breaker ran an operation on another thread than the one that called it: a batch can only "
        + "suspend an operation that runs on the calling thread."
    }
  #else
    message += "Each batch call waits inside its operation, on a thread of its own, until its finish event."
  #endif
  var text = "{\"id\":\(id),\"ok\":false,\"error\":{\"kind\":\"blocked\",\"message\":"
  quoteJSON(message, into: &text)
  text += "}}\n"
  writeProtocolLocked(Array(text.utf8))
  _exit(1)
}
