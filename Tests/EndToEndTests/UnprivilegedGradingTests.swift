import Foundation
import Processes
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `cblearn grade` run by an ordinary user (the CI case): the sandbox maps it to uid 65534 in a user
/// namespace and keeps its secrets from the submissions. As root the test runs the grader as `nobody`.
@Suite("Grading as an ordinary user")
struct UnprivilegedGradingTests {
  /// A protocol program that answers the handshake with an error holding what it can find.
  static let snoop = """
    #!/bin/sh
    found=$( { echo "uid=$(id -u)"; cat /etc/shadow; ls -a GRADER_HOME /home /root; cat GRADER_HOME/.home-secret-*; env; } 2>&1 )
    read line
    printf '{"id":1,"ok":false,"error":"%s"}\\n' "$(printf '%s' "$found" | tr -d '"\\\\' | tr '\\n' ' ')"

    """

  @Test("the grader's home and environment stay out of the grades")
  func ordinaryUser() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-user-\(UUID().uuidString)")
    let fm = FileManager.default
    let run = root.appendingPathComponent("class/snoop/run")
    try fm.createDirectory(at: run.deletingLastPathComponent(), withIntermediateDirectories: true)
    let home = root.appendingPathComponent("home")
    try Data(Self.snoop.replacingOccurrences(of: "GRADER_HOME", with: home.path).utf8).write(to: run)
    try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: run.path)
    try fm.createDirectory(at: home, withIntermediateDirectories: true)
    let token = UUID().uuidString
    try Data("home-secret-\(token)".utf8).write(to: home.appendingPathComponent(".home-secret-\(token)"))
    try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: home.path)
    defer { try? fm.removeItem(at: root) }

    var arguments = [
      "grade", root.appendingPathComponent("class").path, "--step", "3", "--out",
      root.appendingPathComponent("out").path, "--format", "json", "--jobs", "1",
    ]
    var executable = CLI.executable
    if geteuid() == 0 {
      // As root, become nobody: the folder must be theirs, as a CI user's checkout is.
      let ids = "65534"
      for path in [
        root.path, root.appendingPathComponent("class").path, run.deletingLastPathComponent().path, run.path,
      ]
        + [home.path, home.appendingPathComponent(".home-secret-\(token)").path]
      {
        _ = chown(path, 65534, 65534)
      }
      arguments = ["--reuid=\(ids)", "--regid=\(ids)", "--clear-groups", CLI.executable] + arguments
      executable = "/usr/bin/setpriv"
    }
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = home.path
    environment["CBLEARN_TEST_SECRET"] = "env-secret-\(token)"
    environment["CBLEARN_CACHE_DIR"] = root.appendingPathComponent("cache").path
    let graded = try Spawn([executable] + arguments, group: .own, environment: environment).capture(timeout: 900)
    let text = graded.text
    try #require(graded.termination == .exited(0), "\(text)")
    #expect(text.contains("bubblewrap sandbox (uid 65534"), "\(text)")

    let grades = try String(contentsOf: root.appendingPathComponent("out/grades.json"), encoding: .utf8)
    #expect(grades.contains("uid=65534"), "the snooping submission's output did not reach its grade: \(grades)")
    for secret in ["home-secret-\(token)", "env-secret-\(token)"] {
      #expect(!grades.contains(secret), "the grade holds \(secret)")
    }
  }
}
