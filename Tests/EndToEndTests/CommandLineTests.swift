import Foundation
import Testing

/// The built binary, end to end: help, versions, exit codes, JSON shape, errors that say what to do.
@Suite("cblearn end to end")
struct CommandLineTests {
  let solution3 = "exercises/03-basic-breaker/solution/breaker.py"
  let starter3 = "exercises/03-basic-breaker/python/breaker.py"

  @Test("--help lists every command with a summary; --version prints the version")
  func helpAndVersion() throws {
    let help = try CLI.run(["--help"])
    #expect(help.status == 0)
    for command in [
      "start", "path", "lesson", "diagram", "check", "conformance", "grade", "simulate", "hint", "submit",
    ] {
      #expect(help.stdout.contains("  \(command) "), "missing \(command) in:\n\(help.stdout)")
    }
    let version = try CLI.run(["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
  }

  @Test("check exits 0 when every must check passes, with the JSON shape the docs promise")
  func checkPassesAsJSON() throws {
    let run = try CLI.run(["check", "3", solution3, "--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(run.json)
    #expect(json["step"] as? Int == 3)
    #expect(json["passed"] as? Bool == true)
    let checks = try #require(json["checks"] as? [[String: Any]])
    #expect(checks.count >= 15)
    for check in checks {
      for key in ["id", "category", "level", "status", "message"] { #expect(check[key] != nil, "no \(key)") }
    }
    #expect((json["score"] as? Int) == (json["max_score"] as? Int))
  }

  @Test("check exits 1 on a failing breaker: a summary of each distinct failure, the trace with --verbose")
  func checkFailsWithTrace() throws {
    let run = try CLI.run(["check", "basic-breaker", starter3], environment: ["NO_COLOR": "1"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("basic.trip-at-threshold"))
    #expect(run.stdout.contains("expected"))
    #expect(!run.stdout.contains("call(failure)"), "the trace comes on request")
    // The first seed's 3 configurations: a check that failed is not run again under the later seeds.
    #expect(run.stdout.contains("also under 2 other configurations"), "\(run.stdout)")
    #expect(
      run.stdout.contains("the same in ") && run.stdout.contains(" other checks:"), "the shared trip is one entry")
    #expect(run.stdout.contains("add --verbose for the timeline and trace"))
    #expect(run.stdout.contains("replay with: cblearn check 3 \(starter3) --seed 1"))
    #expect(!run.stdout.contains("\u{1B}["), "no colour when not a terminal")
    #expect(run.stdout.split(separator: "\n").count < 100, "a starter's report stays short")
    let verbose = try CLI.run(["check", "basic-breaker", starter3, "--verbose"], environment: ["NO_COLOR": "1"])
    #expect(verbose.status == 1)
    #expect(verbose.stdout.contains("call(failure)") && verbose.stdout.contains("clock starts at"))
  }

  @Test("a count that is never reset is not explained as an off-by-one threshold")
  func explanationMatchesTheFailedExpectation() throws {
    let fixture = CLI.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/never_resets.py").path
    let run = try CLI.run(["check", "3", fixture, "--format", "json"])
    let checks = try #require(run.json?["checks"] as? [[String: Any]])
    let trip = try #require(checks.first { $0["id"] as? String == "basic.trip-at-threshold" })
    #expect(trip["status"] as? String == "fail")
    let why = trip["motivation"] as? String ?? ""
    #expect(why.contains("reset the count") && !why.contains("Off-by-one"), "\(why)")
  }

  @Test("check --format json prints an error object with the compiler's diagnostics on exit status 2")
  func jsonErrorObject() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-json-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("Breaker.swift")
    try Data("struct CircuitOpenError: Error {}\nlet x: Int = \"not a number\"\n".utf8).write(to: file)
    let run = try CLI.run(["check", "3", file.path, "--format", "json"])
    #expect(run.status == 2)
    let error = try #require(run.json?["error"] as? [String: Any], "stdout: \(run.stdout)")
    #expect(error["kind"] as? String == "compile_error")
    let diagnostics = try #require(error["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.first?["file"] as? String == file.path)
    #expect(diagnostics.first?["line"] as? Int == 2)
    let missing = try CLI.run(["check", "3", "no-such-file.py", "--format", "json"])
    #expect(missing.status == 2)
    #expect((missing.json?["error"] as? [String: Any])?["kind"] as? String == "missing_file")
  }

  @Test("check ends with explore.model-agrees: a bug only random sequences reach fails it, with the script")
  func checkRunsTheExploration() throws {
    // The step-9 solution with one bug only random sequences reach: a slow call is one over the literal 2 s,
    // the exercise's own slow_call_duration, which the scripted checks use; explore varies the configuration.
    let solution = try String(
      contentsOf: CLI.root.appendingPathComponent("exercises/09-slow-calls-bulkhead/solution/breaker.py"),
      encoding: .utf8)
    let exact = "now - ticket.started > _ns(self.slow_call_duration)"
    try #require(solution.components(separatedBy: exact).count == 2, "the solution times slow calls in one place")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-slow2-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("breaker.py").path
    try Data(solution.replacingOccurrences(of: exact, with: "now - ticket.started > _ns(2)").utf8)
      .write(to: URL(fileURLWithPath: file))
    let run = try CLI.run(["check", "9", file, "--format", "json"])
    #expect(run.status == 1, "\(run.stderr)")
    let checks = try #require(run.json?["checks"] as? [[String: Any]])
    let failed = checks.filter { $0["status"] as? String != "pass" }
    #expect(failed.map { $0["id"] as? String } == ["explore.model-agrees"], "\(failed)")
    let explored = try #require(failed.first)
    #expect((explored["script"] as? String)?.hasPrefix("# cblearn explore script v1") == true)
    #expect((explored["model_trace"] as? [Any])?.isEmpty == false)
    #expect((explored["trace"] as? [Any])?.isEmpty == false)
    let text = try CLI.run(["check", "9", file, "--verbose"], environment: ["NO_COLOR": "1"])
    #expect(text.stdout.contains("replay script"))
    #expect(text.stdout.contains("the reference model:"))
    // Deterministic for a seed: the same script again.
    let again = try CLI.run(["check", "9", file, "--format", "json"])
    let script = { (cli: CLI) in
      (cli.json?["checks"] as? [[String: Any]])?.first { $0["id"] as? String == "explore.model-agrees" }?["script"]
        as? String
    }
    #expect(script(again) == script(run))
    let skipped = try CLI.run(["check", "9", file, "--explore-runs", "0", "--format", "json"])
    #expect(skipped.status == 0, "\(skipped.stderr)")
    let ids = (skipped.json?["checks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    #expect(!ids.contains("explore.model-agrees"))
    let bad = try CLI.run(["check", "5", file, "--explore-runs", "-1"])
    #expect(bad.status == 2 || bad.status == 64, "\(bad.stderr)")
  }

  @Test("the same seed gives the same results; another seed probes other configurations")
  func deterministicForASeed() throws {
    let a = try CLI.run(["check", "3", starter3, "--format", "json", "--seed", "7"])
    let b = try CLI.run(["check", "3", starter3, "--format", "json", "--seed", "7"])
    func verdicts(_ run: CLI) -> [String] {
      ((run.json?["checks"] as? [[String: Any]]) ?? []).map { "\($0["id"]!) \($0["status"]!) \($0["message"]!)" }
    }
    #expect(!verdicts(a).isEmpty)
    #expect(verdicts(a) == verdicts(b))
  }

  @Test(
    "bad input exits 2 with an error that names the problem and what to do",
    arguments: [
      (["check", "3", "no/such/file.py"], "no such file"),
      (["check", "42", "x.py"], "step"),
      (["check", "3", "README.md"], "cannot tell the track"),
      (["check", "3"], "give the solution file"),
      (["conformance", "--exec", "true", "--profile", "no/such/profile.yaml"], "profile"),
    ])
  func badInput(arguments: [String], words: String) throws {
    let run = try CLI.run(arguments)
    #expect(run.status != 0)
    #expect(run.stderr.lowercased().contains(words), "\(run.stderr)")
    #expect(!run.stderr.contains("Fatal error"))
  }

  @Test("a Swift file that does not compile exits 2 with the compiler's words about the learner's file")
  func compileErrorExits2() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("Breaker.swift")
    try "struct CircuitOpenError: Error {}\nlet x: Int = \"not a number\"\n".write(
      to: file, atomically: true, encoding: .utf8)
    let run = try CLI.run(["check", "3", file.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("Breaker.swift"))
    #expect(run.stderr.contains("does not compile"))
  }

  @Test("conformance --list shows the catalogue for a profile")
  func conformanceList() throws {
    let run = try CLI.run(["conformance", "--list"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("basic.trip-at-threshold"))
    #expect(run.stdout.contains("half-open."))
  }

  @Test("conformance runs the suite over --exec with the adapter, skipping what the subject lacks")
  func conformanceOverExec() throws {
    let adapter = "adapters/python/cblearn_adapter.py"
    let profile = "Tests/EndToEndTests/Fixtures/step4-profile.yaml"
    let run = try CLI.run([
      "conformance", "--exec", "python3 \(adapter) \(solution3)", "--profile", profile, "--format", "json",
    ])
    let json = try #require(run.json, "\(run.stderr)")
    let checks = try #require(json["checks"] as? [[String: Any]])
    let skipped = checks.filter { $0["status"] as? String == "skip" }.compactMap { $0["id"] as? String }
    #expect(skipped.contains("stuck.is-open-honours-timeout"), "\(skipped)")
    #expect(checks.contains { ($0["id"] as? String) == "basic.trip-at-threshold" && $0["status"] as? String == "pass" })
  }

  @Test("diagram draws the state machine, in pure ASCII on request")
  func diagramASCII() throws {
    let run = try CLI.run(["diagram", "--state", "open", "--ascii"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("OPEN"))
    #expect(run.stdout.contains("HALF_OPEN"))
    #expect(run.stdout.unicodeScalars.allSatisfy { $0.isASCII })
  }
}
