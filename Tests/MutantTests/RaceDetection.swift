import Checking
import Conformance
import Curriculum
import Foundation
import Subjects
import Testing

/// How often the race checks catch a check-then-act breaker, and that they never fail a correct one.
///
/// Off by default (it runs real threads for minutes): `bash scripts/race-detection.sh [RUNS]` sets
/// `CBLEARN_RACE_RUNS` and prints one line per breaker; docs/races.md records the figures.
@Suite("Race detection rates")
struct RaceDetection {
  /// A breaker, its step, the race check to run, and whether it has the race bug.
  struct Target: Sendable {
    var file: String
    var step: Int
    var check: String
    var buggy: Bool
  }

  static let targets: [Target] = [
    .init(
      file: "mutants/python/trial-permit-check-then-act.py", step: 5, check: "race.half-open-admission", buggy: true),
    .init(
      file: "mutants/swift/trial-permit-check-then-act.swift", step: 5, check: "race.half-open-admission", buggy: true),
    .init(file: "mutants/python/bulkhead-check-then-act.py", step: 9, check: "race.bulkhead-limit", buggy: true),
    .init(file: "mutants/swift/bulkhead-check-then-act.swift", step: 9, check: "race.bulkhead-limit", buggy: true),
    .init(file: "mutants/python/trip-check-then-act.py", step: 7, check: "race.one-trip", buggy: true),
    .init(file: "exercises/05-half-open/solution/breaker.py", step: 5, check: "race.half-open-admission", buggy: false),
    .init(
      file: "exercises/05-half-open/solution/Breaker.swift", step: 5, check: "race.half-open-admission", buggy: false),
    .init(
      file: "exercises/09-slow-calls-bulkhead/solution/breaker.py", step: 9, check: "race.bulkhead-limit", buggy: false),
    .init(
      file: "exercises/09-slow-calls-bulkhead/solution/Breaker.swift", step: 9, check: "race.bulkhead-limit",
      buggy: false),
    .init(file: "exercises/07-observability/solution/breaker.py", step: 7, check: "race.one-trip", buggy: false),
    .init(file: "exercises/07-observability/solution/Breaker.swift", step: 7, check: "race.one-trip", buggy: false),
  ]

  @Test(
    "race checks: detection rate of check-then-act breakers, no failure of correct ones",
    .enabled(if: ProcessInfo.processInfo.environment["CBLEARN_RACE_RUNS"] != nil))
  func rates() throws {
    let runs = max(1, Int(ProcessInfo.processInfo.environment["CBLEARN_RACE_RUNS"] ?? "100") ?? 100)
    let checker = MutantSupport.checker(replyTimeout: 2)
    for target in Self.targets {
      let file = MutantSupport.root.appendingPathComponent(target.file)
      let exercise = try MutantSupport.exercise(target.step)
      let source = try SubjectSource.detect(path: file.path, exec: nil)
      let factory = try checker.launcher.factory(for: source, compiling: nil)
      var failed = 0
      for seed in 1...runs {
        var (plan, _) = try checker.plan(for: exercise, seed: UInt64(seed))
        plan.checks = plan.checks.filter { $0.id == target.check }
        let report = try SuiteRunner(factory: factory, plan: plan).run()
        if report.checks.contains(where: { $0.status != .pass }) { failed += 1 }
      }
      let rate = Double(failed) * 100 / Double(runs)
      print(
        "RACE \(target.check) \(target.file): failed \(failed) of \(runs) runs (\(String(format: "%.1f", rate)) %)")
      if target.buggy {
        #expect(rate >= 99, "\(target.file) escapes \(target.check) in \(runs - failed) of \(runs) runs")
      } else {
        #expect(failed == 0, "\(target.file), a correct breaker, failed \(target.check) in \(failed) runs")
      }
    }
  }
}
