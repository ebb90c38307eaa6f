import Checking
import Conformance
import Curriculum
import Foundation
import Testing

/// Both directions of the suite's proof: correct breakers pass, broken ones fail, and every check can fail.
@Suite("Reference solutions, starters and mutants")
struct MutantTests {
  static let solutions = MutantSupport.subjects.filter { $0.role == .solution }
  static let starters = MutantSupport.subjects.filter { $0.role == .starter }

  @Test("every reference solution passes every check of its step", arguments: solutions)
  func solutionPasses(_ subject: Subject) throws {
    let outcome = try #require(MutantSupport.outcomes[subject])
    guard let result = outcome.result else {
      Issue.record("\(subject) could not run: \(outcome)")
      return
    }
    #expect(result.passed, "\(subject):\n\(MutantSupport.failures(result))")
    #expect(
      result.report.checks.allSatisfy { $0.status == .pass }, "\(subject):\n\(MutantSupport.failures(result))")
    #expect(!result.report.checks.isEmpty)
  }

  @Test("every starter fails its step", arguments: starters)
  func starterFails(_ subject: Subject) throws {
    let outcome = try #require(MutantSupport.outcomes[subject])
    guard let result = outcome.result else {
      Issue.record("\(subject) could not run (a starter must compile and start): \(outcome)")
      return
    }
    #expect(!result.passed, "\(subject) passed its step")
  }

  @Test("every mutant fails its step, on the checks named in mutants.yaml", arguments: MutantSupport.mutants)
  func mutantIsCaught(_ mutant: Mutant) throws {
    #expect(!mutant.tracks.isEmpty, "\(mutant.name) names no track")
    #expect(!mutant.caughtBy.isEmpty, "\(mutant.name) names no check that catches it")
    let known = Set(Catalogue.all.map(\.id))
    for id in mutant.caughtBy { #expect(known.contains(id), "\(mutant.name) names \(id), which is not a check") }
    for track in mutant.tracks {
      let subject = Subject(role: .mutant, step: mutant.step, file: mutant.file(track))
      #expect(FileManager.default.fileExists(atPath: subject.file.path), "\(subject.file.path) is missing")
      let outcome = try #require(MutantSupport.outcomes[subject])
      guard let result = outcome.result else {
        Issue.record("\(subject) could not run (a mutant must run and fail checks): \(outcome)")
        continue
      }
      #expect(!result.passed, "\(subject) passed its step: the bug '\(mutant.bug)' goes unnoticed")
      for id in mutant.caughtBy {
        let status = result.report.checks.first { $0.id == id }?.status
        #expect(
          status == .fail,
          """
          \(subject): \(id) should catch it but is \(status?.rawValue ?? "not run"); not passing:
          \(MutantSupport.failures(result, traces: false))
          """)
      }
    }
  }

  @Test("every check of steps 2 to 9 fails on at least one mutant")
  func everyCheckCanFail() {
    var caught: Set<String> = []
    for (subject, outcome) in MutantSupport.outcomes where subject.role == .mutant {
      for check in outcome.result?.report.checks ?? [] where check.status == .fail { caught.insert(check.id) }
    }
    let uncaught = Catalogue.all.filter { (2...9).contains($0.step) && !caught.contains($0.id) }.map(\.id)
    #expect(
      uncaught.isEmpty,
      "checks that no mutant fails (a check that cannot fail is a defect): \(uncaught.joined(separator: ", "))")
  }

  /// `CBLEARN_MUTANT_REPORT=1 swift test --filter MutantTests` prints the checks each subject did not pass.
  @Test("report", .enabled(if: ProcessInfo.processInfo.environment["CBLEARN_MUTANT_REPORT"] != nil))
  func report() {
    for (subject, outcome) in MutantSupport.outcomes.sorted(by: { $0.key.description < $1.key.description }) {
      let failing = outcome.result?.report.checks.filter { $0.status != .pass }.map(\.id) ?? ["(could not run)"]
      print("REPORT \(subject): \(failing.joined(separator: " "))")
    }
  }

  /// A tool for working on mutants and checks, off by default:
  /// `CBLEARN_PROBE=STEP:FILE[,STEP:FILE…] swift test --filter probe` runs each file through its step and
  /// prints the checks that did not pass; `CBLEARN_PROBE_SEEDS=N` repeats it with seeds 1…N,
  /// `CBLEARN_PROBE_TRACES=1` adds each failing check's trace, `CBLEARN_PROBE_TIMES=1` the slowest checks.
  @Test("probe files", .enabled(if: ProcessInfo.processInfo.environment["CBLEARN_PROBE"] != nil))
  func probe() throws {
    let environment = ProcessInfo.processInfo.environment
    let seeds = max(1, UInt64(environment["CBLEARN_PROBE_SEEDS"] ?? "1") ?? 1)
    for spec in (environment["CBLEARN_PROBE"] ?? "").split(separator: ",") {
      let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
      let step = try #require(Int(parts.first ?? ""), "expected STEP:FILE, got \(spec)")
      let file = URL(fileURLWithPath: parts.count > 1 ? parts[1] : "", relativeTo: MutantSupport.root)
        .standardizedFileURL
      for seed in 1...seeds { probe(Subject(role: .mutant, step: step, file: file), seed: seed, environment) }
    }
  }

  private func probe(_ subject: Subject, seed: UInt64, _ environment: [String: String]) {
    let started = Date()
    let outcome = MutantSupport.run(subject, seed: seed)
    let elapsed = String(format: "%.1f", Date().timeIntervalSince(started))
    guard let result = outcome.result else {
      print("PROBE seed \(seed) \(subject) could not run: \(outcome)")
      return
    }
    let failing = result.report.checks.filter { $0.status != .pass }.map(\.id)
    print(
      "PROBE seed \(seed) \(subject): passed=\(result.passed) checks=\(result.report.checks.count) in \(elapsed) s; "
        + "not passing: \(failing.joined(separator: " "))")
    if environment["CBLEARN_PROBE_TRACES"] != nil { print(MutantSupport.failures(result)) }
    if environment["CBLEARN_PROBE_TIMES"] != nil {
      for check in result.report.checks.sorted(by: { $0.durationMs > $1.durationMs }).prefix(8) {
        print("  \(check.id) \(Int(check.durationMs)) ms")
      }
    }
  }
}
