#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child started by `Spawn`: waited for once, signalled alone or with its whole group.
public final class SpawnedProcess: @unchecked Sendable {
  /// The child's process id (and its group's id when it was started in a group or session of its own).
  public let pid: pid_t
  /// The group the child was started in.
  public let group: Spawn.ProcessGroup
  private var reaped: Termination?

  init(pid: pid_t, group: Spawn.ProcessGroup) {
    self.pid = pid
    self.group = group
  }

  /// Waits for the child to end (retrying after signals) and returns how it ended.
  @discardableResult
  public func wait() -> Termination {
    if let reaped { return reaped }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return record(.exited(-1)) }
    }
    return record(Termination(waitStatus: status))
  }

  /// How the child ended if it has (reaping it), or nil while it runs: a wait that never blocks.
  public func poll() -> Termination? {
    if let reaped { return reaped }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    if result == pid { return record(Termination(waitStatus: status)) }
    if result < 0, errno != EINTR { return record(.exited(-1)) }
    return nil
  }

  /// Sends `signal` to the child, and to its whole group when it leads one.
  public func send(_ signal: Int32) {
    guard reaped == nil else { return }
    if group != .parent { kill(-pid, signal) }
    kill(pid, signal)
  }

  private func record(_ termination: Termination) -> Termination {
    reaped = termination
    return termination
  }
}

/// How a child ended.
public enum Termination: Sendable, Equatable, CustomStringConvertible {
  /// It exited with this status.
  case exited(Int32)
  /// A signal ended it.
  case signalled(Int32)

  /// The termination encoded in a `waitpid` status.
  public init(waitStatus status: Int32) {
    let signal = status & 0x7f
    self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
  }

  /// The status a shell reports: the exit code, or 128 plus the signal that ended it.
  public var exitStatus: Int32 {
    switch self {
    case .exited(let code): code
    case .signalled(let signal): 128 + signal
    }
  }

  /// `exit code 3`, `killed by signal 9`.
  public var description: String {
    switch self {
    case .exited(let code): "exit code \(code)"
    case .signalled(let signal): "killed by signal \(signal)"
    }
  }
}

/// Why a child could not be started.
public enum SpawnError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `posix_spawn` refused: the program is missing, not executable, or the system is out of processes.
  case failed(program: String, reason: String)
  /// No pseudo-terminal could be opened (`PseudoTerminal.open`).
  case noTerminal(reason: String)

  public var description: String {
    switch self {
    case .failed(let program, let reason):
      "could not start '\(program)': \(reason); check that it is installed and on PATH"
    case .noTerminal(let reason):
      "could not open a pseudo-terminal: \(reason); check that /dev/ptmx and /dev/pts are available"
    }
  }
}
