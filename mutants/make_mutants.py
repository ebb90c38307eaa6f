#!/usr/bin/env python3
"""Writes the mutants: copies of the reference solutions, each with exactly one deliberate bug.

Every mutant is a small edit of the reference solution of its step (exercises/NN-slug/solution/), in Python
and in Swift, named after its bug and modelled on a bug that a real breaker library shipped. The edits are
kept here, so that a changed reference solution regenerates its mutants:

    python3 mutants/make_mutants.py            (`--check` compares instead of writing; the tests run it)

writes mutants/python/<name>.py, mutants/swift/<name>.swift and mutants/mutants.yaml (the manifest that
Tests/MutantTests reads: for each mutant its step, tracks, the bug, the checks that must catch it, and whether
an in-process mutant of Tests/ConformanceTests carries the same bug under the same name: see IN_PROCESS).
An edit that no longer matches its solution exactly once is an error, so a mutant never silently loses
its bug.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDERS = {
    3: "03-basic-breaker",
    4: "04-stuck-open",
    5: "05-half-open",
    6: "06-fallbacks",
    7: "07-observability",
    8: "08-sliding-windows",
    9: "09-slow-calls-bulkhead",
}


def M(name, step, bug, caught_by, py, swift):
    """A mutant: `py` and `swift` are lists of (old, new) edits of the step's reference solutions (an empty
    list when the bug cannot be written in that language, such as a Swift callback that throws)."""
    return dict(name=name, step=step, bug=bug, caught_by=caught_by, py=py, swift=swift)


# The mutants that carry the same bug as an in-process mutant (a case of `enum Bug` in
# Tests/ConformanceTests/Mutants/Bug.swift) and therefore have its name. The manifest marks them
# `in_process: true`; Tests/ConformanceTests/MutantNameTests fails when one of these names is not a Bug case,
# when another mutant is named like a Bug case (one name, two bugs), or when the in-process mutant's catching
# check does not catch its file twin too (one bug, two names).
IN_PROCESS = {
    "gt-for-ge", "no-reset-on-success", "wait-from-first-failure", "exclusive-boundary", "ignored-counted-as-failure",
    "trip-error-replaced", "trial-failure-keeps-wait", "open-still-invokes", "failures-expire",
    "rejections-rearm-wait", "is-open-ignores-timeout", "state-read-says-closed", "unlimited-trials",
    "lock-held-during-call", "late-success-closes-open", "late-failure-rearms-wait", "closes-on-first-success",
    "success-count-carried-over", "permits-not-reset-each-cycle", "stale-results-counted", "stale-result-adds-permit",
    "status-query-takes-permit", "ignored-trial-stuck", "fatal-trial-stuck", "count-kept-on-close",
    "fallback-invokes-operation", "fallback-on-business-error", "fallback-replaces-success", "listener-under-lock",
    "duplicate-events", "rejections-counted-as-failures", "window-not-emptied-on-close", "count-window-never-slides",
    "rate-gt-for-ge", "no-minimum-calls", "ignored-in-window-as-success", "time-window-never-evicts",
    "time-window-inclusive-edge", "slow-at-threshold", "slow-failure-only-failed", "slow-trial-closes",
    "bulkhead-leaks-on-error", "previous-period-trial-counted", "ignored-resets-trial-streak",
}


MUTANTS = [
    # ----------------------------------------------------------------------------------- step 3
    M("gt-for-ge", 3,
      "Trips when the failure count is greater than the threshold instead of at least the threshold, one failure late.",
      ["basic.trip-at-threshold", "basic.threshold-one", "sm.closed-to-open"],
      [("self._failure_count >= self.failure_threshold", "self._failure_count > self.failure_threshold")],
      [("failureCount >= configuration.failureThreshold", "failureCount > configuration.failureThreshold")]),
    M("no-reset-on-success", 3,
      "A success closes the breaker but never resets the failure count, so scattered failures add up (Polly#131).",
      ["basic.success-resets-count", "basic.counters-reset-on-close"],
      [("""        with self._lock:
            self._failure_count = 0
            self._state = CircuitState.CLOSED""", """        with self._lock:
            self._state = CircuitState.CLOSED""")],
      [("""      lock.withLock {
        failureCount = 0
        current = .closed
      }""", """      lock.withLock {
        current = .closed
      }""")]),
    M("wait-from-first-failure", 3,
      "Stamps the failure time only on the first failure of a run, so the wait is timed from the first failure, not the last.",
      ["basic.wait-from-last-failure"],
      [("            self._last_failure_time = time.monotonic()\n",
        "            if self._failure_count == 1:\n                self._last_failure_time = time.monotonic()\n")],
      [("        lastFailure = clock.now\n", "        if failureCount == 1 { lastFailure = clock.now }\n")]),
    M("exclusive-boundary", 3,
      "Admits the trial only strictly after recovery_timeout (`>` for `>=`), not at exactly the timeout.",
      ["basic.admit-at-timeout"],
      [("self._last_failure_time >= self.recovery_timeout", "self._last_failure_time > self.recovery_timeout")],
      [("duration(to: clock.now) >= configuration.recoveryTimeout", "duration(to: clock.now) > configuration.recoveryTimeout")]),
    M("ignored-counted-as-failure", 3,
      "Counts every error as a failure, business errors outside expected_exception included.",
      ["basic.unexpected-errors-propagate"],
      [("        except self.expected_exception:\n", "        except Exception:\n")],
      [("    } catch where configuration.isFailure(error) {\n", "    } catch {\n")]),
    M("trip-error-replaced", 3,
      "The call that trips the breaker raises CircuitOpenError instead of its own error (pybreaker's default).",
      ["basic.tripping-error-propagates"],
      [("""        except self.expected_exception:
            self._on_failure()
            raise""", """        except self.expected_exception as exc:
            self._on_failure()
            if self._state == CircuitState.OPEN:
                raise CircuitOpenError("circuit breaker tripped") from exc
            raise""")],
      [("""        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      }
      throw error""", """        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      }
      if state == .open { throw CircuitOpenError() }
      throw error""")]),
    M("trial-failure-keeps-wait", 3,
      "A failed trial reopens the breaker without stamping a new failure time, so the next call is admitted at once (opossum#119).",
      ["basic.failed-trial-restarts-wait"],
      [("            self._last_failure_time = time.monotonic()\n",
        "            if self._state != CircuitState.HALF_OPEN:\n                self._last_failure_time = time.monotonic()\n")],
      [("        lastFailure = clock.now\n", "        if current != .halfOpen { lastFailure = clock.now }\n")]),
    M("open-still-invokes", 3,
      "While OPEN and inside the wait, the call runs the operation anyway, and a success closes the breaker (fabfuel/circuitbreaker 2.1.3).",
      ["basic.reject-without-invoking", "sm.open-rejects"],
      [("""                if time.monotonic() - self._last_failure_time >= self.recovery_timeout:
                    self._state = CircuitState.HALF_OPEN
                else:
                    raise CircuitOpenError("circuit breaker is OPEN")""", """                if time.monotonic() - self._last_failure_time >= self.recovery_timeout:
                    self._state = CircuitState.HALF_OPEN""")],
      [("""        throw CircuitOpenError()
      }
      current = .halfOpen""", """        return
      }
      current = .halfOpen""")]),
    M("failures-expire", 3,
      "Forgets the failure count when the last failure is older than recovery_timeout, so spaced failures never trip.",
      ["basic.spaced-failures-count"],
      [("""        with self._lock:
            self._failure_count += 1""", """        with self._lock:
            if self._last_failure_time is not None and time.monotonic() - self._last_failure_time >= self.recovery_timeout:
                self._failure_count = 0
            self._failure_count += 1""")],
      [("""      lock.withLock {
        failureCount += 1""", """      lock.withLock {
        if let lastFailure, lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout { failureCount = 0 }
        failureCount += 1""")]),
    # ----------------------------------------------------------------------------------- step 4
    M("rejections-rearm-wait", 4,
      "Every rejected call stamps a new failure time, so steady traffic keeps the breaker OPEN forever.",
      ["stuck.rejections-do-not-extend-wait"],
      [("""                if not self._waited_long_enough():
                    raise""", """                if not self._waited_long_enough():
                    self._last_failure_time = time.monotonic()
                    raise""")],
      [("      guard waitedLongEnough else { throw CircuitOpenError() }",
        "      guard waitedLongEnough else {\n        lastFailure = clock.now\n        throw CircuitOpenError()\n      }")]),
    M("is-open-ignores-timeout", 4,
      "is_open() answers from the state alone, so callers that check it first never send the trial.",
      ["stuck.is-open-honours-timeout"],
      [("return self._state == CircuitState.OPEN and not self._waited_long_enough()",
        "return self._state == CircuitState.OPEN")],
      [("var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough } }",
        "var isOpen: Bool { lock.withLock { current == .open } }")]),
    M("half-open-counts-every-error", 4,
      "In HALF_OPEN any error reopens the breaker, business errors included (smallrye-fault-tolerance#320).",
      ["stuck.ignored-trial-not-stuck"],
      [("""        except self.expected_exception:
            self._on_failure()
            raise""", """        except self.expected_exception:
            self._on_failure()
            raise
        except Exception:
            if self._state == CircuitState.HALF_OPEN:
                self._on_failure()
            raise""")],
      [("""        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      }
      throw error
    }""", """        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }
      }
      throw error
    } catch {
      lock.withLock {
        if current == .halfOpen {
          lastFailure = clock.now
          current = .open
        }
      }
      throw error
    }""")]),
    M("state-read-says-closed", 4,
      "Reading the state after the timeout reports CLOSED although no trial has succeeded.",
      ["basic.state-after-timeout"],
      [("""    def state(self):
        return self._state""", """    def state(self):
        if self._state == CircuitState.OPEN and self._waited_long_enough():
            return CircuitState.CLOSED
        return self._state""")],
      [("var state: BreakerState { lock.withLock { current } }",
        "var state: BreakerState { lock.withLock { current == .open && waitedLongEnough ? .closed : current } }")]),
    # ----------------------------------------------------------------------------------- step 5
    M("unlimited-trials", 5,
      "HALF_OPEN admits every caller as a trial: a stampede hits the recovering service (Polly#216).",
      ["half-open.limits-concurrent-trials", "half-open.hung-trial"],
      [("""            if trial:
                if self._trials_in_flight >= self.half_open_max_calls:
                    raise CircuitOpenError("enough trial calls are in flight")
                self._trials_in_flight += 1""", """            if trial:
                self._trials_in_flight += 1""")],
      [("""    if trial {
      guard trialsInFlight < configuration.halfOpenMaxCalls else {
        throw CircuitOpenError(reason: .trialsInFlight)
      }
      trialsInFlight += 1""", """    if trial {
      trialsInFlight += 1""")]),
    M("lock-held-during-call", 5,
      "Holds the breaker's (re-entrant) lock while the operation runs, so calls run one at a time and rejections wait (pybreaker#3).",
      ["concurrency.calls-not-serialized", "fail-fast.rejection-does-not-wait"],
      [("self._lock = threading.Lock()", "self._lock = threading.RLock()"),
       ("""        ticket = self._admit()
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._record(ticket, "failure")
            raise
        except BaseException:
            self._record(ticket, "ignored")  # frees the slots, counts nothing
            raise
        self._record(ticket, "success")
        return result""", """        with self._lock:
            ticket = self._admit()
            try:
                result = func(*args, **kwargs)
            except self.expected_exception:
                self._record(ticket, "failure")
                raise
            except BaseException:
                self._record(ticket, "ignored")  # frees the slots, counts nothing
                raise
            self._record(ticket, "success")
            return result""")],
      [("private let lock = NSLock()", "private let lock = NSRecursiveLock()"),
       ("""    let ticket = try lock.withLock { try admit() }
    return try run(operation, ticket)""", """    try lock.withLock {
      let ticket = try admit()
      return try run(operation, ticket)
    }""")]),
    M("late-success-closes-open", 6,
      "Any success closes the breaker, whatever state it is in and whenever the call started (the tutorial's _on_success).",
      ["stale.late-success-does-not-close", "fail-fast.rejection-does-not-wait"],
      [("""            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:""", """            if outcome == "success":
                self._move_to(CircuitState.CLOSED, time.monotonic_ns())
            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:""")],
      [("""    lock.withLock {
      guard ticket.generation == generation else { return }  // stale: the state has moved on""", """    lock.withLock {
      if outcome == .success { move(to: .closed, at: clock.now) }
      guard ticket.generation == generation else { return }  // stale: the state has moved on""")]),
    M("late-failure-rearms-wait", 6,
      "Every failure, stale or not, restarts the wait, so late failures keep the breaker OPEN (SynkraAI/aiox-core#469).",
      ["stale.late-failure-does-not-rearm", "concurrency.one-trip-under-overlap"],
      [("""            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:""", """            if outcome == "failure" and self._state is CircuitState.OPEN:
                self._opened_at = time.monotonic_ns()
            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:""")],
      [("""    lock.withLock {
      guard ticket.generation == generation else { return }  // stale: the state has moved on""", """    lock.withLock {
      if outcome == .failure, current == .open { openedAt = clock.now }
      guard ticket.generation == generation else { return }  // stale: the state has moved on""")]),
    M("closes-on-first-success", 5,
      "Closes on the first trial success, ignoring success_threshold.",
      ["half-open.close-after-success-threshold"],
      [("if self._trial_successes >= self.success_threshold:", "if self._trial_successes >= 1:")],
      [("if trialSuccesses >= configuration.successThreshold {", "if trialSuccesses >= 1 {")]),
    M("success-count-carried-over", 5,
      "The trial-success count is not reset on entering HALF_OPEN, so a failed cycle's successes count in the next.",
      ["half-open.success-count-fresh-each-cycle"],
      [("""            self._trials_in_flight = 0
            self._trial_successes = 0""", """            self._trials_in_flight = 0""")],
      [("""      trialsInFlight = 0
      trialSuccesses = 0""", """      trialsInFlight = 0""")]),
    M("permits-not-reset-each-cycle", 5,
      "Trial slots are not freed on entering HALF_OPEN, so slots held by trials of a failed cycle are lost (Failsafe#135).",
      ["half-open.fresh-permits-each-cycle"],
      [("""            self._trials_in_flight = 0
            self._trial_successes = 0""", """            self._trial_successes = 0""")],
      [("""      trialsInFlight = 0
      trialSuccesses = 0""", """      trialSuccesses = 0""")]),
    M("stale-results-counted", 6,
      "No generations: results of calls admitted before a state change count in the new state (a late failure reopens HALF_OPEN).",
      ["stale.late-failure-in-half-open", "stale.result-from-before-trip"],
      [("""        self._state = state
        self._generation += 1""", """        self._state = state""")],
      [("""    current = next
    generation += 1""", """    current = next""")]),
    M("stale-result-adds-permit", 6,
      "Any call ending in HALF_OPEN frees a trial slot, even one admitted before the trip, letting an extra trial in (Failsafe#391).",
      ["stale.late-result-adds-no-permit"],
      [("""        with self._lock:
            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:
                if ticket.trial:
                    self._trials_in_flight -= 1""", """        with self._lock:
            if self._state is CircuitState.HALF_OPEN and self._trials_in_flight > 0:
                self._trials_in_flight -= 1
            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:""")],
      [("""      guard ticket.generation == generation else { return }  // stale: the state has moved on
      if ticket.trial { trialsInFlight -= 1 }""", """      if current == .halfOpen, trialsInFlight > 0 { trialsInFlight -= 1 }
      guard ticket.generation == generation else { return }  // stale: the state has moved on""")]),
    M("status-query-takes-permit", 5,
      "is_open() asks 'may I call?' the way a call would, so after the timeout each question uses up a trial slot (resilience4j#858).",
      ["half-open.status-queries-free", "stuck.is-open-no-side-effects"],
      [("""        with self._lock:
            return self._state is CircuitState.OPEN and not self._waited_long_enough(time.monotonic_ns())""", """        try:
            self._admit()
        except CircuitOpenError:
            return True
        return False""")],
      [("var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough(clock.now) } }",
        "var isOpen: Bool { lock.withLock { (try? admit()) == nil } }")]),
    M("ignored-trial-stuck", 5,
      "A trial that ends in an error outside expected_exception never gives its slot back, so HALF_OPEN stays full forever (resilience4j#544).",
      ["half-open.ignored-trial-returns-permit"],
      [("""        except BaseException:
            self._record(ticket, "ignored")  # frees the slots, counts nothing
            raise
""", "")],
      [("      record(ticket, configuration.isFailure(error) ? .failure : .uncounted)",
        "      if configuration.isFailure(error) { record(ticket, .failure) }")]),
    M("fatal-trial-stuck", 5,
      "A trial cancelled by a BaseException (KeyboardInterrupt, asyncio.CancelledError) slips past `except Exception:` and keeps its slot (resilience4j decorators and java.lang.Error).",
      ["stuck.fatal-trial-not-stuck"],
      [("""        except BaseException:
            self._record(ticket, "ignored")  # frees the slots, counts nothing""", """        except Exception:
            self._record(ticket, "ignored")  # frees the slots, counts nothing""")],
      []),
    M("reopen-keeps-old-wait", 5,
      "The open time is stamped only on the first trip, so a failed trial reopens without restarting the wait.",
      ["half-open.failure-reopens", "basic.failed-trial-restarts-wait"],
      [("""        if state is CircuitState.OPEN:
            self._opened_at = now""", """        if state is CircuitState.OPEN and self._opened_at is None:
            self._opened_at = now""")],
      [("    case .open: openedAt = now", "    case .open: if openedAt == nil { openedAt = now }")]),
    M("count-kept-on-close", 6,
      "The consecutive-failure count is not reset by state changes, so after recovery the first failure reopens the breaker.",
      ["basic.counters-reset-on-close", "fail-fast.rejections-not-failures"],
      [("""        self._generation += 1
        self._failures = 0""", """        self._generation += 1""")],
      [("""    generation += 1
    failures = 0""", """    generation += 1""")]),
    M("wall-clock", 5,
      "Reads the system clock instead of the injected one (time.clock_gettime / ContinuousClock), so under the virtual clock the wait never ends.",
      ["sm.open-to-half-open", "basic.admit-at-timeout", "fail-fast.every-entry-point-rejects", "stuck.long-idle-recovers"],
      [("time.monotonic_ns())", "time.clock_gettime_ns(time.CLOCK_MONOTONIC))", 2),
       ("now = time.monotonic_ns()", "now = time.clock_gettime_ns(time.CLOCK_MONOTONIC)")],
      [("private var openedAt: C.Instant?", "private var openedAt: ContinuousClock.Instant?"),
       ("    case .open: openedAt = now", "    case .open: openedAt = ContinuousClock.now"),
       ("return openedAt.duration(to: now) >= configuration.recoveryTimeout",
        "return openedAt.duration(to: ContinuousClock.now) >= configuration.recoveryTimeout")]),
    M("old-trial-frees-permit", 5,
      "The HALF_OPEN period never advances, so a trial of the previous period that ends during the next one gives back one of the new period's slots and lets an extra trial in.",
      ["half-open.old-trial-frees-no-permit"],
      [("""            self._period += 1
""", "")],
      [("""      period += 1
      trialsInFlight = 0""", """      trialsInFlight = 0""")]),
    # ----------------------------------------------------------------------------------- step 6
    M("fallback-invokes-operation", 6,
      "While OPEN, the operation is still tried once before the fallback answers (fabfuel/circuitbreaker#5).",
      ["fallback.used-when-open"],
      [("""            if fallback is None:
                raise
            return fallback(exc)""", """            if fallback is None:
                raise
            try:
                return func(*args, **kwargs)
            except Exception:
                return fallback(exc)""")],
      [("""    } catch {
      return try fallback(error)""", """    } catch {
      if let value = try? operation() { return value }
      return try fallback(error)""")]),
    M("fallback-on-business-error", 6,
      "Business errors go to the fallback instead of reaching the caller (opossum#540).",
      ["fallback.business-errors-bypass"],
      [("""        except BaseException:
            self._record(ticket, "ignored")  # frees the slots, counts nothing
            raise""", """        except BaseException as exc:
            self._record(ticket, "ignored")  # frees the slots, counts nothing
            if fallback is None:
                raise
            return fallback(exc)""")],
      [("""      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    return try run(operation, ticket)""", """      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    do {
      return try run(operation, ticket)
    } catch where !configuration.isFailure(error) {
      return try fallback(error)
    }""")]),
    M("fallback-on-failure", 6,
      "Counted failures go to the fallback too, although the exercise's profile uses it only when the breaker rejects.",
      ["fallback.on-failure-per-profile"],
      [("""        except self.expected_exception:
            self._record(ticket, "failure")
            raise""", """        except self.expected_exception as exc:
            self._record(ticket, "failure")
            if fallback is None:
                raise
            return fallback(exc)""")],
      [("""      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    return try run(operation, ticket)""", """      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    do {
      return try run(operation, ticket)
    } catch where configuration.isFailure(error) {
      return try fallback(error)
    }""")]),
    M("fallback-replaces-success", 6,
      "With a fallback given, a successful call returns the fallback's value instead of the operation's (Failsafe#75).",
      ["fallback.success-untouched"],
      [("""        self._record(ticket, "success")
        return result""", """        self._record(ticket, "success")
        return result if fallback is None else fallback(None)""")],
      [("""      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    return try run(operation, ticket)""", """      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing
    }
    _ = try run(operation, ticket)
    return try fallback(CircuitOpenError())""")]),
    # ----------------------------------------------------------------------------------- step 7
    M("listener-under-lock", 7,
      "Calls on_state_change while holding the breaker's lock, so a callback that uses the breaker deadlocks (gobreaker#37).",
      ["events.reentrant-listener-no-deadlock"],
      [("""        self._pending.append((self._state, state))""", """        if self.on_state_change is not None:
            self.on_state_change(self._state, state)""")],
      [("""    pending.append((current, next))""", """    configuration.onStateChange?(current, next)""")]),
    M("raising-callback-escapes", 7,
      "An exception raised by on_state_change escapes into call(), replacing the caller's result (pybreaker PR #41).",
      ["events.raising-listener-harmless"],
      [("""            try:
                self.on_state_change(old, new)
            except Exception:  # a raising callback must not change the breaker or the caller's result
                log.exception("on_state_change(%s, %s) failed; the breaker is unaffected", old, new)""",
        """            self.on_state_change(old, new)""")],
      []),
    M("duplicate-events", 7,
      "Announced state changes are never cleared, so every later announcement repeats them (resilience4j#1102).",
      ["events.one-per-transition"],
      [("pending, self._pending = self._pending, []", "pending = list(self._pending)")],
      [("""      defer { pending.removeAll() }
      return pending""", """      pending""")]),
    M("rejections-counted-as-failures", 7,
      "Rejected calls are counted as failures in the metrics (opossum#45, Hystrix#235).",
      ["metrics.counters-match-outcomes"],
      [("""                    self._metrics["rejections"] += 1  # a rejection is not a failure""",
        """                    self._metrics["failures"] += 1""")],
      [("""        counters["rejections", default: 0] += 1  // a rejection is not a failure""",
        """        counters["failures", default: 0] += 1""")]),
    M("ignored-reported-as-failures", 7,
      "Errors outside expected_exception are reported as failures in the metrics.",
      ["metrics.counters-match-outcomes"],
      [("""{"success": "successes", "failure": "failures", "ignored": "ignored"}""",
        """{"success": "successes", "failure": "failures", "ignored": "failures"}""")],
      [("""      case .uncounted: counters["ignored", default: 0] += 1""",
        """      case .uncounted: counters["failures", default: 0] += 1""")]),
    M("metrics-skip-stale-results", 7,
      "Results that arrive after a state change are left out of the metrics, so failures add up to less than callers saw.",
      ["concurrency.one-trip-under-overlap"],
      [("""            self._metrics[{"success": "successes", "failure": "failures", "ignored": "ignored"}[outcome]] += 1
            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:""", """            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:
                self._metrics[{"success": "successes", "failure": "failures", "ignored": "ignored"}[outcome]] += 1""")],
      [("""    lock.withLock {
      switch outcome {""", """    lock.withLock {
      guard ticket.generation == generation else { return }
      switch outcome {""")]),
    # ----------------------------------------------------------------------------------- step 8
    M("window-not-emptied-on-close", 8,
      "Closing keeps the outcomes of the outage in the window, so the breaker reopens right after recovery (resilience4j#547).",
      ["window.emptied-on-close"],
      [("""            self._window.clear()  # CLOSED starts with an empty window""", """            pass""")],
      [("""    case .closed: window?.clear()  // CLOSED starts with an empty window""", """    case .closed: break""")]),
    M("count-window-never-slides", 8,
      "The count window never drops old outcomes, so it judges a cumulative rate instead of the last N calls.",
      ["window.count-slides"],
      [("""            while len(self._entries) > self.size:
                self._entries.popleft()""", """            pass""")],
      [("""      if entries.count > configuration.size { entries.removeFirst(entries.count - configuration.size) }""",
        """      break""")]),
    M("rate-gt-for-ge", 8,
      "Opens only when the failure rate is above the threshold, not when it equals it.",
      ["window.rate-at-threshold"],
      [("return failed * 100 >= self.failure_rate_threshold * total", "return failed * 100 > self.failure_rate_threshold * total")],
      [("return Double(failed) * 100 >= settings.failureRateThreshold * Double(total)",
        "return Double(failed) * 100 > settings.failureRateThreshold * Double(total)")]),
    M("no-minimum-calls", 8,
      "Judges the rate from the first call on, so a single failure is a 100 % failure rate (opossum#217).",
      ["window.minimum-calls"],
      [("if total == 0 or total < self._window.minimum(self.minimum_calls):", "if total == 0:")],
      [("guard total > 0, total >= minimum else { return false }", "guard total > 0 else { return false }")]),
    M("ignored-in-window-as-success", 8,
      "Errors outside expected_exception are recorded in the window as successes, diluting the failure rate.",
      ["window.uncounted-not-recorded"],
      [("""                if outcome != "ignored":
                    self._judge(outcome == "failure", time.monotonic_ns())""", """                self._judge(outcome == "failure", time.monotonic_ns())""")],
      [("""      guard outcome != .uncounted else { return }
""", "")]),
    M("time-window-never-evicts", 8,
      "The time window never forgets old outcomes, so failures from long ago still count.",
      ["window.time-evicts-old", "window.time-spread-never-trips"],
      [("""            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._entries.popleft()""", """            pass""")],
      [("""      entries.removeAll { $0.at.duration(to: now) >= size }""", """      _ = size""")]),
    M("time-window-inclusive-edge", 8,
      "An outcome exactly window_size seconds old is kept: the window is [now − size, now] instead of (now − size, now].",
      ["window.time-boundary"],
      [("self._entries[0][0] <= now - self._size_ns", "self._entries[0][0] < now - self._size_ns")],
      [("entries.removeAll { $0.at.duration(to: now) >= size }", "entries.removeAll { $0.at.duration(to: now) > size }")]),
    # ----------------------------------------------------------------------------------- step 9
    M("slow-at-threshold", 9,
      "A call of exactly slow_call_duration counts as slow (`>=` for `>`).",
      ["slow-call.strictly-longer"],
      [("now - ticket.started > _ns(self.slow_call_duration)", "now - ticket.started >= _ns(self.slow_call_duration)")],
      [("ticket.started.duration(to: now) > $0", "ticket.started.duration(to: now) >= $0")]),
    M("slow-failure-only-failed", 9,
      "A slow failure is recorded as a failure only, never as slow, hiding a slowdown.",
      ["slow-call.slow-failure-counts-both"],
      [("slow = self.slow_call_duration is not None and now", "slow = outcome != \"failure\" and self.slow_call_duration is not None and now")],
      [("let slow = configuration.slowCallDuration.map", "let slow = outcome != .failure && configuration.slowCallDuration.map")]),
    M("slow-trial-closes", 9,
      "Trials are judged only by their errors, so a slow trial success closes the breaker on a service that is still slow.",
      ["slow-call.slow-trial-reopens"],
      [("if failed or (slow and self.slow_call_rate_threshold is not None):", "if failed:")],
      [("if failed || (slow && configuration.slowCallRateThreshold != nil) {", "if failed {")]),
    M("bulkhead-leaks-on-error", 9,
      "A call ending in an error outside expected_exception never frees its bulkhead slot (resilience4j decorators).",
      ["bulkhead.permits-returned"],
      [("""            self._in_flight -= 1  # the bulkhead slot comes back whatever happened, stale or not""",
        """            if outcome != "ignored":
                self._in_flight -= 1""")],
      [("""      callsInFlight -= 1  // the bulkhead slot comes back whatever happened, stale or not""",
        """      if outcome != .uncounted { callsInFlight -= 1 }""")]),
    M("bulkhead-rejections-counted-as-failures", 9,
      "A call turned away by the full bulkhead is recorded as a failure, so a busy moment opens the breaker.",
      ["bulkhead.rejects-extra-calls"],
      [("""                self._metrics["rejections"] += 1
                raise BulkheadFullError""", """                self._metrics["rejections"] += 1
                self._judge(True, False, now)
                raise BulkheadFullError""")],
      [("""      counters["rejections", default: 0] += 1
      throw CircuitOpenError(reason: .bulkheadFull)""", """      counters["rejections", default: 0] += 1
      judge(failed: true, slow: false, at: now)
      throw CircuitOpenError(reason: .bulkheadFull)""")]),
    M("slow-calls-timed-with-system-clock", 9,
      "Call durations are measured with the system clock instead of the injected one, so no call is ever slow under test (resilience4j#734).",
      ["slow-call.strictly-longer", "slow-call.slow-trial-reopens"],
      [("return _Ticket(self._generation, trial, now)", "return _Ticket(self._generation, trial, time.clock_gettime_ns(time.CLOCK_MONOTONIC))"),
       ("now - ticket.started > _ns(self.slow_call_duration)",
        "time.clock_gettime_ns(time.CLOCK_MONOTONIC) - ticket.started > _ns(self.slow_call_duration)")],
      [("    let started: C.Instant", "    let started: ContinuousClock.Instant"),
       ("return Ticket(generation: generation, trial: trial, started: now)",
        "return Ticket(generation: generation, trial: trial, started: ContinuousClock.now)"),
       ("ticket.started.duration(to: now) > $0", "ticket.started.duration(to: ContinuousClock.now) > $0")]),
    # ------------------------------------------------- issue 11: what slipped through before
    M("wait-from-call-start", 3,
      "Stamps the failure with the time the failing call started, not when it failed, so after slow failures the trial is admitted early.",
      ["time.fractional-call-durations"],
      [("""        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._on_failure()""", """        started = time.monotonic()
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._on_failure(started)"""),
       ("""    def _on_failure(self):
        with self._lock:
            self._failure_count += 1
            self._last_failure_time = time.monotonic()""", """    def _on_failure(self, started):
        with self._lock:
            self._failure_count += 1
            self._last_failure_time = started  # when the failing request was made""")],
      [("    do {\n      let value = try operation()", "    let started = clock.now\n    do {\n      let value = try operation()"),
       ("        lastFailure = clock.now\n", "        lastFailure = started  // when the failing request was made\n")]),
    M("whole-second-failure-time", 3,
      "Stores the failure time as whole seconds (int(time.monotonic())), so the wait ends up to a second early.",
      ["time.fractional-call-durations"],
      [("            self._last_failure_time = time.monotonic()\n",
        "            self._last_failure_time = int(time.monotonic())  # seconds are precise enough\n")],
      []),
    M("whole-second-recovery-timeout", 3,
      "Keeps recovery_timeout as whole seconds (int(), Duration.seconds of the seconds component), so a fractional timeout is cut short.",
      ["time.fractional-recovery-timeout"],
      [("        self.recovery_timeout = recovery_timeout\n", "        self.recovery_timeout = int(recovery_timeout)\n")],
      [("guard let lastFailure, lastFailure.duration(to: clock.now) >= configuration.recoveryTimeout else {",
        "guard let lastFailure,\n        lastFailure.duration(to: clock.now) >= .seconds(configuration.recoveryTimeout.components.seconds)\n      else {")]),
    M("is-open-from-first-trip", 4,
      "is_open() times the wait from the trip out of CLOSED only, so after a failed trial it answers false while calls are still rejected.",
      ["stuck.is-open-every-wait"],
      [("""            if self._state == CircuitState.HALF_OPEN or self._failure_count >= self.failure_threshold:
                self._state = CircuitState.OPEN""", """            if self._state == CircuitState.CLOSED and self._failure_count >= self.failure_threshold:
                self._tripped_at = time.monotonic()
            if self._state == CircuitState.HALF_OPEN or self._failure_count >= self.failure_threshold:
                self._state = CircuitState.OPEN"""),
       ("return self._state == CircuitState.OPEN and not self._waited_long_enough()",
        "return self._state == CircuitState.OPEN and time.monotonic() - self._tripped_at < self.recovery_timeout")],
      [("  private var lastFailure: C.Instant?\n", "  private var lastFailure: C.Instant?\n  private var trippedAt: C.Instant?\n"),
       ("var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough } }",
        "var isOpen: Bool {\n    lock.withLock {\n      guard current == .open, let trippedAt else { return false }\n      return trippedAt.duration(to: clock.now) < configuration.recoveryTimeout\n    }\n  }"),
       ("        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }",
        "        if current == .closed && failureCount >= configuration.failureThreshold { trippedAt = clock.now }\n        if current == .halfOpen || failureCount >= configuration.failureThreshold { current = .open }")]),
    M("previous-period-trial-counted", 6,
      "A trial's result still counts whenever the breaker is HALF_OPEN, so a trial of the previous HALF_OPEN votes in the next one.",
      ["half-open.trial-across-periods"],
      [("            if ticket.generation == self._generation:\n",
        "            if ticket.generation == self._generation or (ticket.trial and self._state is CircuitState.HALF_OPEN):\n")],
      [("      guard ticket.generation == generation else { return }  // stale: the state has moved on",
        "      guard ticket.generation == generation || (ticket.trial && current == .halfOpen) else { return }")]),
    M("late-trial-failure-reopens", 6,
      "Any failed trial reopens the breaker, even one that ends after the other trials closed it.",
      ["half-open.trial-in-flight-at-close"],
      [("            if ticket.generation == self._generation:\n",
        "            if ticket.trial and outcome == \"failure\" and self._state is not CircuitState.OPEN:\n"
        "                self._move_to(CircuitState.OPEN, time.monotonic_ns())  # a failed trial always reopens\n"
        "            elif ticket.generation == self._generation:\n")],
      [("      guard ticket.generation == generation else { return }  // stale: the state has moved on",
        "      if ticket.trial, outcome == .failure, current != .open {\n        move(to: .open, at: clock.now)  // a failed trial always reopens\n        return\n      }\n      guard ticket.generation == generation else { return }")]),
    M("ignored-resets-trial-streak", 5,
      "A trial ending in an uncounted error resets the trial-success streak, so business errors delay the close.",
      ["half-open.uncounted-between-successes"],
      [("""            if outcome != "ignored" and self._state is not CircuitState.OPEN:
                self._judge(outcome == "failure", time.monotonic_ns())  # OPEN: a late result changes nothing""",
        """            if outcome != "ignored" and self._state is not CircuitState.OPEN:
                self._judge(outcome == "failure", time.monotonic_ns())  # OPEN: a late result changes nothing
            elif outcome == "ignored" and self._state is CircuitState.HALF_OPEN:
                self._trial_successes = 0  # only an unbroken run of successes closes""")],
      [("      guard outcome != .uncounted, current != .open else { return }  // OPEN: a late result changes nothing",
        "      guard outcome != .uncounted, current != .open else {\n        if outcome == .uncounted, current == .halfOpen { trialSuccesses = 0 }  // only an unbroken run closes\n        return\n      }")]),
    M("trial-permit-check-then-act", 5,
      "Checks for a free trial permit under one hold of the lock and takes it under another, so a burst of callers all pass the check.",
      ["race.half-open-admission"],
      [("""            trial = self._state is CircuitState.HALF_OPEN
            if trial:
                if self._trials_in_flight >= self.half_open_max_calls:
                    raise CircuitOpenError("enough trial calls are in flight")
                self._trials_in_flight += 1
            return _Ticket(trial, self._period)""", """            trial = self._state is CircuitState.HALF_OPEN
            if trial and self._trials_in_flight >= self.half_open_max_calls:
                raise CircuitOpenError("enough trial calls are in flight")
            period = self._period
        if trial:
            with self._lock:  # take the permit
                self._trials_in_flight += 1
        return _Ticket(trial, period)""")],
      [("      trialsInFlight += 1\n    }\n    return Ticket(trial: trial, period: period)",
        "    }\n    return Ticket(trial: trial, period: period)"),
       ("    let ticket = try lock.withLock { try admit() }\n",
        "    let ticket = try lock.withLock { try admit() }\n    if ticket.trial { lock.withLock { trialsInFlight += 1 } }  // take the permit\n")]),
    M("fallback-error-replaced", 6,
      "When the fallback raises, the breaker raises its own rejection instead, hiding the fallback's error.",
      ["fallback.raising-fallback-propagates"],
      [("            return fallback(exc)  # outside the lock; a fallback's result or error changes nothing",
        "            try:\n                return fallback(exc)\n            except Exception:\n                raise exc from None  # the fallback failed too: report the rejection")],
      [("      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing",
        "      do { return try fallback(error) } catch { throw CircuitOpenError() }  // the fallback failed too")]),
    M("falsy-fallback-ignored", 6,
      "Treats a falsy fallback answer (0, '', None) as no answer and raises the rejection instead.",
      ["fallback.falsy-values"],
      [("            return fallback(exc)  # outside the lock; a fallback's result or error changes nothing",
        "            value = fallback(exc)\n            if not value:\n                raise  # no usable answer from the fallback\n            return value")],
      []),
    M("falsy-success-replaced", 6,
      "Replaces a falsy result of the operation (0, '', None) with the fallback's answer.",
      ["fallback.falsy-values"],
      [("""        self._record(ticket, "success")
        return result""", """        self._record(ticket, "success")
        if not result and fallback is not None:
            return fallback(None)  # an empty answer is no answer
        return result""")],
      []),
    M("fallback-gets-call-arguments", 6,
      "Calls the fallback with the protected call's own arguments (pybreaker-style fallback_function), not with the rejection error.",
      ["fallback.receives-rejection-error"],
      [("            return fallback(exc)  # outside the lock; a fallback's result or error changes nothing",
        "            return fallback(*args, **kwargs)  # the fallback stands in for func: same arguments")],
      []),
    M("fallback-under-lock", 6,
      "Runs the fallback while holding the breaker's lock, so a fallback that asks the breaker anything waits forever.",
      ["fallback.reentrant-fallback"],
      [("            return fallback(exc)  # outside the lock; a fallback's result or error changes nothing",
        "            with self._lock:  # answer consistently with the state that rejected the call\n                return fallback(exc)")],
      [("      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing",
        "      return try lock.withLock { try fallback(error) }  // consistent with the state that rejected it")]),
    M("fallback-counted-as-success", 6,
      "Records a call answered by the fallback as a success, so in a full HALF_OPEN it frees a permit and counts toward the close.",
      ["fallback.full-half-open-not-a-trial"],
      [("            return fallback(exc)  # outside the lock; a fallback's result or error changes nothing",
        "            value = fallback(exc)\n            with self._lock:\n                ticket = _Ticket(self._generation, self._state is CircuitState.HALF_OPEN)\n"
        "            self._record(ticket, \"success\")  # the caller was served\n            return value")],
      [("      return try fallback(error)  // outside the lock; a fallback's result or error changes nothing",
        "      let value = try fallback(error)\n      record(lock.withLock { Ticket(generation: generation, trial: current == .halfOpen) }, .success)\n      return value")]),
    M("metrics-reset-on-close", 7,
      "Resets every counter when the breaker closes, so the dashboard forgets the outage it just recovered from.",
      ["metrics.whole-recovery"],
      [("""        elif state is CircuitState.HALF_OPEN:
            self._trials_in_flight = 0
            self._trial_successes = 0""", """        elif state is CircuitState.HALF_OPEN:
            self._trials_in_flight = 0
            self._trial_successes = 0
        else:
            self._metrics = dict.fromkeys(self._metrics, 0)  # a fresh start for the recovered service""")],
      [("    case .closed: break\n    }\n  }", "    case .closed: counters = [:]  // a fresh start for the recovered service\n    }\n  }")]),
    M("half-open-rejections-uncounted", 7,
      "Counts rejections only on the OPEN path: callers turned away by a full HALF_OPEN are missing from the metrics.",
      ["metrics.whole-recovery"],
      [("""                if self._trials_in_flight >= self.half_open_max_calls:
                    self._metrics["rejections"] += 1
                    raise""", """                if self._trials_in_flight >= self.half_open_max_calls:
                    raise""")],
      [("      guard trialsInFlight < configuration.halfOpenMaxCalls else {\n        counters[\"rejections\", default: 0] += 1\n",
        "      guard trialsInFlight < configuration.halfOpenMaxCalls else {\n")]),
    M("trip-check-then-act", 7,
      "Decides under one hold of the lock that a result is current and applies it under another, with no guard against opening an OPEN breaker: a burst of failures trips it twice.",
      ["race.one-trip"],
      [("""            if ticket.generation == self._generation:
                if ticket.trial:
                    self._trials_in_flight -= 1
                if outcome != "ignored":
                    self._judge(outcome == "failure", time.monotonic_ns())
        self._announce()""", """            fresh = ticket.generation == self._generation
        if fresh:
            with self._lock:
                if ticket.trial:
                    self._trials_in_flight -= 1
                if outcome != "ignored":
                    self._judge(outcome == "failure", time.monotonic_ns())
        self._announce()"""),
       ("""        if state is self._state:
            return
        self._pending""", """        self._pending""")],
      []),
    M("rate-rounded", 8,
      "Rounds the failure rate to whole percent before comparing, so 2 failures in 3 calls (66.7 %) trip a 67 % threshold.",
      ["window.threshold-not-rounded"],
      [("return failed * 100 >= self.failure_rate_threshold * total  # >=, compared exactly in integers",
        "return round(failed * 100 / total) >= self.failure_rate_threshold  # whole percent, as dashboards show it")],
      [("return Double(failed) * 100 >= settings.failureRateThreshold * Double(total)  // >=, compared exactly",
        "return (Double(failed) * 100 / Double(total)).rounded() >= settings.failureRateThreshold  // whole percent")]),
    M("window-stamps-whole-seconds", 8,
      "Stamps window entries with the start of their second, so outcomes leave the time window up to a second early.",
      ["window.time-fractional-offsets"],
      [("        self._entries.append((now, failed))\n",
        "        self._entries.append((now - now % 1_000_000_000, failed))  # one bucket per second\n")],
      []),
    M("window-totals-drift", 8,
      "Keeps running totals beside the time window and, on eviction, subtracts the newest entry's failure instead of the evicted one's: the totals drift after evictions.",
      ["window.minimum-after-evictions"],
      [("        self._entries = deque()\n", "        self._entries = deque()\n        self._total = 0\n        self._failed = 0  # running totals: no scan per call\n"),
       ("        self._entries.append((now, failed))\n", "        self._entries.append((now, failed))\n        self._total += 1\n        self._failed += failed\n"),
       ("        return len(self._entries), sum(1 for _, failed in self._entries if failed)",
        "        return self._total, self._failed"),
       ("        self._entries.clear()\n", "        self._entries.clear()\n        self._total = self._failed = 0\n"),
       ("""            while len(self._entries) > self.size:
                self._entries.popleft()""", """            while len(self._entries) > self.size:
                _, old = self._entries.popleft()
                self._total -= 1
                self._failed -= old"""),
       ("""            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._entries.popleft()""", """            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._total -= 1
                self._failed -= self._entries[-1][1]
                self._entries.popleft()""")],
      []),
    M("is-open-untimed-after-rate-trip", 8,
      "is_open() reads a deadline that only the consecutive rule and failed trials set: after a rate trip it says false while calls are rejected.",
      ["window.is-open-after-rate-trip"],
      [("        self._opened_at = None\n", "        self._opened_at = None\n        self._open_until = 0  # when is_open() turns false\n"),
       ("return self._state is CircuitState.OPEN and not self._waited_long_enough(time.monotonic_ns())",
        "return self._state is CircuitState.OPEN and time.monotonic_ns() < self._open_until"),
       ("""                if self._failures >= self.failure_threshold:
                    self._move_to(CircuitState.OPEN, now)""", """                if self._failures >= self.failure_threshold:
                    self._move_to(CircuitState.OPEN, now)
                    self._open_until = now + _ns(self.recovery_timeout)"""),
       ("""        if self._state is CircuitState.HALF_OPEN:
            if failed:
                self._move_to(CircuitState.OPEN, now)""", """        if self._state is CircuitState.HALF_OPEN:
            if failed:
                self._move_to(CircuitState.OPEN, now)
                self._open_until = now + _ns(self.recovery_timeout)""")],
      [("  private var openedAt: C.Instant?\n", "  private var openedAt: C.Instant?\n  private var openUntil: C.Instant?  // when isOpen turns false\n"),
       ("var isOpen: Bool { lock.withLock { current == .open && !waitedLongEnough(clock.now) } }",
        "var isOpen: Bool { lock.withLock { current == .open && openUntil.map { clock.now < $0 } ?? false } }"),
       ("      if failed {\n        move(to: .open, at: now)\n      } else {",
        "      if failed {\n        move(to: .open, at: now)\n        openUntil = now.advanced(by: configuration.recoveryTimeout)\n      } else {"),
       ("if failures >= configuration.failureThreshold { move(to: .open, at: now) }",
        "if failures >= configuration.failureThreshold {\n          move(to: .open, at: now)\n          openUntil = now.advanced(by: configuration.recoveryTimeout)\n        }")]),
    M("shared-call-start", 9,
      "Keeps one `started` time on the breaker instead of one per call, so overlapping calls are timed from the last one to start.",
      ["slow-call.overlapping-slow-calls"],
      [("            self._in_flight += 1\n            return _Ticket(self._generation, trial, now)",
        "            self._in_flight += 1\n            self._started = now  # when the current call began\n            return _Ticket(self._generation, trial, now)"),
       ("now - ticket.started > _ns(self.slow_call_duration)", "now - self._started > _ns(self.slow_call_duration)")],
      [("  private var openedAt: C.Instant?\n", "  private var openedAt: C.Instant?\n  private var lastStarted: C.Instant?  // when the current call began\n"),
       ("    return Ticket(generation: generation, trial: trial, started: now)", "    lastStarted = now\n    return Ticket(generation: generation, trial: trial, started: now)"),
       ("ticket.started.duration(to: now)", "(lastStarted ?? ticket.started).duration(to: now)")]),
    M("slow-rate-over-successes", 9,
      "Divides the slow calls by the successful calls only, not by every call in the window.",
      ["slow-call.rate-with-failures"],
      [("slow * 100 >= self.slow_call_rate_threshold * total", "slow * 100 >= self.slow_call_rate_threshold * (total - failed)")],
      [("return Double(slow) * 100 >= slowRate * Double(total)", "return Double(slow) * 100 >= slowRate * Double(total - failed)")]),
    M("stale-call-keeps-slot", 9,
      "Returns a bulkhead slot only for calls of the current state: calls that end after a trip keep their slots for ever.",
      ["bulkhead.trip-underneath"],
      [("            self._in_flight -= 1  # the bulkhead slot comes back whatever happened, stale or not\n", ""),
       ("            if ticket.generation == self._generation:\n                if ticket.trial:",
        "            if ticket.generation == self._generation:\n                self._in_flight -= 1  # a stale call's slot went with its state\n                if ticket.trial:")],
      [("      callsInFlight -= 1  // the bulkhead slot comes back whatever happened, stale or not\n", ""),
       ("      guard ticket.generation == generation else { return }  // stale: the state has moved on\n",
        "      guard ticket.generation == generation else { return }  // stale: the state has moved on\n      callsInFlight -= 1\n")]),
    M("bulkhead-check-then-act", 9,
      "Checks for a free bulkhead slot under one hold of the lock and takes it under another, so a burst overruns the bulkhead.",
      ["race.bulkhead-limit"],
      [("            self._in_flight += 1\n            return _Ticket(self._generation, trial, now)",
        "            ticket = _Ticket(self._generation, trial, now)\n        with self._lock:\n            self._in_flight += 1  # take the slot\n        return ticket")],
      [("    callsInFlight += 1\n    return Ticket(generation: generation, trial: trial, started: now)",
        "    return Ticket(generation: generation, trial: trial, started: now)"),
       ("    return try lock.withLock { try admit() }\n",
        "    let ticket = try lock.withLock { try admit() }\n    lock.withLock { callsInFlight += 1 }  // take the slot\n    return ticket\n")]),
    # ----------------------------------------------------------------------------------- gaps found by held-out breakers
    M("half-open-single-trial", 3,
      "Admits one call in HALF_OPEN and turns every other caller away until it ends, though step 3 admits every call once the wait is over.",
      ["basic.half-open-admits-all"],
      [("""                else:
                    raise CircuitOpenError("circuit breaker is OPEN")
""", """                else:
                    raise CircuitOpenError("circuit breaker is OPEN")
            elif self._state == CircuitState.HALF_OPEN:
                raise CircuitOpenError("a trial call is already running")
""")],
      [("""      guard current == .open else { return }
""", """      if current == .halfOpen { throw CircuitOpenError() }  // one trial at a time
      guard current == .open else { return }
""")]),
    M("window-judged-on-failure-only", 8,
      "Judges the failure rate only after a failure, so a success that completes the minimum never opens the breaker (Polly's rule, not this exercise's).",
      ["window.judged-after-success"],
      [("""            if self._rate_exceeded(now):
                self._move_to(CircuitState.OPEN, now)""", """            if failed and self._rate_exceeded(now):
                self._move_to(CircuitState.OPEN, now)""")],
      [("        if rateExceeded(at: now) { move(to: .open, at: now) }\n",
        "        if failed, rateExceeded(at: now) { move(to: .open, at: now) }\n")]),
    M("window-minimum-not-capped", 8,
      "Never caps minimum_calls by the count window's size, so a window smaller than the minimum never opens the breaker.",
      ["window.minimum-capped"],
      [('        return min(minimum_calls, self.size) if self.kind == "count" else minimum_calls\n',
        "        return minimum_calls\n")],
      [("    configuration.kind == .count ? min(configuration.minimumCalls, configuration.size) : configuration.minimumCalls\n",
        "    configuration.minimumCalls\n")]),
    M("window-rate-truncated", 8,
      "Computes the failure rate as an integer percent (failures × 100 // calls), so 1 of 3 (33.33 %) misses a 33.3 % threshold.",
      ["window.rate-not-truncated"],
      [("return failed * 100 >= self.failure_rate_threshold * total  # >=, compared exactly in integers",
        "return failed * 100 // total >= self.failure_rate_threshold  # integer percent")],
      [("return Double(failed) * 100 >= settings.failureRateThreshold * Double(total)  // >=, compared exactly",
        "return Double(failed * 100 / total) >= settings.failureRateThreshold  // integer percent")]),
    M("count-window-totals-drift", 8,
      "Keeps a running failure total beside the count window and never subtracts the outcome a new one pushes out (resilience4j#1335): an evicted failure keeps counting.",
      ["window.count-totals-after-eviction"],
      [("        self._entries = deque()\n", "        self._entries = deque()\n        self._failed = 0  # a running total: no scan per call\n"),
       ("        self._entries.append((now, failed))\n", "        self._entries.append((now, failed))\n        self._failed += failed\n"),
       ("        return len(self._entries), sum(1 for _, failed in self._entries if failed)",
        "        return len(self._entries), self._failed"),
       ("        self._entries.clear()\n", "        self._entries.clear()\n        self._failed = 0\n"),
       ("""            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._entries.popleft()""", """            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._failed -= self._entries.popleft()[1]""")],
      [("  private var entries: [Entry] = []\n", "  private var entries: [Entry] = []\n  private var failedTotal = 0  // a running total: no scan per call\n"),
       ("    entries.append(entry)\n", "    entries.append(entry)\n    if entry.failed { failedTotal += 1 }\n"),
       ("    return (entries.count, entries.count(where: \\.failed))\n", "    return (entries.count, failedTotal)\n"),
       ("  mutating func clear() { entries.removeAll() }\n", "  mutating func clear() {\n    entries.removeAll()\n    failedTotal = 0\n  }\n"),
       ("      entries.removeAll { $0.at.duration(to: now) >= size }\n",
        "      failedTotal -= entries.count { $0.failed && $0.at.duration(to: now) >= size }\n      entries.removeAll { $0.at.duration(to: now) >= size }\n")]),
    M("slow-totals-drift", 9,
      "Keeps a running slow-call total beside the count window and never subtracts the outcome a new one pushes out (resilience4j#1335): an evicted slow call keeps counting.",
      ["slow-call.count-totals-after-eviction"],
      [("        self._entries = deque()\n", "        self._entries = deque()\n        self._slow = 0  # a running total: no scan per call\n"),
       ("        self._entries.append((now, failed, slow))\n", "        self._entries.append((now, failed, slow))\n        self._slow += slow\n"),
       ("        slow = sum(1 for _, _, s in self._entries if s)\n", "        slow = self._slow\n"),
       ("        self._entries.clear()\n", "        self._entries.clear()\n        self._slow = 0\n"),
       ("""            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._entries.popleft()""", """            while self._entries and self._entries[0][0] <= now - self._size_ns:
                self._slow -= self._entries.popleft()[2]""")],
      [("  private var entries: [Entry] = []\n", "  private var entries: [Entry] = []\n  private var slowTotal = 0  // a running total: no scan per call\n"),
       ("    entries.append(entry)\n", "    entries.append(entry)\n    if entry.slow { slowTotal += 1 }\n"),
       ("    return (entries.count, entries.count(where: \\.failed), entries.count(where: \\.slow))\n",
        "    return (entries.count, entries.count(where: \\.failed), slowTotal)\n"),
       ("  mutating func clear() { entries.removeAll() }\n", "  mutating func clear() {\n    entries.removeAll()\n    slowTotal = 0\n  }\n"),
       ("      entries.removeAll { $0.at.duration(to: now) >= size }\n",
        "      slowTotal -= entries.count { $0.slow && $0.at.duration(to: now) >= size }\n      entries.removeAll { $0.at.duration(to: now) >= size }\n")]),
    M("bulkhead-refusals-uncounted", 9,
      "Counts refusals by the open breaker in `rejections` but not refusals by the full bulkhead, hiding the load it sheds.",
      ["bulkhead.refusals-counted"],
      [("""                self._metrics["rejections"] += 1
                raise BulkheadFullError""", """                raise BulkheadFullError""")],
      [("""      counters["rejections", default: 0] += 1
      throw CircuitOpenError(reason: .bulkheadFull)""", """      throw CircuitOpenError(reason: .bulkheadFull)""")]),
    M("bulkhead-after-breaker", 9,
      "Checks the breaker before the bulkhead (README rule 9 reversed): in HALF_OPEN a call the full bulkhead refuses keeps the trial permit it took, and HALF_OPEN admits fewer trials after every refusal.",
      ["bulkhead.refusal-keeps-no-trial"],
      [("""            if self.max_concurrent_calls is not None and self._in_flight >= self.max_concurrent_calls:
                self._metrics["rejections"] += 1
                raise BulkheadFullError(f"{self._in_flight} calls are already in flight")
            if self._state is CircuitState.OPEN:""", """            if self._state is CircuitState.OPEN:"""),
       ("""                self._trials_in_flight += 1
            self._in_flight += 1""", """                self._trials_in_flight += 1
            if self.max_concurrent_calls is not None and self._in_flight >= self.max_concurrent_calls:
                self._metrics["rejections"] += 1
                raise BulkheadFullError(f"{self._in_flight} calls are already in flight")
            self._in_flight += 1""")],
      [("""    if let limit = configuration.maxConcurrentCalls, callsInFlight >= limit {
      counters["rejections", default: 0] += 1
      throw CircuitOpenError(reason: .bulkheadFull)
    }
    if current == .open {""", """    if current == .open {"""),
       ("""      trialsInFlight += 1
    }
    callsInFlight += 1""", """      trialsInFlight += 1
    }
    if let limit = configuration.maxConcurrentCalls, callsInFlight >= limit {
      counters["rejections", default: 0] += 1
      throw CircuitOpenError(reason: .bulkheadFull)
    }
    callsInFlight += 1""")]),
]


def apply(text, edits, where):
    for edit in edits:
        old, new = edit[0], edit[1]
        count = edit[2] if len(edit) > 2 else 1
        found = text.count(old)
        if found != count:
            sys.exit(f"{where}: expected {count} occurrence(s) of {old!r}, found {found}")
        text = text.replace(old, new)
    return text


def header(mutant, comment):
    lines = [
        f"MUTANT {mutant['name']} (step {mutant['step']}): a copy of the reference solution with one bug.",
        f"Bug: {mutant['bug']}",
        "Generated by mutants/make_mutants.py; do not edit by hand.",
    ]
    return "".join(f"{comment} {line}\n" for line in lines)


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate():
    """Every file the generator owns, as {path relative to mutants/: text}."""
    names = set()
    outputs = {}
    manifest = [
        "# The mutants: deliberately broken breakers, each caught by the named checks (Tests/MutantTests).",
        "# Generated by mutants/make_mutants.py; do not edit by hand.",
        "mutants:",
    ]
    for mutant in MUTANTS:
        name = mutant["name"]
        assert name not in names, name
        names.add(name)
        folder = os.path.join(ROOT, "exercises", FOLDERS[mutant["step"]], "solution")
        tracks = []
        for track, edits, source, target, comment in (
            ("python", mutant["py"], "breaker.py", f"python/{name}.py", "#"),
            ("swift", mutant["swift"], "Breaker.swift", f"swift/{name}.swift", "//"),
        ):
            if not edits:
                continue
            with open(os.path.join(folder, source), encoding="utf-8") as f:
                text = f.read()
            outputs[target] = header(mutant, comment) + apply(text, edits, f"{name} ({track})")
            tracks.append(track)
        manifest += [
            f"  - name: {name}",
            f"    step: {mutant['step']}",
            f"    tracks: [{', '.join(tracks)}]",
            f"    bug: {yaml_string(mutant['bug'])}",
            f"    caught_by: [{', '.join(mutant['caught_by'])}]",
            f"    in_process: {'true' if name in IN_PROCESS else 'false'}",
        ]
    unknown = IN_PROCESS - names
    if unknown:
        sys.exit(f"IN_PROCESS names {', '.join(sorted(unknown))}, which no mutant has")
    outputs["mutants.yaml"] = "\n".join(manifest) + "\n"
    return outputs


def committed():
    """The generated files now in mutants/: the manifest and every file under python/ and swift/."""
    found = {}
    base = os.path.join(ROOT, "mutants")
    for folder in ("python", "swift"):
        for name in sorted(os.listdir(os.path.join(base, folder))):
            if name.endswith((".py", ".swift")):
                found[f"{folder}/{name}"] = os.path.join(base, folder, name)
    found["mutants.yaml"] = os.path.join(base, "mutants.yaml")
    return found


def main():
    outputs = generate()
    if sys.argv[1:] == ["--check"]:
        # The test run's freshness check: the committed copies are exactly what the generator writes.
        problems = []
        on_disk = committed()
        for target, text in sorted(outputs.items()):
            path = on_disk.get(target)
            if path is None:
                problems.append(f"mutants/{target} is missing")
                continue
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    problems.append(f"mutants/{target} differs from what the generator writes")
        problems += [f"mutants/{t} is not written by the generator (a removed mutant?)" for t in sorted(on_disk)
                     if t not in outputs]
        if problems:
            print("\n".join(problems) + "\nrun `python3 mutants/make_mutants.py` and commit the result", file=sys.stderr)
            sys.exit(1)
        print(f"{len(MUTANTS)} mutants up to date")
        return
    if sys.argv[1:]:
        sys.exit("usage: make_mutants.py [--check]")
    for stale in set(committed()) - set(outputs):
        os.remove(os.path.join(ROOT, "mutants", stale))
    for target, text in outputs.items():
        with open(os.path.join(ROOT, "mutants", target), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"{len(MUTANTS)} mutants written")


if __name__ == "__main__":
    main()
