"""Step 8: sliding windows.

Below is the breaker of step 7 (or paste in your own). With a window_type, trip on a failure rate instead
of consecutive failures:

  * window_type "count": the last window_size recorded calls; "time": the calls of the last window_size
    seconds, exactly (now - window_size, now];
  * no verdict before minimum_calls calls are in the window (capped by a count window's size); then the
    breaker opens when failures * 100 >= failure_rate_threshold * calls, checked after every outcome;
  * only successes and counted failures go in (not rejections, not errors outside expected_exception);
  * the window is emptied when the breaker closes. HALF_OPEN keeps the trial rules of step 5.

Without a window_type the breaker keeps tripping on failure_threshold consecutive failures.
Check your work with:  cblearn check 8 breaker.py
"""

import logging
import threading
import time
from collections import namedtuple
from enum import Enum

log = logging.getLogger(__name__)


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    """Raised instead of calling the operation when the breaker rejects the call."""


def _ns(seconds):
    """Seconds (int or float) as integer nanoseconds; None stays None."""
    return None if seconds is None else round(seconds * 1_000_000_000)


# What `_admit` hands to `_record`: the generation the call was admitted in, and whether it is a trial call.
_Ticket = namedtuple("_Ticket", "generation trial")


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold=5,
        recovery_timeout=60,
        expected_exception=Exception,
        half_open_max_calls=1,
        success_threshold=1,
        on_state_change=None,
        window_type=None,
        window_size=10,
        minimum_calls=5,
        failure_rate_threshold=50,
    ):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self.half_open_max_calls = half_open_max_calls
        self.success_threshold = success_threshold
        self.on_state_change = on_state_change
        # TODO: with a window_type ("count" or "time"), trip on the failure rate of a sliding window.
        self.window_type = window_type
        self.window_size = window_size
        self.minimum_calls = minimum_calls
        self.failure_rate_threshold = failure_rate_threshold

        self._lock = threading.Lock()
        self._state = CircuitState.CLOSED
        self._generation = 0  # +1 on every state change: older tickets become stale
        self._opened_at = None
        self._failures = 0  # consecutive counted failures in CLOSED
        self._trials_in_flight = 0
        self._trial_successes = 0
        self._pending = []  # state changes to announce once the lock is released
        self._metrics = dict.fromkeys(
            ("calls", "successes", "failures", "ignored", "rejections", "transitions"), 0
        )

    # --- what callers may ask ----------------------------------------------------------------------
    @property
    def state(self):
        return self._state

    def is_open(self):
        """True only while OPEN and still inside the recovery timeout; asking changes nothing."""
        with self._lock:
            return self._state is CircuitState.OPEN and not self._waited_long_enough(time.monotonic_ns())

    def metrics(self):
        """Lifetime counters; once every call has ended, calls = successes + failures + ignored + rejections."""
        with self._lock:
            return dict(self._metrics)

    # --- the call ------------------------------------------------------------------------------------
    def call(self, func, *args, fallback=None, **kwargs):
        """Runs func(*args, **kwargs) through the breaker.

        When the breaker rejects the call (OPEN, or every trial slot taken) it raises
        CircuitOpenError, or returns fallback(error) if a fallback is given. Errors of the operation itself
        always reach the caller unchanged.
        """
        try:
            ticket = self._admit()
        except CircuitOpenError as exc:
            self._announce()
            if fallback is None:
                raise
            return fallback(exc)  # outside the lock; a fallback's result or error changes nothing
        self._announce()  # OPEN -> HALF_OPEN is announced before the trial runs
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._record(ticket, "failure")
            raise
        except BaseException:
            self._record(ticket, "ignored")  # frees the slots, counts nothing
            raise
        self._record(ticket, "success")
        return result

    # --- decide, record, announce --------------------------------------------------------------------
    def _admit(self):
        with self._lock:
            now = time.monotonic_ns()
            self._metrics["calls"] += 1
            if self._state is CircuitState.OPEN:
                if not self._waited_long_enough(now):
                    self._metrics["rejections"] += 1  # a rejection is not a failure
                    raise CircuitOpenError("circuit breaker is OPEN")
                self._move_to(CircuitState.HALF_OPEN, now)
            trial = self._state is CircuitState.HALF_OPEN
            if trial:
                if self._trials_in_flight >= self.half_open_max_calls:
                    self._metrics["rejections"] += 1
                    raise CircuitOpenError("enough trial calls are in flight")
                self._trials_in_flight += 1
            return _Ticket(self._generation, trial)

    def _record(self, ticket, outcome):
        with self._lock:
            self._metrics[{"success": "successes", "failure": "failures", "ignored": "ignored"}[outcome]] += 1
            # A stale ticket (admitted before the last state change) decides nothing.
            if ticket.generation == self._generation:
                if ticket.trial:
                    self._trials_in_flight -= 1
                if outcome != "ignored":
                    self._judge(outcome == "failure", time.monotonic_ns())
        self._announce()

    def _judge(self, failed, now):
        """Applies a fresh counted outcome to the current state (called with the lock held)."""
        if self._state is CircuitState.HALF_OPEN:
            if failed:
                self._move_to(CircuitState.OPEN, now)
            else:
                self._trial_successes += 1
                if self._trial_successes >= self.success_threshold:
                    self._move_to(CircuitState.CLOSED, now)
        elif failed:
            self._failures += 1
            if self._failures >= self.failure_threshold:
                self._move_to(CircuitState.OPEN, now)
        else:
            self._failures = 0

    def _move_to(self, state, now):
        """Changes state (lock held): a new generation, fresh counters for the new state."""
        if state is self._state:
            return
        self._pending.append((self._state, state))
        self._state = state
        self._generation += 1
        self._metrics["transitions"] += 1
        self._failures = 0
        if state is CircuitState.OPEN:
            self._opened_at = now
        elif state is CircuitState.HALF_OPEN:
            self._trials_in_flight = 0
            self._trial_successes = 0

    def _waited_long_enough(self, now):
        return now - self._opened_at >= _ns(self.recovery_timeout)

    def _announce(self):
        """Calls on_state_change for the changes noted under the lock, with the lock released."""
        with self._lock:
            pending, self._pending = self._pending, []
        if self.on_state_change is None:
            return
        for old, new in pending:
            try:
                self.on_state_change(old, new)
            except Exception:  # a raising callback must not change the breaker or the caller's result
                log.exception("on_state_change(%s, %s) failed; the breaker is unaffected", old, new)
