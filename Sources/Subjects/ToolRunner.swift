import Foundation
import Processes

/// Runs a trusted tool (the compiler) to completion with a timeout, capturing its combined output.
public enum ToolRunner {
  struct Result {
    var status: Int32
    var output: String
    var timedOut: Bool
  }

  /// Finds an executable on `PATH` (a name with a `/` is taken as a path).
  public static func find(_ name: String) -> String? {
    Spawn.findExecutable(name, path: ProcessInfo.processInfo.environment["PATH"])
  }

  /// Runs `executable` with `arguments` in a group of its own; the group is killed after `timeout` seconds.
  static func run(_ executable: String, _ arguments: [String], timeout: Double) throws(SpawnError) -> Result {
    // Registered so that Ctrl-C on cblearn kills the compiler's group too (`SubjectGroups`).
    let captured = try Spawn([executable] + arguments, group: .own).capture(
      timeout: timeout, started: { SubjectGroups.register($0) }, finished: { SubjectGroups.unregister($0) })
    let status: Int32 =
      switch captured.termination {
      case .exited(let code): code
      case .signalled(let signal): 128 + signal
      }
    return Result(status: status, output: captured.text, timedOut: captured.timedOut)
  }
}
