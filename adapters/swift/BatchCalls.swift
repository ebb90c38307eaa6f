// cblearn's Swift adapter: the calls of `batch`, each suspended inside its operation until its finish event.
//
// On Linux every in-flight call is a coroutine on the main thread, on a pooled stack of its own: started once
// with glibc's makecontext/swapcontext, then switched with _setjmp/_longjmp (tens of nanoseconds, no system
// call), where handing a call to a thread of its own costs tens of microseconds. Elsewhere (or when compiled
// with `-D CBLEARN_THREAD_BATCH`) each call gets a thread, as `begin`/`finish` do: the same results, slower.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// How a batch call's operation ends; given by the finish event.
enum BatchOutcome: UInt8 {
  case success, failure, ignored, fatal

  init?(_ name: String) {
    switch name {
    case "success": self = .success
    case "failure": self = .failure
    case "ignored": self = .ignored
    case "fatal": self = .fatal
    default: return nil
    }
  }

  var name: String {
    switch self {
    case .success: "success"
    case .failure: "failure"
    case .ignored: "ignored"
    case .fatal: "fatal"
    }
  }
}

/// What the caller of a batch call saw.
enum BatchCallResult {
  case pending
  case success
  case failure
  case ignored
  case fatal
  case rejected
  case other(String)

  var text: String {
    switch self {
    case .pending: "nothing yet"
    case .success: "a success value"
    case .failure: "a ServiceError"
    case .ignored: "a BusinessError"
    case .fatal: "a CancellationError"
    case .rejected: "CircuitOpenError (a rejection)"
    case .other(let detail): detail
    }
  }
}

/// One call of a batch: begun on a breaker, suspended inside its operation, finished with an outcome.
/// In the thread fallback it is handed between threads only across semaphores.
final class BatchCall: @unchecked Sendable {
  let breaker: any SubjectBreaker
  /// The breaker's name, for a blocked report.
  let breakerName: String
  /// Set by the finish event before the operation resumes.
  var outcome = BatchOutcome.success
  /// The operation was entered (and so the call suspended).
  var entered = false
  /// The call returned to its caller.
  var returned = false
  var result = BatchCallResult.pending
  /// An async breaker's call waiting inside its operation (AsyncBatchCalls.swift).
  var waiting: CheckedContinuation<Void, Never>?
  /// An async breaker's state after the call's latest event, read by the call's own task.
  var stateAfter: BreakerState?
  /// An async breaker's call returned and its state after was read.
  var settled = false
  #if canImport(Glibc) && !CBLEARN_THREAD_BATCH
    /// The coroutine running the call while it is in flight.
    var coroutine: Coroutine?
  #else
    let gate = DispatchSemaphore(value: 0)
    let back = DispatchSemaphore(value: 0)
  #endif

  /// The breaker when it is async (its calls are tasks on the batch executor, AsyncBatchCalls.swift); found
  /// once per call.
  let asyncBreaker: (any AsyncSubjectBreaker)?

  init(breaker: any SubjectBreaker, breakerName: String) {
    self.breaker = breaker
    self.breakerName = breakerName
    asyncBreaker = breaker as? any AsyncSubjectBreaker
  }

  /// Runs the call through the learner's breaker; `suspend` is called when the operation is first entered.
  func perform(suspend: () -> Void) {
    withoutActuallyEscaping(suspend) { suspend in
      // The operation is `@Sendable` for a breaker that asks for it; it runs on this call's own stack.
      let suspend = UncheckedSendable(suspend)
      let operation: @Sendable () throws -> Payload = {
        if !self.entered {
          self.entered = true
          suspend.value()
        }
        return try self.operationResult()
      }
      record(Result { try callPlain(breaker, operation).value })
    }
  }

  /// What the operation does once its finish event came: a breaker that runs the operation again (a retry)
  /// gets the same outcome at once.
  func operationResult() throws -> Payload {
    switch outcome {
    case .success: return Payload(value: "cblearn-ok")
    case .failure: throw ServiceError()
    case .ignored: throw BusinessError()
    case .fatal: throw CancellationError()
    }
  }

  /// Records what the caller of the breaker saw.
  func record(_ seen: Result<Any?, any Error>) {
    do {
      let value = try seen.get()
      result = (value as? String) == "cblearn-ok" ? .success : .other("the value \(value.map { "\($0)" } ?? "nil")")
    } catch {
      switch sortedError(error) {
      case "rejected": result = .rejected
      case "failure": result = .failure
      case "ignored": result = .ignored
      case "fatal": result = .fatal
      default: result = .other(describe(error))
      }
    }
    returned = true
  }
}

