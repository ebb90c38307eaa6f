import Foundation
import Processes
import Testing

/// `cblearn simulate` and `check 10` with learners' breakers over the real adapters.
@Suite(.serialized) struct SimulateTests {
  /// The figures of a JSON report, without what names the breaker or counts requests.
  private func figures(_ cli: CLI) throws -> NSDictionary {
    var object = try #require(cli.json, "not JSON: \(cli.stdout.prefix(300)) \(cli.stderr.prefix(600))")
    object["breaker"] = nil
    object["protocolRequests"] = nil
    return object as NSDictionary
  }

  @Test(
    "a correct breaker over the protocol gives exactly the reference's figures, in batches",
    arguments: ["exercises/10-chaos/solution/breaker.py", "exercises/10-chaos/solution/Breaker.swift"])
  func solutionMatchesTheReference(file: String) throws {
    let reference = try CLI.run(["simulate", "--scenario", "chaos", "--breaker", "reference", "--format", "json"])
    let learner = try CLI.run(["simulate", "--scenario", "chaos", "--breaker", file, "--format", "json"])
    #expect(learner.status == 0, "\(learner.stderr)")
    #expect(try figures(learner) == figures(reference))
    // About 80,000 calls: some 23,000 batches, not two requests per call.
    let requests = try #require(learner.json?["protocolRequests"] as? Int)
    #expect(requests > 100 && requests < 40_000)
  }

  @Test("an actor breaker gives exactly the figures of the synchronous breaker of the same rules")
  func actorMatchesSynchronous() throws {
    // 110 s of Black Friday: the fault starts at 60 s, and the pricing breaker opens, tries and reopens.
    let run = { (file: String) in
      try CLI.run(["simulate", "--breaker", file, "--duration", "110s", "--format", "json"])
    }
    let actor = try run("Tests/SubjectsTests/Fixtures/async/Actor05.swift")
    let synchronous = try run("exercises/05-half-open/solution/Breaker.swift")
    #expect(actor.status == 0, "\(actor.stderr)")
    #expect(try figures(actor) == figures(synchronous))
    let services = try #require(actor.json?["services"] as? [[String: Any]])
    #expect(services.contains { ($0["transitions"] as? Int ?? 0) >= 2 }, "the breaker never reopened: a longer run")
    #expect(actor.json?["protocolRequests"] as? Int == synchronous.json?["protocolRequests"] as? Int)
  }

  @Test("--exec drives any program that speaks the protocol, named `exec` in --compare")
  func execSubject() throws {
    let command = "python3 -B adapters/python/cblearn_adapter.py exercises/10-chaos/solution/breaker.py"
    let run = try CLI.run([
      "simulate", "--scenario", "chaos", "--duration", "90s", "--exec", command, "--compare", "reference,exec",
      "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let both = try #require(
      (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [[String: Any]], "\(run.stdout.prefix(300))")
    #expect(both.map { $0["breaker"] as? String } == ["reference", "exec"])
    #expect((both[0]["overall"] as? NSDictionary) == (both[1]["overall"] as? NSDictionary))
  }

  @Test(
    "a subject that answers batches wrongly stops the run with what it did, never a crash",
    arguments: [
      ("short", "a batch of 1 events with 0 results"), ("badchar", "unknown batch result 'z'"),
      ("finish-running", "went wrong: result 'running'"), ("flood", "a reply line longer than"),
    ])
  func batchLiars(mode: String, message: String) throws {
    let liar = CLI.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/batch_liar.py").path
    // Seed 42: the first batch holds one event (the messages quote its size).
    let run = try CLI.run(["simulate", "--scenario", "chaos", "--seed", "42", "--exec", "python3 \(liar) \(mode)"])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("error: the breaker under test failed during the simulation"), "\(run.stderr)")
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }

  /// The step-10 Python solution with `change` applied, in a fresh folder.
  private func variant(_ change: (String) -> String) throws -> (file: URL, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cblearn-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let solution = try String(
      contentsOf: CLI.root.appendingPathComponent("exercises/10-chaos/solution/breaker.py"), encoding: .utf8)
    let changed = change(solution)
    #expect(changed != solution, "the change did not apply")
    let file = folder.appendingPathComponent("breaker.py")
    try changed.write(to: file, atomically: true, encoding: .utf8)
    return (file, folder)
  }

  @Test("check 10: the solution passes the capstone; without its bulkhead the gateway pool runs out")
  func capstoneVerdicts() throws {
    let solution = try CLI.run(["check", "10", "exercises/10-chaos/solution/breaker.py"])
    #expect(solution.status == 0, "\(solution.stdout)\n\(solution.stderr)")
    let (file, folder) = try variant {
      $0.replacingOccurrences(
        of: "if self.max_concurrent_calls is not None and self._in_flight >= self.max_concurrent_calls:",
        with: "if False:")
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    let buggy = try CLI.run(["check", "10", file.path, "--plan", "exercises/10-chaos/solution/breakers.yaml"])
    #expect(buggy.status == 1, "\(buggy.stdout)\n\(buggy.stderr)")
    #expect(buggy.stdout.contains("✗ chaos.gateway-pool-never-exhausted"))
    #expect(buggy.stdout.contains("✓ chaos.pricing-fails-fast"))
  }

  @Test(
    "a breaker that holds its lock while the operation runs is stopped and named, not waited for",
    .timeLimit(.minutes(1)))
  func lockHeldDuringTheCall() throws {
    // Hold a re-entrant lock around the whole call, operation included.
    let (file, folder) = try variant {
      $0.replacingOccurrences(
        of: "    def call(self, func, *args, fallback=None, **kwargs):\n",
        with: """
              def call(self, func, *args, fallback=None, **kwargs):
                  with self._lock:
                      return self._call(func, *args, fallback=fallback, **kwargs)

              def _call(self, func, *args, fallback=None, **kwargs):

          """
      ).replacingOccurrences(of: "self._lock = threading.Lock()", with: "self._lock = threading.RLock()")
    }
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CLI.run(["simulate", "--scenario", "chaos", "--breaker", file.path])
    #expect(run.status != 0)
    #expect(run.stderr.contains("lock held while the operation runs"), "\(run.stderr)")
  }

  @Test(
    "the adapters' own batch tests pass (coroutines, boundaries, blocked calls, fallbacks)",
    arguments: ["adapters/python/test_batch.py", "adapters/swift/test_batch.py"])
  func adapterBatchTests(script: String) throws {
    var spawn = Spawn(["python3", script], group: .own)
    spawn.currentDirectory = CLI.root.path
    let run = try spawn.capture(timeout: 600)
    #expect(run.termination == .exited(0), "\(run.text.suffix(3000))")
  }
}
