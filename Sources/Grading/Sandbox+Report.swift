import Foundation
import Subjects

#if canImport(Glibc)
  import Glibc
#endif

extension Sandbox {
  /// Which sandbox grades, for every report: `bubblewrap`, or `none` with why `--sandbox auto` fell back.
  public var label: String {
    if bubblewrap != nil { return "bubblewrap" }
    return fallback.map { "none (\($0))" } ?? "none"
  }

  /// The warning printed when `--sandbox auto` found no working bubblewrap; nil when it did not fall back.
  public var fallbackWarning: String? {
    fallback.map {
      "warning: grading WITHOUT a sandbox: \($0); submissions can read and write what this user can. "
        + "Fix it or pass --sandbox none to accept it (docs/grading.md, \"Sandbox and limits\")"
    }
  }

  /// Why bubblewrap is not usable here, with the fix.
  static func fallbackReason() -> String {
    guard ToolRunner.find("bwrap") != nil else { return "bwrap is not installed (Debian package bubblewrap)" }
    let restricted = FileManager.default.contents(atPath: "/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
    if geteuid() != 0, let restricted, String(decoding: restricted, as: UTF8.self).hasPrefix("1") {
      return "AppArmor forbids unprivileged user namespaces "
        + "(sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0)"
    }
    return "bwrap cannot create namespaces here (a container without user namespaces?)"
  }
}