#if canImport(Glibc) && !CBLEARN_THREAD_BATCH

  // Swift does not import getcontext/makecontext/swapcontext (returns_twice, variadic): look them up.
  // getcontext is only used to initialise a context for makecontext, never to return to.
  private typealias GetContext = @convention(c) (UnsafeMutablePointer<ucontext_t>) -> Int32
  private typealias MakeContext =
    @convention(c) (
      UnsafeMutablePointer<ucontext_t>, @convention(c) () -> Void, Int32
    ) -> Void
  private typealias SwapContext =
    @convention(c) (UnsafeMutablePointer<ucontext_t>, UnsafeMutablePointer<ucontext_t>)
    -> Int32

  private func libcFunction<F>(_ name: String, as type: F.Type) -> F {
    let handle = dlopen(nil, RTLD_NOW)
    guard let symbol = dlsym(handle, name) else { fatalError("cblearn adapter: \(name) not found in libc") }
    return unsafeBitCast(symbol, to: type)
  }

  private typealias SetJump = @convention(c) (UnsafeMutableRawPointer) -> Int32
  private typealias LongJump = @convention(c) (UnsafeMutableRawPointer, Int32) -> Void

  private let getContext = libcFunction("getcontext", as: GetContext.self)
  private let makeContext = libcFunction("makecontext", as: MakeContext.self)
  private let swapContext = libcFunction("swapcontext", as: SwapContext.self)
  // swapcontext saves and restores the signal mask: two system calls per switch. Once a coroutine runs,
  // switches use _setjmp/_longjmp, which keep the mask alone (a few nanoseconds instead of ~0.2 µs).
  private let setJump = libcFunction("_setjmp", as: SetJump.self)
  private let longJump = libcFunction("_longjmp", as: LongJump.self)

  /// Room for a jmp_buf (200 bytes on x86_64 glibc, 312 on aarch64).
  private func allocateJumpBuffer() -> UnsafeMutableRawPointer {
    let size = max(MemoryLayout<jmp_buf>.size, 512)
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    buffer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    return buffer
  }

  // Swift cannot mark _setjmp as returning twice, so the functions calling it must not let the compiler do what
  // that would forbid: they are never inlined, never optimised (no tail call may reuse their frame, which the
  // second return of _setjmp still needs), and keep nothing between the two returns.

  /// Saves the current context in `save` and continues the one saved in `target`; returns when something
  /// jumps back to `save`.
  @inline(never) @_optimize(none)
  private func jump(from save: UnsafeMutableRawPointer, to target: UnsafeMutableRawPointer) {
    if setJump(save) == 0 {
      longJump(target, 1)
      fatalError("cblearn adapter: _longjmp returned")
    }
  }

  /// A new coroutine's first step: saves where it stands for jumps, then goes back to the main context with
  /// swapcontext (which started it).
  @inline(never) @_optimize(none)
  private func park(_ jumpBuffer: UnsafeMutableRawPointer, _ context: UnsafeMutablePointer<ucontext_t>) {
    if setJump(jumpBuffer) == 0 {
      _ = swapContext(context, mainContext)
      fatalError("cblearn adapter: a parked coroutine was resumed with swapcontext")
    }
  }

  /// The main thread's context for jumps.
  nonisolated(unsafe) private let mainJumpBuffer = allocateJumpBuffer()

  /// The main thread's context while a coroutine runs. Contexts live in manually allocated memory and are only
  /// passed as pointers: an inout access held across a switch would look like a conflict to Swift.
  nonisolated(unsafe) private let mainContext: UnsafeMutablePointer<ucontext_t> = {
    let context = UnsafeMutablePointer<ucontext_t>.allocate(capacity: 1)
    context.initialize(to: ucontext_t())
    return context
  }()

  /// Who runs this code, for locks owned per batch call (Locks.swift): the coroutine on the batch thread, the
  /// thread anywhere else. Coroutine tokens are heap addresses, thread tokens thread addresses: never equal.
  func currentExecutionToken() -> UInt {
    let thread = pthread_self()
    if adapter.coroutines.running != 0, pthread_equal(thread, adapter.coroutines.batchThread) != 0 {
      return adapter.coroutines.running
    }
    return UInt(thread)
  }

  private let stackSize = 256 * 1024
  private let guardSize = Int(sysconf(Int32(_SC_PAGESIZE)))

  /// A coroutine with its own stack that runs batch calls one after the other.
  final class Coroutine {
    /// Used once, to start the coroutine on its own stack.
    let context: UnsafeMutablePointer<ucontext_t>
    /// Where the coroutine stands, for jumps.
    let jumpBuffer = allocateJumpBuffer()
    /// The call it runs; nil while idle.
    var job: BatchCall?

    init() {
      let base = mmap(
        nil, stackSize + guardSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
      guard let base, base != UnsafeMutableRawPointer(bitPattern: -1) else {
        fatalError("cblearn adapter: cannot map a coroutine stack: \(String(cString: strerror(errno)))")
      }
      // A guard page below the stack: an overflow faults instead of overwriting another stack.
      _ = mprotect(base, guardSize, PROT_NONE)
      context = UnsafeMutablePointer<ucontext_t>.allocate(capacity: 1)
      context.initialize(to: ucontext_t())
      _ = getContext(context)
      context.pointee.uc_stack.ss_sp = base + guardSize
      context.pointee.uc_stack.ss_size = stackSize
      context.pointee.uc_stack.ss_flags = 0
      context.pointee.uc_link = nil
      makeContext(context, coroutineMain, 0)
      // Run it up to its first park, where it can be jumped to.
      adapter.coroutines.starting = self
      _ = swapContext(mainContext, context)
    }

    /// Switches from the main thread's context into the coroutine until it suspends or finishes its call.
    func resume() {
      adapter.coroutines.running = UInt(bitPattern: jumpBuffer)
      jump(from: mainJumpBuffer, to: jumpBuffer)
      adapter.coroutines.running = 0
    }

    /// Switches from the coroutine back to the main thread's context.
    func suspend() {
      jump(from: jumpBuffer, to: mainJumpBuffer)
    }
  }

  /// A coroutine's whole life: run a call, go back to the main context, wait for the next call. Never returns.
  private let coroutineMain: @convention(c) () -> Void = {
    let me = adapter.coroutines.starting!
    adapter.coroutines.starting = nil
    park(me.jumpBuffer, me.context)
    while true {
      if let call = me.job {
        call.perform(suspend: {
          // A breaker that runs the operation on a thread of its own cannot have it suspended: that thread
          // waits for ever and the watchdog reports the event (the main thread waits for the operation).
          if pthread_equal(pthread_self(), adapter.coroutines.batchThread) == 0 {
            adapter.batchOperationOnAnotherThread = true
            while true { sleep(3600) }
          }
          me.suspend()
        })
      }
      me.suspend()
    }
  }

  /// Starts `call`; returns once it is suspended inside its operation or has returned.
  func startSyncBatchCall(_ call: BatchCall) {
    if adapter.coroutines.batchThread == 0 { adapter.coroutines.batchThread = pthread_self() }
    let coroutine: Coroutine
    if let idle = adapter.coroutines.idle.popLast() {
      coroutine = idle
    } else {
      coroutine = Coroutine()
    }
    coroutine.job = call
    call.coroutine = coroutine
    coroutine.resume()
    if call.returned { release(call) }
  }

  /// Lets a suspended call's operation end (with `call.outcome`) and runs the call to its return.
  func resumeSyncBatchCall(_ call: BatchCall) {
    guard let coroutine = call.coroutine else { return }
    coroutine.resume()
    if call.returned { release(call) }
  }

  private func release(_ call: BatchCall) {
    guard let coroutine = call.coroutine else { return }
    call.coroutine = nil
    coroutine.job = nil
    adapter.coroutines.idle.append(coroutine)
  }

#else

  /// Starts `call` on a thread of its own; returns once it is waiting inside its operation or has returned.
  func startSyncBatchCall(_ call: BatchCall) {
    let thread = Thread {
      call.perform(suspend: {
        call.back.signal()
        call.gate.wait()
      })
      call.back.signal()
    }
    thread.stackSize = 1 << 20
    thread.start()
    call.back.wait()
  }

  /// Lets a waiting call's operation end (with `call.outcome`) and waits for the call to return.
  func resumeSyncBatchCall(_ call: BatchCall) {
    call.gate.signal()
    call.back.wait()
  }

#endif
