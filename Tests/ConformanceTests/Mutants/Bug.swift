/// The bugs the in-process mutants carry, one each, named after what they get wrong.
///
/// A file mutant (`mutants/python/<name>.py`, `mutants/swift/<name>.swift`) that carries one of these bugs has
/// its name and is listed in `IN_PROCESS` of `mutants/make_mutants.py`; `MutantNameTests` holds both sides to it.
enum Bug: String, CaseIterable, Sendable {
  // Step 3: the basic breaker.
  case gtForGe = "gt-for-ge"
  case noResetOnSuccess = "no-reset-on-success"
  case failuresExpire = "failures-expire"
  case waitFromFirstFailure = "wait-from-first-failure"
  case exclusiveBoundary = "exclusive-boundary"
  case trialFailureKeepsWait = "trial-failure-keeps-wait"
  case countKeptOnClose = "count-kept-on-close"
  case ignoredCountedAsFailure = "ignored-counted-as-failure"
  case tripErrorReplaced = "trip-error-replaced"
  case openStillInvokes = "open-still-invokes"
  case neverHalfOpens = "never-half-opens"
  case stateReadSaysClosed = "state-read-says-closed"
  // Step 4: stuck open.
  case rejectionsRearmWait = "rejections-rearm-wait"
  case ignoredTrialStuck = "ignored-trial-stuck"
  case fatalTrialStuck = "fatal-trial-stuck"
  case isOpenIgnoresTimeout = "is-open-ignores-timeout"
  case isOpenRearmsWait = "is-open-rearms-wait"
  // Step 5: half-open, stale results, concurrency.
  case unlimitedTrials = "unlimited-trials"
  case closesOnFirstSuccess = "closes-on-first-success"
  case permitsNotResetEachCycle = "permits-not-reset-each-cycle"
  case successCountCarriedOver = "success-count-carried-over"
  case statusQueryTakesPermit = "status-query-takes-permit"
  case hungTrialRepermits = "hung-trial-repermits"
  case lateSuccessClosesOpen = "late-success-closes-open"
  case lateFailureRearmsWait = "late-failure-rearms-wait"
  case staleResultsCounted = "stale-results-counted"
  case staleResultAddsPermit = "stale-result-adds-permit"
  case rejectionsCountedAsFailures = "rejections-counted-as-failures"
  case beginBypassesBreaker = "begin-bypasses-breaker"
  case lockHeldDuringCall = "lock-held-during-call"
  // Step 6: fallbacks.
  case fallbackInvokesOperation = "fallback-invokes-operation"
  case fallbackReplacesSuccess = "fallback-replaces-success"
  case fallbackOnBusinessError = "fallback-on-business-error"
  case fallbackFailureCountedTwice = "fallback-failure-counted-twice"
  case noFallbackWhenOpen = "no-fallback-when-open"
  // Step 7: events and metrics.
  case duplicateEvents = "duplicate-events"
  case missingCloseEvent = "missing-close-event"
  case rejectionsNotInMetrics = "rejections-not-in-metrics"
  case listenerErrorBreaksBreaker = "listener-error-breaks-breaker"
  case listenerUnderLock = "listener-under-lock"
  // Step 8: windows.
  case countWindowNeverSlides = "count-window-never-slides"
  case rateGtForGe = "rate-gt-for-ge"
  case noMinimumCalls = "no-minimum-calls"
  case ignoredInWindowAsSuccess = "ignored-in-window-as-success"
  case windowNotEmptiedOnClose = "window-not-emptied-on-close"
  case timeWindowNeverEvicts = "time-window-never-evicts"
  case timeWindowInclusiveEdge = "time-window-inclusive-edge"
  // Step 9: slow calls and bulkhead.
  case slowAtThreshold = "slow-at-threshold"
  case slowFailureOnlyFailed = "slow-failure-only-failed"
  case slowFailureOnlySlow = "slow-failure-only-slow"
  case slowTrialCloses = "slow-trial-closes"
  case bulkheadIgnored = "bulkhead-ignored"
  case bulkheadLeaksOnError = "bulkhead-leaks-on-error"
  case bulkheadLeaksOnRejection = "bulkhead-leaks-on-rejection"
  // Found by explore mode's generators (fractional times, further half-open periods, uncounted trials).
  case wholeSecondClock = "whole-second-clock"
  case ignoredResetsTrialStreak = "ignored-resets-trial-streak"
  case previousPeriodTrialCounted = "previous-period-trial-counted"
}
