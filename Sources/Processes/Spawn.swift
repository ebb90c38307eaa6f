#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Starts a program with `posix_spawn`: the one place below every module where a child process is created.
///
/// Foundation's `Process` cannot choose the child's process group: on Linux it puts every child in a new
/// group, which makes an interactive child such as `less` a background job of the terminal (it stops on its
/// first keyboard read while the parent waits for it: the pager hang). `Spawn` says which group the child
/// joins (`ProcessGroup`), which signals it starts with at their defaults, and which descriptors it gets.
public struct Spawn: Sendable {
  /// The program and its arguments; `arguments[0]` is looked up in `PATH` when it has no slash.
  public var arguments: [String]
  /// The whole environment of the child (`nil`: the parent's).
  public var environment: [String: String]?
  /// Which process group the child joins.
  public var group: ProcessGroup
  /// Descriptors of the parent that become the child's 0, 1 and 2 (`nil`: the parent's own).
  public var standardInput: Int32?
  public var standardOutput: Int32?
  public var standardError: Int32?
  /// The folder the child starts in (`nil`: the parent's).
  public var currentDirectory: String?

  /// The process group a child joins.
  public enum ProcessGroup: Sendable, Equatable {
    /// The parent's group: the child stays in the terminal's foreground with its parent (pagers, editors).
    case parent
    /// A group of its own, led by the child, so the whole group can be killed at once (subjects, tools).
    case own
    /// A new session led by the child (so a group of its own too), whose controlling terminal is the terminal
    /// device at `terminal` (a `PseudoTerminal`'s path): the child opens it as standard input, output and
    /// error, which the `standard…` descriptors still override. The child is then the terminal's foreground
    /// job, as a program started by a terminal emulator is: Ctrl-C typed into the terminal reaches it.
    case session(terminal: String)
  }

  /// A spawn of `arguments` in `group`, with the parent's environment and descriptors.
  public init(_ arguments: [String], group: ProcessGroup, environment: [String: String]? = nil) {
    self.arguments = arguments
    self.group = group
    self.environment = environment
  }

  /// Signals the child starts with at their default action, whatever the parent ignores or catches.
  static let defaultedSignals = [SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD]

  /// A pipe whose two ends close on exec: only the descriptors a spawn names reach a child. The pipe is
  /// made and marked under the lock every spawn takes, so no child started meanwhile inherits its ends.
  /// Returns (read end, write end).
  public static func pipe() throws(SpawnError) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    let status = spawnLock.locked {
      let status = Glibc.pipe(&fds)
      if status == 0 { for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) } }
      return status
    }
    guard status == 0 else { throw .failed(program: "pipe", reason: String(cString: strerror(errno))) }
    return (fds[0], fds[1])
  }

  /// `POSIX_SPAWN_SETSID`, which the C modules hide behind a feature macro (glibc 2.26 and later).
  #if os(Linux)
    static let setSession: Int32 = 0x80
  #else
    static let setSession = Int32(POSIX_SPAWN_SETSID)
  #endif

  /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29 and later), hidden by a feature macro: looked up.
  nonisolated(unsafe) static let addChangeDirectory: ChangeDirectory? = dlsym(
    nil, "posix_spawn_file_actions_addchdir_np"
  ).map { unsafeBitCast($0, to: ChangeDirectory.self) }
  typealias ChangeDirectory =
    @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

  /// Held while a pipe or pseudo-terminal is made and while a child is spawned.
  static let spawnLock = SpawnLock()

  /// Starts the child; throws `SpawnError.failed` with the reason when it cannot start.
  public func start() throws(SpawnError) -> SpawnedProcess {
    guard let program = arguments.first, !program.isEmpty else { throw .failed(program: "", reason: "no program") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in Spawn.defaultedSignals { sigaddset(&defaults, signal) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
    switch group {
    case .parent: break
    case .own:
      posix_spawnattr_setpgroup(&attributes, 0)
      flags |= Int32(POSIX_SPAWN_SETPGROUP)
    case .session(let terminal):
      // The child calls setsid before the file actions run, so opening the terminal makes it the controlling one.
      flags |= Spawn.setSession
      posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
      posix_spawn_file_actions_adddup2(&actions, 0, 1)
      posix_spawn_file_actions_adddup2(&actions, 0, 2)
    }
    for (source, target) in [(standardInput, 0), (standardOutput, 1), (standardError, 2)] {
      if let source { posix_spawn_file_actions_adddup2(&actions, source, Int32(target)) }
    }
    if let currentDirectory {
      guard let change = Spawn.addChangeDirectory else {
        throw .failed(program: program, reason: "this C library cannot start a child in another folder")
      }
      _ = change(&actions, currentDirectory)
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let envp = (environment ?? Spawn.currentEnvironment()).map { "\($0.key)=\($0.value)" }.sorted()
    var child: pid_t = 0
    let status = Spawn.spawnLock.locked {
      Spawn.withCStrings(arguments) { argv in
        Spawn.withCStrings(envp) { env in
          program.contains("/")
            ? posix_spawn(&child, program, &actions, &attributes, argv, env)
            : posix_spawnp(&child, program, &actions, &attributes, argv, env)
        }
      }
    }
    guard status == 0 else { throw .failed(program: program, reason: String(cString: strerror(status))) }
    return SpawnedProcess(pid: child, group: group)
  }

  /// Starts the child and calls `register` with its pid before SIGINT, SIGTERM or SIGHUP can reach this
  /// process: a handler that kills every registered child (cblearn's Ctrl-C) then never misses one started
  /// just before the signal. The child starts with no signal blocked.
  public func start(registering register: (pid_t) -> Void) throws(SpawnError) -> SpawnedProcess {
    var interrupts = sigset_t()
    sigemptyset(&interrupts)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&interrupts, signal) }
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &interrupts, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    let child = try start()
    register(child.pid)
    return child
  }

  /// Whether `name` is an executable file in one of `PATH`'s folders (or at that path, when it has a slash).
  public static func findExecutable(_ name: String, path: String? = nil) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    let folders = (path ?? currentEnvironment()["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    for folder in folders where !folder.isEmpty {
      let candidate = "\(folder)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  /// The parent's environment, read from `environ`.
  public static func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return result
  }

  /// Calls `body` with a NULL-terminated C array of the strings.
  static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    var pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
  }
}

/// A process-wide mutex (Processes sits below Foundation's `NSLock`).
final class SpawnLock: @unchecked Sendable {
  private var mutex = pthread_mutex_t()

  init() { pthread_mutex_init(&mutex, nil) }

  /// Runs `body` holding the lock.
  func locked<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return body()
  }
}
