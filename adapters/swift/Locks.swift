// cblearn's Swift adapter: a re-entrant lock owned by a batch call rather than by a thread.
//
// Batch calls run as coroutines on one thread (BatchCalls.swift). Foundation's NSRecursiveLock belongs to a
// thread, so a breaker that holds one while its operation runs would let every other call on that thread in,
// as if the lock were not there: the bug the lock-held-during-call mutant has would pass unseen. Aliased as
// `NSRecursiveLock` in the learner's module (main.swift), this class takes the place of Foundation's for the
// learner's file: owned by the coroutine that took it (by the thread elsewhere), it blocks the other calls as
// threads are blocked, and the batch watchdog reports the event.
import Foundation

#if canImport(Glibc) && !CBLEARN_THREAD_BATCH
  import Glibc

  /// A re-entrant lock whose owner is the batch call (coroutine) that took it, or the thread outside batches.
  final class CoroutineRecursiveLock: NSObject, NSLocking, @unchecked Sendable {
    private let mutex = PausingLock()
    /// Who holds it (0 when free); written only by the holder.
    private var owner: UInt = 0
    private var depth = 0
    var name: String?

    override init() {}

    func lock() {
      let me = currentExecutionToken()
      if owner == me {
        depth += 1
        return
      }
      mutex.lock()
      owner = me
      depth = 1
    }

    func unlock() {
      depth -= 1
      if depth <= 0 {
        depth = 0
        owner = 0
        mutex.unlock()
      }
    }

    func `try`() -> Bool {
      let me = currentExecutionToken()
      if owner == me {
        depth += 1
        return true
      }
      guard mutex.try() else { return false }
      owner = me
      depth = 1
      return true
    }

    func lock(before limit: Date) -> Bool {
      let me = currentExecutionToken()
      if owner == me {
        depth += 1
        return true
      }
      guard mutex.lock(before: limit) else { return false }
      owner = me
      depth = 1
      return true
    }

    override var description: String { "NSRecursiveLock(cblearn, per batch call)\(name.map { " \($0)" } ?? "")" }
  }
#endif
