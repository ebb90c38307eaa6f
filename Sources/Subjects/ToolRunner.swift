import Foundation
import Processes

/// Runs a trusted tool (the compiler, an unpacker, a probe) to completion with a timeout, capturing its
/// combined output; finds tools on `PATH` and the Python interpreter subjects run with.
public enum ToolRunner {
  /// How a tool run ended and what it printed.
  public struct Result: Sendable {
    /// The exit status, or 128 plus the signal that ended it.
    public var status: Int32
    /// Standard output and standard error, interleaved, up to 4 MiB.
    public var output: String
    /// Whether the timeout killed it.
    public var timedOut: Bool
  }

  /// The Python interpreter subjects run with, resolved once per process: `python3` on `PATH`, or the
  /// real interpreter behind it when that is a version manager's shim script (pyenv, asdf), which would
  /// otherwise cost its own start-up on every launch. `PATH` itself is never changed.
  public static let python3: String? = {
    guard let found = find("python3") else { return nil }
    let real = URL(fileURLWithPath: found).resolvingSymlinksInPath().path
    // A shim is a script; an interpreter is a binary.
    guard let handle = FileHandle(forReadingAtPath: real) else { return found }
    defer { try? handle.close() }
    guard handle.readData(ofLength: 2) == Data("#!".utf8) else { return found }
    guard let probe = try? run(found, ["-c", "import sys; print(sys.executable)"], timeout: 20), probe.status == 0
    else { return found }
    let executable = probe.output.trimmingCharacters(in: .whitespacesAndNewlines)
    return FileManager.default.isExecutableFile(atPath: executable) ? executable : found
  }()

  /// Finds an executable on `PATH` (a name with a `/` is taken as a path).
  public static func find(_ name: String) -> String? {
    Spawn.findExecutable(name, path: ProcessInfo.processInfo.environment["PATH"])
  }

  /// Runs `executable` with `arguments` in a group of its own; the group is killed after `timeout` seconds.
  public static func run(_ executable: String, _ arguments: [String], timeout: Double) throws(SpawnError) -> Result {
    // Registered so that Ctrl-C on cblearn kills the compiler's group too (`SubjectGroups`).
    let captured = try Spawn([executable] + arguments, group: .own).capture(
      timeout: timeout, started: { SubjectGroups.register($0) }, finished: { SubjectGroups.unregister($0) })
    return Result(status: captured.termination.exitStatus, output: captured.text, timedOut: captured.timedOut)
  }
}
