import Foundation
import Subjects

#if canImport(Glibc)
  import Glibc
#endif

/// The protection each submission runs under, detected once per run (docs/grading.md, "Sandbox and limits").
///
/// Always: its own process group killed at the end, CPU, memory, process-count and output limits, a
/// wall-clock deadline (`timeout -s KILL`), and a private temporary folder. With bubblewrap: no network, a
/// read-only view of the system, a private `/tmp`, and a PID namespace whose processes die together. As root,
/// where `ulimit -u` does not bind, a `pids` cgroup per submission caps the processes instead.
public struct Sandbox: Sendable {
  /// Which isolation to use.
  public enum Mode: String, Sendable, CaseIterable {
    /// bubblewrap when it is installed and works, otherwise limits only.
    case auto
    /// Limits only.
    case none
    /// bubblewrap or fail.
    case bwrap
  }

  /// The `bwrap` executable when the sandbox is on.
  public var bubblewrap: String?
  /// The `timeout` executable that enforces the wall-clock deadline.
  public var timeout: String?
  /// The parent `pids` cgroup of this run, when running as root with a writable cgroup hierarchy.
  public var cgroups: PidsCgroup?
  public var isRoot: Bool
  /// Why `--sandbox auto` grades without bubblewrap (nil when it did not fall back).
  public var fallback: String?

  /// Whether the process-count limit binds (false only as root without a usable cgroup).
  public var processLimitBinds: Bool { !isRoot || cgroups != nil }

  /// Detects what this machine offers.
  public static func detect(mode: Mode, maxProcesses: Int) throws -> Sandbox {
    let root = geteuid() == 0
    var bubblewrap: String?
    if mode != .none, let found = ToolRunner.find("bwrap"), Self.works(found) { bubblewrap = found }
    if mode == .bwrap, bubblewrap == nil {
      throw GradingError.sandboxUnavailable("bwrap is missing or cannot create namespaces here")
    }
    let cgroups = root ? PidsCgroup.create(limit: maxProcesses) : nil
    var sandbox = Sandbox(bubblewrap: bubblewrap, timeout: ToolRunner.find("timeout"), cgroups: cgroups, isRoot: root)
    if mode == .auto, bubblewrap == nil { sandbox.fallback = Self.fallbackReason() }
    return sandbox
  }

  /// One line for the start of a run: what protects the machine.
  public var summary: String {
    var parts: [String] = []
    parts.append(
      bubblewrap != nil
        ? "bubblewrap sandbox (no network, read-only system, private /tmp, PID namespace)"
        : "no sandbox (bwrap not available)")
    parts.append(timeout != nil ? "wall-clock deadline" : "no wall-clock deadline (timeout(1) missing)")
    if cgroups != nil {
      parts.append("process cap by pids cgroup")
    } else if isRoot {
      parts.append("process count NOT capped (root without a writable pids cgroup)")
    } else {
      parts.append("process cap by ulimit")
    }
    return parts.joined(separator: ", ")
  }

  /// The command prefix for one subject launch: refuses to start after `stop` exists or past `deadline`
  /// (Unix seconds), joins `cgroup`, sets a private temporary folder, then runs under `timeout` and bwrap;
  /// `readable` folders stay visible even when they lie under the private `/tmp`.
  public func wrapper(deadline: Int, stop: URL, cgroup: URL?, temporary: URL, readable: [URL] = []) -> [String] {
    let script = """
      [ -e "$1" ] && { echo "cblearn: grading of this submission was stopped" >&2; exit 124; }
      r=$(( $2 - $(date +%s) )); [ "$r" -gt 0 ] || { echo "cblearn: the wall-clock limit was reached" >&2; exit 124; }
      if [ -n "$3" ]; then echo $$ > "$3/cgroup.procs" || exit 125; fi
      export TMPDIR="$4"; shift 4
      if [ -n "$CBLEARN_TIMEOUT" ]; then exec "$CBLEARN_TIMEOUT" -s KILL "$r" "$@"; fi
      exec "$@"
      """
    var prefix = [
      "/usr/bin/env", "CBLEARN_TIMEOUT=\(timeout ?? "")", "/bin/sh", "-c", script, "cblearn-wrapper", stop.path,
      String(deadline), cgroup?.path ?? "", bubblewrap == nil ? temporary.path : "/tmp",
    ]
    if let bubblewrap {
      prefix += [
        bubblewrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
        "--bind", temporary.path, "/tmp", "--setenv", "TMPDIR", "/tmp",
      ]
      for folder in readable where folder.path.hasPrefix("/tmp/") && FileManager.default.fileExists(atPath: folder.path)
      {
        prefix += ["--ro-bind", folder.path, folder.path]
      }
      prefix.append("--")
    }
    return prefix
  }

  /// Whether bwrap can create the namespaces it needs here (containers often forbid it).
  static func works(_ bwrap: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: bwrap)
    process.arguments = [
      "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--",
      "/bin/true",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
