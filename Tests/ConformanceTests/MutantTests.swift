import Testing

@testable import Conformance

/// Every check can fail: each in-process mutant is caught, and each check catches at least one mutant.
@Suite struct MutantTests {
  /// The profiles the mutants are run under: every exercise, and one with counted stale results.
  static let profiles: [(String, Profile, BreakerConfig)] =
    (3...9).map { ("step \($0)", Profile.exercise(step: $0), BreakerConfig.exercise(step: $0)) }

  /// The checks that fail on a subject with `bug`, under every profile.
  static func caught(_ bug: Bug?, seed: UInt64 = 1) throws -> Set<String> {
    var ids: Set<String> = []
    for (_, profile, config) in profiles {
      let checks = Catalogue.checks(upTo: 9, profile: profile, config: config)
      let plan = RunPlan(checks: checks, profile: profile, config: config, seed: seed, variants: 2)
      let report = try SuiteRunner(factory: MutantFactory(profile: profile, bug: bug), plan: plan).run()
      ids.formUnion(report.checks.filter { $0.status == .fail || $0.status == .error }.map(\.id))
    }
    return ids
  }

  /// Which check catches which mutant (at least; others may catch it too).
  static let named: [(Bug, String)] = [
    (.gtForGe, "basic.trip-at-threshold"), (.noResetOnSuccess, "basic.success-resets-count"),
    (.failuresExpire, "basic.spaced-failures-count"), (.waitFromFirstFailure, "basic.wait-from-last-failure"),
    (.exclusiveBoundary, "basic.admit-at-timeout"), (.trialFailureKeepsWait, "basic.failed-trial-restarts-wait"),
    (.countKeptOnClose, "basic.counters-reset-on-close"),
    (.ignoredCountedAsFailure, "basic.unexpected-errors-propagate"),
    (.tripErrorReplaced, "basic.tripping-error-propagates"), (.openStillInvokes, "basic.reject-without-invoking"),
    (.neverHalfOpens, "sm.open-to-half-open"), (.stateReadSaysClosed, "basic.state-after-timeout"),
    (.rejectionsRearmWait, "stuck.rejections-do-not-extend-wait"),
    (.ignoredTrialStuck, "stuck.ignored-trial-not-stuck"),
    (.ignoredTrialStuck, "half-open.ignored-trial-returns-permit"), (.fatalTrialStuck, "stuck.fatal-trial-not-stuck"),
    (.isOpenIgnoresTimeout, "stuck.is-open-honours-timeout"), (.isOpenRearmsWait, "stuck.is-open-no-side-effects"),
    (.unlimitedTrials, "half-open.limits-concurrent-trials"),
    (.closesOnFirstSuccess, "half-open.close-after-success-threshold"),
    (.permitsNotResetEachCycle, "half-open.fresh-permits-each-cycle"),
    (.successCountCarriedOver, "half-open.success-count-fresh-each-cycle"),
    (.statusQueryTakesPermit, "half-open.status-queries-free"), (.hungTrialRepermits, "half-open.hung-trial"),
    (.lateSuccessClosesOpen, "stale.late-success-does-not-close"),
    (.lateFailureRearmsWait, "stale.late-failure-does-not-rearm"),
    (.staleResultsCounted, "stale.result-from-before-trip"),
    (.staleResultAddsPermit, "stale.late-result-adds-no-permit"),
    (.rejectionsCountedAsFailures, "metrics.counters-match-outcomes"),
    (.beginBypassesBreaker, "fail-fast.every-entry-point-rejects"),
    (.lockHeldDuringCall, "fail-fast.rejection-does-not-wait"),
    (.fallbackInvokesOperation, "fallback.used-when-open"), (.fallbackReplacesSuccess, "fallback.success-untouched"),
    (.fallbackOnBusinessError, "fallback.business-errors-bypass"),
    (.fallbackFailureCountedTwice, "fallback.on-failure-per-profile"), (.noFallbackWhenOpen, "fallback.used-when-open"),
    (.duplicateEvents, "events.one-per-transition"), (.missingCloseEvent, "events.one-per-transition"),
    (.rejectionsNotInMetrics, "metrics.counters-match-outcomes"),
    (.listenerErrorBreaksBreaker, "events.raising-listener-harmless"),
    (.listenerUnderLock, "events.reentrant-listener-no-deadlock"), (.countWindowNeverSlides, "window.count-slides"),
    (.rateGtForGe, "window.rate-at-threshold"), (.noMinimumCalls, "window.minimum-calls"),
    (.ignoredInWindowAsSuccess, "window.uncounted-not-recorded"),
    (.windowNotEmptiedOnClose, "window.emptied-on-close"), (.timeWindowNeverEvicts, "window.time-evicts-old"),
    (.timeWindowInclusiveEdge, "window.time-boundary"), (.slowAtThreshold, "slow-call.strictly-longer"),
    (.slowFailureOnlyFailed, "slow-call.slow-failure-counts-both"),
    (.slowFailureOnlySlow, "slow-call.slow-failure-counts-both"), (.slowTrialCloses, "slow-call.slow-trial-reopens"),
    (.bulkheadIgnored, "bulkhead.rejects-extra-calls"), (.bulkheadLeaksOnError, "bulkhead.permits-returned"),
    (.bulkheadLeaksOnRejection, "bulkhead.permits-returned"),
  ]

  @Test func faithfulCopyPassesEverything() throws {
    #expect(try Self.caught(nil).isEmpty)
  }

  /// Bugs that explore mode catches (`ExplorerTests.checkBudgetCatchesRealisticBugs`), not a scripted check.
  static let exploreOnly: Set<Bug> = [.wholeSecondClock, .ignoredResetsTrialStreak, .previousPeriodTrialCounted]

  @Test func everyBugIsNamed() {
    let named = Set(Self.named.map(\.0))
    #expect(Set(Bug.allCases).subtracting(named).subtracting(Self.exploreOnly).isEmpty)
  }

  @Test(arguments: Self.named.indices)
  func namedCheckCatchesMutant(index: Int) throws {
    let (bug, id) = Self.named[index]
    let caught = try Self.caught(bug)
    #expect(caught.contains(id), "\(bug.rawValue) should fail \(id); failed: \(caught.sorted())")
  }

  @Test func everyCheckCatchesAMutant() throws {
    var union: Set<String> = []
    for bug in Bug.allCases { union.formUnion(try Self.caught(bug)) }
    let never = Catalogue.all.map(\.id).filter { !union.contains($0) }
    #expect(never.isEmpty, "checks no mutant fails: \(never)")
  }

  @Test func serializingBreakerIsNotFlaggedUnderItsProfile() throws {
    var p = Profile.exercise(step: 7)
    p.serializesCalls = true
    p.halfOpenAdmission = .unlimited
    let c = BreakerConfig.exercise(step: 7)
    let plan = RunPlan(checks: Catalogue.checks(upTo: 9, profile: p, config: c), profile: p, config: c, seed: 3)
    let report = try SuiteRunner(factory: MutantFactory(profile: p, bug: .lockHeldDuringCall), plan: plan).run()
    let flagged = report.checks.filter { $0.status != .pass && $0.status != .skip }.map { "\($0.id): \($0.message)" }
    #expect(flagged.isEmpty, "\(flagged)")
  }
}
