// cblearn's Swift adapter: the lock the learner's file sees as Foundation's NSLock (aliased in main.swift),
// with a pause after each unlock while a `race` runs.
//
// Threads released together rarely interleave inside a few instructions: a breaker that checks a permit
// under one hold of its lock and takes it under the next usually gets away with it, because the thread that
// unlocks takes the lock again before a waiting thread has woken up. During a race (Race.swift) every unlock
// is followed by a short sleep, so the waiting threads get the lock between the two holds and the bug shows
// (docs/races.md gives the rates). Outside races this is Foundation's NSLock with one flag read per unlock.
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Foundation's NSLock, pausing after each unlock while `racing`; the learner's `NSLock` (main.swift).
final class PausingLock: NSObject, NSLocking, @unchecked Sendable {
  private let inner = Foundation.NSLock()
  var name: String?

  override init() {}

  func lock() { inner.lock() }

  func unlock() {
    inner.unlock()
    if adapter.racing { usleep(50) }
  }

  func `try`() -> Bool { inner.try() }

  func lock(before limit: Date) -> Bool { inner.lock(before: limit) }

  override var description: String { "NSLock(cblearn)\(name.map { " \($0)" } ?? "")" }
}
