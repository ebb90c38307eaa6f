import Foundation

/// Processes that carry a marker in their environment: what a test started, however deep, wherever it was
/// reparented to.
enum Survivors {
  /// A fresh marker to put in a child's environment as `CBLEARN_TEST_MARK`.
  static func marker() -> String { "mark-\(UUID().uuidString)" }

  /// The processes (pid and parent pid) whose environment holds `CBLEARN_TEST_MARK=marker`; zombies excluded.
  static func find(_ marker: String) -> [(pid: Int32, parent: Int32, command: String)] {
    let needle = Data("CBLEARN_TEST_MARK=\(marker)".utf8)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.compactMap { name -> (Int32, Int32, String)? in
      guard let pid = Int32(name), pid != getpid(),
        let environ = FileManager.default.contents(atPath: "/proc/\(name)/environ"), environ.range(of: needle) != nil,
        let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return nil }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 2, fields[0] != "Z", let parent = Int32(fields[1]) else { return nil }
      let command =
        (try? String(contentsOfFile: "/proc/\(name)/cmdline", encoding: .utf8))?
        .replacingOccurrences(of: "\0", with: " ") ?? ""
      return (pid, parent, command)
    }
  }

  /// Polls until `condition` holds or `attempts` polls of 50 ms have passed; returns whether it held.
  static func waitUntil(attempts: Int = 200, _ condition: () -> Bool) -> Bool {
    for _ in 0..<attempts {
      if condition() { return true }
      usleep(50_000)
    }
    return condition()
  }
}
