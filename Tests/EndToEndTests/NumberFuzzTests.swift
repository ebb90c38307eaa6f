import Foundation
import Processes
import Testing

/// Every numeric input of cblearn fed huge, negative, NaN and infinite values: each run ends with exit 1, 2 or
/// the usage status 64 and a message, never a trap or an endless run. Each run is bounded by timeout(1): a
/// run that does not end fails the test with status 137.
@Suite("No number traps or runs for ever", .serialized)
struct NumberFuzzTests {
  /// Values no numeric input accepts.
  static let hostile = [
    "1e16", "-1", "nan", "inf", "-inf", "99999999999", "99999999999999999999999", "-0.5", "1e308", "0x7fffffffffffffff",
  ]
  static let allowed: Set<Int32> = [1, 2, 64]

  /// Runs cblearn with extra environment, killed after two minutes; its status and its output and errors.
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    var env = ProcessInfo.processInfo.environment
    env["CBLEARN_CACHE_DIR"] = CLI.root.appendingPathComponent(".build/test-cache").path
    for (key, value) in environment { env[key] = value }
    let run = try Spawn([CLI.executable] + arguments, group: .own, environment: env).capture(timeout: 120)
    return (run.termination.exitStatus, run.text)
  }

  /// Expects exit 1, 2 or 64 with a message (no crash, no endless run).
  static func expectRejected(_ arguments: [String], environment: [String: String] = [:], mentions: String) throws {
    let (status, text) = try run(arguments, environment: environment)
    let line = arguments.joined(separator: " ")
    #expect(allowed.contains(status), "\(line): exit \(status)\n\(text)")
    #expect(text.localizedCaseInsensitiveContains(mentions), "\(line): the message does not name \(mentions)\n\(text)")
    #expect(!text.contains("Fatal error") && !text.contains("Stack dump"), "\(line): \(text)")
  }

  @Test("command-line flags")
  func flags() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-fuzz-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let classFolder = root.appendingPathComponent("class/alice")
    try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
    let breaker = CLI.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py").path
    try FileManager.default.copyItem(atPath: breaker, toPath: classFolder.appendingPathComponent("breaker.py").path)
    let grade = ["grade", root.appendingPathComponent("class").path, "--step", "3", "--out", root.path + "/out"]
    let inputs: [(prefix: [String], flag: String)] =
      ["--failure-threshold", "--recovery-timeout", "--half-open-max-calls"].map { (["diagram"], $0) }
      + ["--timeout", "--variants", "--seed"].map { (["check", "3", breaker], $0) }
      + ["--runs", "--length"].map { (["check", "3", breaker, "--explore"], $0) }
      + [(["conformance", "--exec", "true"], "--timeout")]
      + [
        "--timeout", "--reply-timeout", "--jobs", "--variants", "--max-processes", "--memory", "--max-output", "--seed",
      ]
      .map { (grade, $0) }
      + ["--timeout", "--duration", "--seed"].map { (["simulate"], $0) }
      + ["--count", "--rounds"].map { (["bench", "--file", breaker], $0) }
    for input in inputs {
      // A seed is any 64-bit unsigned number: a large one is a fine seed.
      for value in Self.hostile where !(input.flag == "--seed" && value == "99999999999") {
        try Self.expectRejected(input.prefix + [input.flag, value], mentions: input.flag)
      }
    }
    for value in Self.hostile {
      // 1/99999999999 is a valid (if useless) share: the first of that many.
      for shard in ["\(value)/2", "1/\(value)"] where shard != "1/99999999999" {
        let (status, text) = try Self.run(grade + ["--shard", shard])
        #expect(status == 64, "--shard \(shard): exit \(status)\n\(text)")
        #expect(text.contains("--shard"), "\(text)")
      }
    }
  }

  @Test("profile files: every configuration number")
  func profiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-fuzz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let keys = [
      "failure_threshold", "recovery_timeout", "half_open_max_calls", "success_threshold", "slow_call_duration",
      "slow_call_rate_threshold", "max_concurrent_calls",
    ]
    let file = folder.appendingPathComponent("profile.yaml")
    for value in Self.hostile + [".nan", ".inf", "-.inf"] {
      for key in keys {
        try Data("profile: {}\nconfig:\n  \(key): \(value)\n".utf8).write(to: file)
        try Self.expectRejected(
          ["conformance", "--exec", "true", "--profile", file.path], mentions: "profile.yaml:3: `\(key)`")
      }
      for (key, window) in [
        ("size", "{kind: count, size: \(value), failure_rate_threshold: 50}"),
        ("size", "{kind: time, size: \(value), failure_rate_threshold: 50}"),
        ("minimum_calls", "{kind: count, size: 10, minimum_calls: \(value), failure_rate_threshold: 50}"),
        ("failure_rate_threshold", "{kind: count, size: 10, failure_rate_threshold: \(value)}"),
      ] {
        try Data("profile: {}\nconfig:\n  window: \(window)\n".utf8).write(to: file)
        try Self.expectRejected(
          ["conformance", "--exec", "true", "--profile", file.path], mentions: "profile.yaml:3: `\(key)`")
      }
    }
  }

  @Test("rubrics and exercise manifests: points and pass marks")
  func rubricsAndManifests() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-fuzz-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let student = folder.appendingPathComponent("class/alice")
    try FileManager.default.createDirectory(at: student, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: CLI.root.appendingPathComponent("exercises/03-basic-breaker/solution/breaker.py"),
      to: student.appendingPathComponent("breaker.py"))
    let rubric = folder.appendingPathComponent("rubric.yaml")
    let grade = ["grade", folder.appendingPathComponent("class").path, "--step", "3", "--out", folder.path + "/out"]
    for value in Self.hostile + ["9223372036854775807", "9223372036854775808"] {
      try Data("points:\n  basic.trip-at-threshold: \(value)\n".utf8).write(to: rubric)
      try Self.expectRejected(grade + ["--rubric", rubric.path], mentions: "rubric.yaml:2")
      try Data("pass_mark: \(value)\n".utf8).write(to: rubric)
      try Self.expectRejected(grade + ["--rubric", rubric.path], mentions: "pass_mark")
    }

    // A copy of the content whose step 3 manifest gives a hostile number of points, or a hostile config.
    let content = folder.appendingPathComponent("content")
    try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    for name in ["lessons", "adapters", "mutants"] {
      try FileManager.default.createSymbolicLink(
        at: content.appendingPathComponent(name), withDestinationURL: CLI.root.appendingPathComponent(name))
    }
    let exercises = content.appendingPathComponent("exercises")
    try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
    for name in try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("exercises").path)
    where name != "03-basic-breaker" {
      try FileManager.default.createSymbolicLink(
        at: exercises.appendingPathComponent(name),
        withDestinationURL: CLI.root.appendingPathComponent("exercises/\(name)"))
    }
    let step = exercises.appendingPathComponent("03-basic-breaker")
    try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("exercises/03-basic-breaker"), to: step)
    let manifest = step.appendingPathComponent("exercise.yaml")
    let original = try String(contentsOf: manifest, encoding: .utf8)
    for value in Self.hostile {
      for (edit, mentions) in [
        ("points: {basic.trip-at-threshold: \(value)}", "exercise.yaml"),
        ("config: {failure_threshold: \(value), recovery_timeout: 30}", "failure_threshold"),
        ("config: {failure_threshold: 3, recovery_timeout: \(value)}", "recovery_timeout"),
      ] {
        let key = String(edit.prefix { $0 != ":" })
        let kept = original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(key + ":") }
        try Data((kept.joined(separator: "\n") + "\n" + edit + "\n").utf8).write(to: manifest)
        try Self.expectRejected(
          ["check", "3", student.appendingPathComponent("breaker.py").path],
          environment: ["CBLEARN_HOME": content.path],
          mentions: mentions)
      }
    }
  }
}
