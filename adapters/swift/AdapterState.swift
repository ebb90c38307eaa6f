// cblearn's Swift adapter: everything it keeps between requests, in one value.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The adapter's state: the protocol channel, the virtual clock, the breakers with their events and calls in
/// flight, the learner's hooks, and the batch machinery's bookkeeping. One instance, `adapter`; requests are
/// served one at a time on the main thread, and the few fields other threads read say so.
final class AdapterState: @unchecked Sendable {
  /// The protocol channel: the original standard output, kept apart from the learner's prints.
  var protocolFD: Int32 = 1
  /// The clock every breaker is given; it moves only when a request says so.
  let clock = VirtualClock()
  /// The breakers by name, and the state changes each one reported.
  var breakers: [String: any SubjectBreaker] = [:]
  var events: [String: EventLog] = [:]
  /// Calls of `begin` still in flight, by call id (InFlightCalls.swift).
  var calls: [String: InFlight] = [:]
  /// Seconds a call may take to enter its operation or return before it counts as blocked (`hello`'s
  /// `grace_ms`).
  var grace = 0.3
  /// Makes a learner's breaker; set by the glue through `runSubject(make:isRejection:)`.
  var makeBreaker: (BreakerConfiguration, VirtualClock) -> any SubjectBreaker = { _, _ in
    fatalError("runSubject(make:isRejection:) was not called")
  }
  /// Whether an error is the learner's rejection (`CircuitOpenError`); set with `makeBreaker`.
  var isRejection: (any Error) -> Bool = { _ in false }
  /// True while a `race` runs: the learner's `NSLock` then pauses after each unlock (RacingLock.swift).
  var racing = false
  /// Batch calls in flight and what the batch watchdog reads (Batch.swift).
  var batch = BatchBook()
  /// Set when a breaker ran a batch call's operation on another thread than the call's (read by the watchdog).
  var batchOperationOnAnotherThread = false
  #if canImport(Glibc) && !CBLEARN_THREAD_BATCH
    /// The coroutines of batch calls (BatchCalls.swift).
    var coroutines = CoroutinePool()
  #endif
}

/// The adapter's state.
let adapter = AdapterState()

/// The bookkeeping of batches: calls in flight by id, and the event the watchdog watches.
struct BatchBook {
  /// Batch calls in flight, by call id; separate from the calls of `begin`.
  var callsByNumber: [Int: BatchCall] = [:]
  var callsByText: [String: BatchCall] = [:]
  // What the watchdog reads. The main thread writes only two integers per event (plain stores: the watchdog
  // reads the rest only once the main thread has been stuck on one event for the whole grace).
  var watchSerial = 0
  var watchIndex = 0
  /// True while the main thread reads the state after an event's call.
  var watchReadingState = false
  var watchFinishBreaker = ""
  var serialCounter = 0
  /// Guards `watchEvents` and `watchRequestID`.
  let watchLock = PausingLock()
  var watchEvents: [BatchEvent] = []
  var watchRequestID = "null"
  var watchdogStarted = false
}

#if canImport(Glibc) && !CBLEARN_THREAD_BATCH
  /// The coroutines that run batch calls on the batch thread.
  struct CoroutinePool {
    /// The coroutine being started: the entry function is a C function and cannot capture it.
    var starting: Coroutine?
    /// Idle coroutines, reused: a stack is never made per call.
    var idle: [Coroutine] = []
    /// The thread that runs batches; set by the first call.
    var batchThread: pthread_t = 0
    /// The coroutine running on the batch thread (its jump buffer's address), 0 on the main context.
    var running: UInt = 0
  }
#endif
