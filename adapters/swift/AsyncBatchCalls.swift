// cblearn's Swift adapter: the calls of `batch` on an async breaker, each a task suspended inside its
// operation until its finish event.
//
// The tasks of a batch prefer one executor whose jobs run on the batch thread (`CallerExecutor`): a call is
// started, then its jobs run until it entered its operation (and awaits there) or returned; a finish resumes
// the operation and runs jobs until the call returned. Nothing runs in between, so a batch on an async
// breaker is as deterministic as one on a synchronous breaker, without a thread or a coroutine per call.
import Foundation

/// The executor every async batch call's task prefers; run only on the batch thread.
let batchExecutor = CallerExecutor()

/// Starts `call`; returns once it is suspended inside its operation or has returned. The state after each of
/// the call's events is read by the call's own task (inside the operation before it waits, after the call
/// once it returned), which costs no task of its own.
func startBatchCall(_ call: BatchCall) {
  guard let subject = call.asyncBreaker else { return startSyncBatchCall(call) }
  let operation: @Sendable () async throws -> Payload = {
    if !call.entered {
      call.entered = true
      call.stateAfter = await subject.protocolStateAsync()
      await withCheckedContinuation { call.waiting = $0 }
    }
    return try call.operationResult()
  }
  Task(executorPreference: batchExecutor) {
    let seen: Result<Any?, any Error>
    do { seen = .success(try await subject.callAsync(operation).value) } catch { seen = .failure(error) }
    call.record(seen)
    call.stateAfter = await subject.protocolStateAsync()
    call.settled = true
    batchExecutor.poke()
  }
  batchExecutor.run(until: { call.settled || call.waiting != nil })
}

/// The state after a batch event on `call`: an async breaker's was read by the call's task.
func batchState(after call: BatchCall) -> BreakerState? {
  call.asyncBreaker == nil ? call.breaker.protocolState : call.stateAfter
}

/// Lets a suspended call's operation end (with `call.outcome`) and runs the call to its return.
func resumeBatchCall(_ call: BatchCall) {
  guard call.asyncBreaker != nil else { return resumeSyncBatchCall(call) }
  guard let waiting = call.waiting else { return }
  call.waiting = nil
  waiting.resume()
  batchExecutor.run(until: { call.settled })
}
