import Conformance
import Curriculum
import Foundation
import Subjects

extension StepChecker {
  /// How many seeds `cblearn check`, `submit` and `grade` run by default: a bug that only one configuration
  /// variant reveals is then caught for everyone, and passing locally still means passing in grading.
  public static let defaultSeedCount = 3

  /// The seeds of a run: `base`, `base + 1`, … (`count` of them).
  public static func seeds(from base: UInt64, count: Int) -> [UInt64] {
    (0..<UInt64(max(1, count))).map { base &+ $0 }
  }

  /// Checks `source` under each seed and keeps each check's worst result (fail over error over skip over
  /// pass; the first seed wins ties), its message prefixed with the seed when it was not the first's; a
  /// check that failed under one seed is not run under the later ones, nor are the `race.*` checks. When
  /// `stop` returns true before a seed starts (a deadline passed), the seeds run so far decide.
  public func check(
    step: PathStep, source: SubjectSource, seeds: [UInt64], compiling: (() -> Void)? = nil,
    progress: ((Int, Int, CheckResult) -> Void)? = nil, stop: (() -> Bool)? = nil
  ) throws -> StepResult {
    precondition(!seeds.isEmpty, "at least one seed")
    var merged = try share(of: seeds.count, index: 0).check(
      step: step, source: source, seed: seeds[0], compiling: compiling, progress: progress)
    var tally = Dictionary(uniqueKeysWithValues: merged.report.checks.map { ($0.id, ConfigurationTally($0, variants)) })
    for (seed, next) in try laterSeeds(
      step: step, source: source, seeds: seeds, after: merged, compiling: compiling, progress: progress, stop: stop)
    {
      merged.report.durationMs += next.report.durationMs
      for (index, check) in merged.report.checks.enumerated() {
        guard let other = next.report.checks.first(where: { $0.id == check.id }) else { continue }
        tally[check.id]?.add(other, variants)
        guard Self.severity(other.status) > Self.severity(check.status) else { continue }
        var worse = other
        worse.message = "[seed \(seed)] " + other.message
        merged.report.checks[index] = worse
      }
    }
    // A failure says under how many of the configurations it ran (the seeds that ran it) it failed.
    for (index, check) in merged.report.checks.enumerated() where check.status == .fail {
      guard let counts = tally[check.id], counts.total > 0 else { continue }
      merged.report.checks[index].configurations = counts.total
      merged.report.checks[index].failingConfigurations = counts.failing
    }
    // A passing exploration states the whole budget, not the first seed's share of it.
    if let index = merged.report.checks.firstIndex(where: { $0.id == ExploreCheck.id && $0.status == .pass }) {
      merged.report.checks[index].message = exploration.check(step: merged.report.checks[index].step).expectation
    }
    var score = 0
    for check in merged.report.checks where check.status == .pass { score += merged.points[check.id] ?? 0 }
    merged.score = score
    return merged
  }

  /// The results of the seeds after the first, in seed order; `seedJobs` of them run at once.
  ///
  /// A check that already failed cannot get worse, so only the others run again (a breaker that blocks
  /// would otherwise pay every check's reply deadline once per seed). The `race.*` checks run under the first
  /// seed only: their catch rate is measured for one run (docs/races.md), and a seed changes the
  /// configuration, not the interleavings real threads produce.
  private func laterSeeds(
    step: PathStep, source: SubjectSource, seeds: [UInt64], after first: StepResult, compiling: (() -> Void)?,
    progress: ((Int, Int, CheckResult) -> Void)?, stop: (() -> Bool)?
  ) throws -> [(UInt64, StepResult)] {
    var settled = Set(first.report.checks.filter { $0.status == .fail || $0.category == "race" }.map(\.id))
    let later = Array(seeds.enumerated().dropFirst())
    guard seedJobs > 1, later.count > 1 else {
      var results: [(UInt64, StepResult)] = []
      for (index, seed) in later {
        if stop?() == true { break }
        let next = try share(of: seeds.count, index: index).check(
          step: step, source: source, seed: seed, compiling: compiling, progress: progress, skipping: settled)
        settled.formUnion(next.report.checks.filter { $0.status == .fail }.map(\.id))
        results.append((seed, next))
      }
      return results
    }
    if stop?() == true { return [] }
    // Each seed runs its own subject; the callbacks are the caller's, so they are called one at a time.
    let lock = NSLock()
    nonisolated(unsafe) let report = progress
    nonisolated(unsafe) let compile = compiling
    nonisolated(unsafe) var outcomes = [Result<StepResult, any Error>?](repeating: nil, count: later.count)
    let skipping = settled
    let checker = self
    DispatchQueue.concurrentPerform(iterations: later.count) { slot in
      let (index, seed) = later[slot]
      let outcome = Result {
        try checker.share(of: seeds.count, index: index).check(
          step: step, source: source, seed: seed, compiling: compile.map { call in { lock.withLock { call() } } },
          progress: report.map { call in { done, total, check in lock.withLock { call(done, total, check) } } },
          skipping: skipping)
      }
      lock.withLock { outcomes[slot] = outcome }
    }
    return try zip(later, outcomes).map { pair in (pair.0.element, try pair.1!.get()) }
  }

  /// This checker with the exploration's share for seed `index` of `count`: the budget (`--explore-runs`,
  /// the rubric's `explore_runs`) counts the sequences of the whole check, split across its seeds, so three
  /// seeds cost the exploration of one. A share never drops below one sequence while the check is on.
  public func share(of count: Int, index: Int) -> StepChecker {
    guard count > 1, exploration.runs > 0 else { return self }
    var copy = self
    let base = exploration.runs / count
    copy.exploration.runs = max(1, base + (index < exploration.runs % count ? 1 : 0))
    return copy
  }

  /// How bad a check's status is: a definite failure is the worst, it names a bug.
  static func severity(_ status: CheckStatus) -> Int {
    switch status {
    case .pass: 0
    case .skip: 1
    case .error: 2
    case .fail: 3
    }
  }
}

/// The configurations a check ran under across seeds, and how many of them failed.
struct ConfigurationTally {
  var total = 0
  var failing = 0

  init(_ result: CheckResult, _ variants: Int) { add(result, variants) }

  /// Counts one seed's result: a failure carries its counts, a pass ran every variant, others count none.
  mutating func add(_ result: CheckResult, _ variants: Int) {
    switch result.status {
    case .fail:
      total += result.configurations ?? 1
      failing += result.failingConfigurations ?? 1
    case .pass: total += variants + 1
    case .error, .skip: break
    }
  }
}
