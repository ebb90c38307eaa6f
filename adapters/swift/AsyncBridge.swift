// cblearn's Swift adapter: async breakers (`func call<T>(_ operation: () async throws -> T) async throws -> T`,
// or an actor) driven from the adapter's synchronous threads.
//
// Every task the adapter starts prefers an executor that runs its jobs on the thread that started it
// (`CallerExecutor`, SE-0417): a call begun on a thread of its own runs there, awaits there, and may block
// there inside its operation without taking one of the few threads of Swift's shared pool. An actor's code
// runs on the executor of the task that entered it, so calls stay on their own threads, overlap where the
// checks make them overlap, and nothing runs unless the protocol asked for it.
import Foundation

/// A task executor whose jobs run on the thread that calls `run(until:)`; once that thread stops running it,
/// later jobs go to a thread of its own that never stops (`CallerExecutor.leftovers`).
final class CallerExecutor: TaskExecutor, @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []
  private var head = 0
  /// True once nobody runs this executor's jobs any more: new ones go to `leftovers`.
  private var abandoned = false
  /// Set when a job was enqueued, for `run(until:)` to look at its condition again.
  private var changed = false

  /// Runs the jobs of executors whose thread stopped running them: an actor or a task may still have work
  /// queued after the call that started it returned.
  static let leftovers: CallerExecutor = {
    let executor = CallerExecutor()
    let thread = Thread { executor.run(until: { false }) }
    thread.stackSize = 1 << 20
    thread.start()
    return executor
  }()

  func enqueue(_ job: consuming ExecutorJob) { append(UnownedJob(job)) }

  /// Queues `job` for `run(until:)`, or hands it to `leftovers` once this executor is abandoned.
  private func append(_ job: UnownedJob) {
    condition.lock()
    if abandoned {
      condition.unlock()
      CallerExecutor.leftovers.append(job)
      return
    }
    jobs.append(job)
    changed = true
    condition.broadcast()
    condition.unlock()
  }

  /// Wakes `run(until:)` to look at its condition again (a task finished, a call entered its operation).
  func poke() {
    condition.lock()
    changed = true
    condition.broadcast()
    condition.unlock()
  }

  /// Runs jobs on this thread until `done` holds.
  func run(until done: () -> Bool) {
    while true {
      condition.lock()
      while head == jobs.count {
        if done() {
          condition.unlock()
          return
        }
        changed = false
        while !changed { condition.wait() }
      }
      let job = jobs[head]
      head += 1
      if head == jobs.count {
        jobs.removeAll(keepingCapacity: true)
        head = 0
      }
      condition.unlock()
      job.runSynchronously(on: asUnownedTaskExecutor())
    }
  }

  /// Hands jobs still queued, and every later one, to `leftovers`.
  func abandon() {
    condition.lock()
    abandoned = true
    let rest = Array(jobs[head...])
    jobs.removeAll()
    head = 0
    condition.unlock()
    for job in rest { CallerExecutor.leftovers.append(job) }
  }
}

/// Runs `body` as a task whose jobs run on this thread, and waits for its result; throws what `body` throws
/// (nothing, for a body that cannot throw).
func blockOn<T, E: Error>(_ body: @escaping @Sendable () async throws(E) -> T) throws(E) -> T {
  let executor = CallerExecutor()
  let outcome = Locked<Result<T, E>?>(nil)
  let body = UncheckedSendable(body)
  Task(executorPreference: executor) {
    let result: Result<T, E>
    do throws(E) { result = .success(try await body.value()) } catch { result = .failure(error) }
    outcome.value = result
    executor.poke()
  }
  executor.run(until: { outcome.value != nil })
  executor.abandon()
  return try outcome.value!.get()
}

/// The learner's async breaker as the runtime sees it: a `SubjectBreaker` whose calls can also be awaited,
/// so that a batch runs them as tasks on one thread instead of a thread each (AsyncBatchCalls.swift).
protocol AsyncSubjectBreaker: SubjectBreaker {
  /// Calls the breaker without a fallback, awaiting the operation.
  func callAsync(_ operation: @escaping @Sendable () async throws -> Payload) async throws -> Payload
  /// The state as the protocol names it, awaited.
  func protocolStateAsync() async -> BreakerState?
}

/// An async breaker (a class whose `call` is `async`, or an actor) as the glue of async/main.swift sees it.
protocol AsyncLearnerBreaker: AnyObject, Sendable {}

/// Stand-ins for the members later steps add, as in Members.swift, for async breakers.
extension AsyncLearnerBreaker {
  @_disfavoredOverload
  nonisolated var isOpen: Bool { get throws { throw Unsupported(member: "var isOpen: Bool", step: 4) } }

  @_disfavoredOverload
  nonisolated var metrics: [String: Int] {
    get throws { throw Unsupported(member: "var metrics: [String: Int]", step: 7) }
  }

  @_disfavoredOverload
  nonisolated func call<T>(
    _ operation: @Sendable () async throws -> T, fallback: @Sendable (any Error) async throws -> T
  ) async throws -> T {
    throw Unsupported(member: "func call(_:fallback:) async", step: 6)
  }
}
