#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

nonisolated(unsafe) private var interruptCount: Int32 = 0

/// Catches SIGINT so Ctrl-C cancels the running work instead of ending the REPL.
public enum InterruptMonitor {
  /// Installs the handler and unblocks SIGINT (idempotent). Reads interrupted by Ctrl-C return with EINTR.
  public static func install() {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = { _ in interruptCount &+= 1 }
    #else
      action.__sigaction_u.__sa_handler = { _ in interruptCount &+= 1 }
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }

  /// Restores the default SIGINT behaviour.
  public static func uninstall() { signal(SIGINT, SIG_DFL) }

  /// The number of Ctrl-C presses so far; compare before and after some work.
  public static var count: Int32 { interruptCount }

  /// Forgets earlier presses.
  public static func reset() { interruptCount = 0 }
}
