import Foundation
import Subjects

#if canImport(Glibc)
  import Glibc
#endif

/// The protection each submission runs under, detected once per run (docs/sandbox.md).
///
/// Always: its own process group killed at the end, CPU, memory, process-count and output limits, a
/// wall-clock deadline (`timeout -s KILL`), a private temporary folder, and an environment of a few allowed
/// variables. As root, submissions run as the unprivileged user `nobody` (uid and gid 65534, through
/// `setpriv`). With bubblewrap also: a user namespace where the submission is uid 65534, no network, a
/// read-only view of the system with the secrets (`/etc/shadow`, `/root`, `/home`, …), the other students and
/// the results hidden, a private `/tmp`, and a PID namespace whose processes die together. As root, where
/// `ulimit -u` counts every process of `nobody`, a `pids` cgroup per submission caps the processes as well.
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

  /// The user and group id submissions run as (`nobody`/`nogroup` on Debian).
  public static let unprivilegedID = 65534
  /// The variables a submission sees besides `PATH`, `HOME`, `TMPDIR` and `LANG` (when the launcher sets them).
  public static let environmentAllowList = ["PYTHONIOENCODING", "CBLEARN_SUBJECT_NAME", "CBLEARN_NO_GREENLET"]
  /// Files replaced by an empty file inside bubblewrap.
  static let secretFiles = [
    "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/sudoers", "/etc/security/opasswd",
  ]
  /// Folders replaced by an empty one inside bubblewrap (the grader's home is added at run time).
  static let secretFolders = [
    "/root", "/home", "/etc/ssh", "/etc/ssl/private", "/etc/sudoers.d", "/run/secrets", "/var/run/secrets",
    "/run/user", "/var/lib/sudo", "/var/mail", "/var/spool",
  ]

  /// The mode that was asked for.
  public var mode: Mode = .auto
  /// The `bwrap` executable when the sandbox is on.
  public var bubblewrap: String?
  /// The `timeout` executable that enforces the wall-clock deadline.
  public var timeout: String?
  /// The `setpriv` executable that drops root to `nobody` (nil when not root).
  public var setpriv: String?
  /// The parent `pids` cgroup of this run, when running as root with a writable cgroup hierarchy.
  public var cgroups: PidsCgroup?
  public var isRoot: Bool
  /// Why `--sandbox auto` grades without bubblewrap (nil when it did not fall back).
  public var fallback: String?

  /// Whether submissions run as a user other than root.
  public var dropsRoot: Bool { !isRoot || setpriv != nil }

  /// Whether the process-count limit binds (`ulimit -u` binds any user but root; a cgroup binds root too).
  public var processLimitBinds: Bool { dropsRoot || cgroups != nil }

  /// Detects what this machine offers.
  public static func detect(mode: Mode, maxProcesses: Int) throws -> Sandbox {
    let root = geteuid() == 0
    var sandbox = Sandbox(
      mode: mode, bubblewrap: nil, timeout: ToolRunner.find("timeout"), setpriv: nil, cgroups: nil, isRoot: root)
    if root {
      guard let setpriv = ToolRunner.find("setpriv") else {
        throw GradingError.sandboxUnavailable(
          "setpriv is missing, and submissions must not run as root; install the Debian package util-linux")
      }
      sandbox.setpriv = setpriv
    }
    if mode != .none, let found = ToolRunner.find("bwrap"), sandbox.works(found) { sandbox.bubblewrap = found }
    if mode == .bwrap, sandbox.bubblewrap == nil {
      throw GradingError.sandboxUnavailable("bwrap is missing or cannot create namespaces here")
    }
    sandbox.cgroups = root ? PidsCgroup.create(limit: maxProcesses) : nil
    if mode == .auto, sandbox.bubblewrap == nil { sandbox.fallback = Self.fallbackReason() }
    return sandbox
  }

  /// One line for the start of a run: what protects the machine.
  public var summary: String {
    var parts: [String] = []
    if bubblewrap != nil {
      parts.append(
        "bubblewrap sandbox (uid \(Self.unprivilegedID), no network, read-only system without secrets or other "
          + "students, private /tmp, PID namespace)")
    } else if mode == .none {
      parts.append("no sandbox (--sandbox none)")
    } else {
      parts.append("no sandbox (bwrap is missing or cannot create namespaces here)")
    }
    if isRoot { parts.append("submissions run as uid \(Self.unprivilegedID), not root") }
    parts.append("environment allow-list")
    parts.append(timeout != nil ? "wall-clock deadline" : "no wall-clock deadline (timeout(1) missing)")
    if cgroups != nil {
      parts.append("process cap by pids cgroup")
    } else {
      parts.append("process cap by ulimit")
    }
    return parts.joined(separator: ", ")
  }

  /// What the wrapper of one launch needs to know.
  public struct Launch: Sendable {
    /// Unix second after which nothing starts.
    public var deadline: Int
    /// The file whose existence refuses further launches.
    public var stop: URL
    /// The submission's own `pids` cgroup.
    public var cgroup: URL?
    /// The private temporary folder, seen as `/tmp` inside bubblewrap.
    public var temporary: URL
    /// Folders and files the subject reads (its own folder, the adapters, its compiled binary).
    public var readable: [URL] = []
    /// Folders hidden from the subject (the other submissions, the results).
    public var hidden: [URL] = []

    public init(deadline: Int, stop: URL, cgroup: URL?, temporary: URL, readable: [URL] = [], hidden: [URL] = []) {
      self.deadline = deadline
      self.stop = stop
      self.cgroup = cgroup
      self.temporary = temporary
      self.readable = readable
      self.hidden = hidden
    }
  }

  /// The command prefix for one subject launch: refuses to start after `stop` exists or past the deadline,
  /// joins the cgroup, clears the environment down to the allow-list, then runs under `timeout`, inside
  /// bwrap, and as `nobody` when root. Every process of the chain dies with its parent (`--pdeathsig`).
  public func wrapper(_ launch: Launch) -> [String] {
    let keep = Self.environmentAllowList.map {
      "[ -z \"${\($0)+x}\" ] || set -- \"\($0)=$\($0)\" \"$@\""
    }
    let script = """
      [ -e "$1" ] && { echo "cblearn: grading of this submission was stopped" >&2; exit 124; }
      r=$(( $2 - $(date +%s) )); [ "$r" -gt 0 ] || { echo "cblearn: the wall-clock limit was reached" >&2; exit 124; }
      if [ -n "$3" ]; then echo $$ > "$3/cgroup.procs" || exit 125; fi
      t="$4"; shift 4
      \(keep.joined(separator: "\n"))
      set -- /usr/bin/env -i "PATH=/usr/local/bin:/usr/bin:/bin" "HOME=$t" "TMPDIR=$t" "LANG=C.UTF-8" "$@"
      if [ -n "$CBLEARN_TIMEOUT" ]; then exec "$CBLEARN_TIMEOUT" -s KILL "$r" $CBLEARN_ORPHAN "$@"; fi
      exec "$@"
      """
    // `timeout` forks the command: the fork loses the parent-death signal, so it is set again.
    let orphan = SubjectLimits.parentDeathPrefix.joined(separator: " ")
    var prefix = [
      "/usr/bin/env", "CBLEARN_TIMEOUT=\(timeout ?? "")", "CBLEARN_ORPHAN=\(orphan)", "/bin/sh", "-c", script,
      "cblearn-wrapper", launch.stop.path, String(launch.deadline), launch.cgroup?.path ?? "",
      bubblewrap == nil ? launch.temporary.path : "/tmp",
    ]
    if let bubblewrap { prefix += [bubblewrap] + isolation(launch) + ["--"] }
    prefix += dropPrefix
    return prefix
  }

  /// `setpriv` to `nobody` (no supplementary groups, no capabilities, no new privileges) when root.
  var dropPrefix: [String] {
    guard isRoot, let setpriv else { return [] }
    let id = String(Self.unprivilegedID)
    return [
      setpriv, "--reuid=\(id)", "--regid=\(id)", "--clear-groups", "--no-new-privs", "--bounding-set=-all",
      "--inh-caps=-all", "--pdeathsig=KILL", "--",
    ]
  }

  /// The bwrap options: namespaces, the read-only system, the hidden secrets and folders, the binds.
  ///
  /// As root, bwrap sets the mounts up with root's rights (so a folder under `/root` can be bound) and
  /// `setpriv` then becomes `nobody`; otherwise a user namespace maps the grader to uid 65534.
  func isolation(_ launch: Launch) -> [String] {
    let id = String(Self.unprivilegedID)
    var options =
      isRoot
      ? ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
      : [
        "--unshare-all", "--unshare-user", "--uid", id, "--gid", id, "--disable-userns", "--cap-drop", "ALL",
      ]
    options += ["--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    let fm = FileManager.default
    for file in Self.secretFiles where fm.fileExists(atPath: file) { options += ["--ro-bind", "/dev/null", file] }
    var folders = Self.secretFolders
    folders.append(fm.homeDirectoryForCurrentUser.path)
    folders += launch.hidden.map { $0.resolvingSymlinksInPath().standardizedFileURL.path }
    // Parents before children; folders under /tmp are hidden by the private /tmp already.
    let masks = Set(folders.filter { $0 != "/" && $0 != "/tmp" && !$0.hasPrefix("/tmp/") && Self.isFolder($0) })
      .sorted { $0.count < $1.count }
    for folder in masks { options += ["--perms", "0755", "--tmpfs", folder] }
    options += ["--bind", launch.temporary.path, "/tmp"]
    var made: Set<String> = []
    for item in launch.readable {
      // Foundation cannot resolve a link to a name that is not UTF-8 (the aliases of such students): bind the
      // link itself then, which mounts its target.
      let resolved = item.resolvingSymlinksInPath().standardizedFileURL.path
      let source = fm.fileExists(atPath: resolved) ? resolved : item.standardizedFileURL.path
      guard fm.fileExists(atPath: source), source != "/" else { continue }
      // Bound where it really is and where the launch names it (a student folder that is a link).
      let named = item.standardizedFileURL.path
      for path in source == named ? [source] : [source, named] {
        // Folders bwrap creates for a bind inside a hidden folder must be enterable by uid 65534.
        let inside = (masks + ["/tmp"]).filter { path.hasPrefix($0 + "/") }.max { $0.count < $1.count }
        if let inside {
          var parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
          var parents: [String] = []
          while parent.count > inside.count {
            parents.append(parent)
            parent = URL(fileURLWithPath: parent).deletingLastPathComponent().path
          }
          for folder in parents.reversed() where made.insert(folder).inserted {
            options += ["--perms", "0755", "--dir", folder]
          }
        }
        options += ["--ro-bind", source, path]
      }
    }
    options += ["--setenv", "TMPDIR", "/tmp", "--setenv", "HOME", "/tmp"]
    return options
  }

  /// Whether bwrap can create the namespaces it needs here (containers often forbid it), run the same way.
  func works(_ bwrap: String) -> Bool {
    // A folder of its own: two graders in one process (tests, embedders) probe at the same time.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cblearn-bwrap-\(getpid())-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let launch = Launch(deadline: 0, stop: scratch, cgroup: nil, temporary: scratch)
    let arguments = [bwrap] + isolation(launch) + ["--"] + dropPrefix + ["/bin/true"]
    let probe = try? ToolRunner.run(arguments[0], Array(arguments.dropFirst()), timeout: 30)
    return probe?.status == 0
  }

  /// Prepares a worker's private temporary folder for the user the submissions run as.
  public func prepare(temporary: URL) {
    if isRoot, setpriv != nil {
      let id = UInt32(Self.unprivilegedID)
      chown(temporary.path, id, id)
    }
    chmod(temporary.path, 0o700)
  }

  private static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
