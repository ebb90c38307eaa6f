import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process groups of the subjects this process is running, killed when it is interrupted.
///
/// Each subject runs in a process group of its own, so the terminal's Ctrl-C (sent to the foreground
/// group) and the REPL's kill of a `cblearn check` child's group do not reach it. Without this, a subject
/// that is deadlocked (and so never reads the end of its input) would outlive cblearn with parent 1.
/// `installInterruptHandlers()` makes SIGINT, SIGTERM and SIGHUP kill every registered group, then end
/// the process with the signal as before.
public enum SubjectGroups {
  /// Slots for process-group ids, written under a lock and read by the signal handler without one.
  static let capacity = 256
  nonisolated(unsafe) static let slots: UnsafeMutablePointer<Int32> = {
    let slots = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    slots.initialize(repeating: 0, count: capacity)
    return slots
  }()
  private static let lock = NSLock()

  /// Records a live group (its leader's pid), or a child in cblearn's own group (the compiler).
  static func register(_ group: pid_t) {
    lock.withLock {
      for i in 0..<capacity where slots[i] == 0 {
        slots[i] = group
        return
      }
    }
  }

  /// Forgets a group that has been killed and reaped.
  static func unregister(_ group: pid_t) {
    lock.withLock {
      for i in 0..<capacity where slots[i] == group { slots[i] = 0 }
    }
  }

  /// The groups registered now.
  public static var live: [pid_t] {
    lock.withLock { (0..<capacity).map { slots[$0] }.filter { $0 != 0 } }
  }

  /// Kills every registered group with SIGKILL (async-signal-safe: only `kill`).
  static func killAll() {
    for i in 0..<capacity {
      let group = slots[i]
      if group > 0 {
        kill(-group, SIGKILL)
        kill(group, SIGKILL)
      }
    }
  }

  /// Makes SIGINT, SIGTERM and SIGHUP kill the subjects' groups before the process ends with the signal.
  /// A handler installed later (the REPL's Ctrl-C) replaces it for its signal.
  public static func installInterruptHandlers() {
    _ = slots  // initialised here, never first in the handler
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      var previous = sigaction()
      sigaction(signal, nil, &previous)
      #if canImport(Glibc)
        let ignored = unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == 1
      #else
        let ignored = unsafeBitCast(previous.__sigaction_u.__sa_handler, to: Int.self) == 1
      #endif
      // A signal the parent ignores stays ignored (`nohup`, a background job), except SIGTERM.
      if ignored && signal != SIGTERM { continue }
      sigaddset(&signals, signal)
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = SubjectGroups.handle
      #else
        action.__sigaction_u.__sa_handler = SubjectGroups.handle
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
      sigaction(signal, &action, nil)
    }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  /// The handler: kills the groups, then delivers the signal again with its default action.
  private static let handle: @convention(c) (Int32) -> Void = { signal in
    SubjectGroups.killAll()
    raise(signal)
  }
}
