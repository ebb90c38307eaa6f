import Foundation

/// The environment for a `cblearn` child: content, no colour, no editor, a home that is not the user's.
enum ProcessEnvironment {
  static func make(content: URL, extra: [String: String] = [:]) -> [String: String] {
    var env = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      "HOME": FileManager.default.temporaryDirectory.path,
      "CBLEARN_HOME": content.path,
      "LANG": "C.UTF-8",
      "TERM": "xterm",
      "COLUMNS": "100",
      "LINES": "30",
      "NO_COLOR": "1",
    ]
    if let cache = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] { env["XDG_CACHE_HOME"] = cache }
    env.merge(extra) { $1 }
    return env
  }
}
