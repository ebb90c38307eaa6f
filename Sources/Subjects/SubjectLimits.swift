/// The deadlines and resource limits a subject runs under.
public struct SubjectLimits: Sendable, Equatable {
  /// Seconds to wait for each reply.
  public var replyTimeout: Double = 2
  /// Seconds an adapter waits for an in-flight call to enter its operation or return (`blocked` after).
  public var grace: Double = 0.3
  /// Seconds for the handshake, which includes the interpreter's start-up and the learner's imports.
  public var startTimeout: Double = 10
  /// CPU seconds for the whole subject process.
  public var cpuSeconds: Int = 120
  /// Address-space limit in MiB.
  public var memoryMiB: Int = 4096
  /// The longest protocol line accepted, in bytes.
  public var maxLineBytes: Int = 1 << 20
  /// How much of the subject's standard error is kept (the end of it), in bytes.
  public var stderrTailBytes: Int = 64 << 10
  /// Processes the subject may have at once (applies when not running as root, or inside the sandbox).
  public var maxProcesses: Int = 256
  /// Bytes of standard error after which the subject is stopped (`nil`: no cap; the tail is kept either way).
  public var maxOutputBytes: Int? = nil
  /// A command prefix the subject runs under, inside the limits above: a sandbox such as
  /// `["bwrap", …, "--"]` or a deadline such as `["timeout", "-s", "KILL", "60"]`. It must `exec` the
  /// subject in the same process group, so that killing the group still ends everything (used by grading).
  public var wrapper: [String] = []

  public init() {}
}

extension SubjectLimits {
  /// `setpriv --pdeathsig=KILL --`: a tiny exec wrapper that makes a command die when the thread that started
  /// it ends, even when cblearn is killed with `kill -9` (empty when util-linux's `setpriv` is missing). A
  /// process that forks the command (such as `timeout`) must put it again before the command.
  public static let parentDeathPrefix: [String] = {
    guard let setpriv = ToolRunner.find("setpriv") else { return [] }
    return [setpriv, "--pdeathsig=KILL", "--"]
  }()
}
