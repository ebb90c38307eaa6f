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

/// Batch calls in flight, by call id; separate from the calls of `begin`.
nonisolated(unsafe) var batchCallsByNumber: [Int: BatchCall] = [:]
nonisolated(unsafe) var batchCallsByText: [String: BatchCall] = [:]

// What the watchdog reads. The main thread writes only two integers per event (plain stores: the watchdog
// reads the rest only once the main thread has been stuck on one event for the whole grace).
nonisolated(unsafe) private var watchSerial = 0
nonisolated(unsafe) private var watchIndex = 0
/// True while the main thread reads the state after an event's call.
nonisolated(unsafe) private var watchReadingState = false
nonisolated(unsafe) private var watchFinishBreaker = ""
nonisolated(unsafe) private var serialCounter = 0
private let watchLock = PausingLock()
nonisolated(unsafe) private var watchEvents: [BatchEvent] = []
nonisolated(unsafe) private var watchRequestID = "null"
nonisolated(unsafe) private var watchdogStarted = false

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
  watchLock.withLock {
    watchEvents = events
    watchRequestID = requestID
  }
  defer { watchSerial = 0 }
  var reply = BatchReply()
  reply.results.reserveCapacity(events.count)
  reply.states.reserveCapacity(events.count)
  var lastName = ""
  var lastBreaker: (any SubjectBreaker)? = nil
  for index in 0..<events.count {
    let event = events[index]
    serialCounter += 1
    watchIndex = index
    watchReadingState = false
    watchSerial = serialCounter
    if event.dt > 0 { clock.storage.advance(.nanoseconds(event.dt)) }
    let breaker: any SubjectBreaker
    if event.isBegin {
      if lastBreaker == nil || event.breaker != lastName {
        lastName = event.breaker
        lastBreaker = breakers[event.breaker]
      }
      guard let found = lastBreaker else {
        throw AdapterFailure(
          kind: "bad_request", message: "event \(index) begins a call on '\(event.breaker)', but no breaker has that name")
      }
      let inFlight = event.callNumber >= 0 ? batchCallsByNumber[event.callNumber] : batchCallsByText[event.callText]
      guard inFlight == nil else {
        throw AdapterFailure(kind: "bad_request", message: "event \(index) begins call '\(event.call)', already in flight")
      }
      breaker = found
      let call = BatchCall(breaker: found, breakerName: event.breaker)
      startBatchCall(call)
      if !call.returned {
        if event.callNumber >= 0 {
          batchCallsByNumber[event.callNumber] = call
        } else {
          batchCallsByText[event.callText] = call
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
        ? batchCallsByNumber.removeValue(forKey: event.callNumber) : batchCallsByText.removeValue(forKey: event.callText)
      guard let call = found else {
        throw AdapterFailure(
          kind: "bad_request",
          message: "event \(index) finishes call '\(event.call)', which is not in flight (never begun in a batch, or rejected)"
        )
      }
      watchFinishBreaker = call.breakerName
      breaker = call.breaker
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
    watchReadingState = true
    reply.states.append(stateCharacter(breaker.protocolState))
  }
  return reply
}

// MARK: - The watchdog

/// Starts, once, the thread that reports an event stuck for longer than the grace.
private func startWatchdog() {
  guard !watchdogStarted else { return }
  watchdogStarted = true
  let thread = Thread {
    var seen = 0
    var since = DispatchTime.now().uptimeNanoseconds
    while true {
      let limit = UInt64(max(0.01, grace) * 1e9)
      usleep(useconds_t(min(limit / 4_000, 50_000)))
      let serial = watchSerial
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
  let index = watchIndex
  let (events, id) = watchLock.withLock { (watchEvents, watchRequestID) }
  var what = "event \(index)"
  if index < events.count {
    let event = events[index]
    what +=
      event.isBegin
      ? " (begin of call '\(event.call)' on breaker '\(event.breaker)')"
      : " (finish of call '\(event.call)' on breaker '\(watchFinishBreaker)')"
  }
  if watchReadingState { what += ": reading the breaker's state after it" }
  var message =
    "\(what) did not return within \(Int((grace * 1000).rounded())) ms: is a lock held while the operation runs? "
  #if canImport(Glibc) && !CBLEARN_THREAD_BATCH
    message += "The batch runs every call on one thread, which cannot wait for a lock it already holds."
    if batchOperationOnAnotherThread {
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
