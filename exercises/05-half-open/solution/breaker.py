"""Reference solution for step 5: half-open done right.

Everything of steps 3 and 4, plus: at most `half_open_max_calls` trial calls at once (extra calls are
rejected without running), `success_threshold` trial successes in a row to close, any trial failure to
reopen, every HALF_OPEN period with fresh slots and a zero count; thread safety without holding the lock
during the call; and a result that arrives while OPEN changes nothing. (Results of calls admitted before a
state change that arrive in another state are counted where they land; step 6 discards them.)

The shape of every call: decide under the lock (`_admit`), run the operation without it, and record the
outcome under the lock again (`_record`).

Time is read with time.monotonic_ns(): integer nanoseconds make the boundaries exact (a wait of exactly
recovery_timeout), where float seconds can be off by a rounding error.
"""

import threading
import time
from collections import namedtuple
from enum import Enum


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    """Raised instead of calling the operation when the breaker rejects the call."""


def _ns(seconds):
    """Seconds (int or float) as integer nanoseconds; None stays None."""
    return None if seconds is None else round(seconds * 1_000_000_000)


# What `_admit` hands to `_record`: whether the call is a trial call, and the HALF_OPEN period it belongs to.
_Ticket = namedtuple("_Ticket", "trial period")


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold=5,
        recovery_timeout=60,
        expected_exception=Exception,
        half_open_max_calls=1,
        success_threshold=1,
    ):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self.half_open_max_calls = half_open_max_calls
        self.success_threshold = success_threshold

        self._lock = threading.Lock()
        self._state = CircuitState.CLOSED
        self._period = 0  # +1 on every entry into HALF_OPEN: a trial's slot belongs to its period
        self._opened_at = None
        self._failures = 0  # consecutive counted failures in CLOSED
        self._trials_in_flight = 0
        self._trial_successes = 0

    # --- what callers may ask ----------------------------------------------------------------------
    @property
    def state(self):
        return self._state

    def is_open(self):
        """True only while OPEN and still inside the recovery timeout; asking changes nothing."""
        with self._lock:
            return self._state is CircuitState.OPEN and not self._waited_long_enough(time.monotonic_ns())

    # --- the call ------------------------------------------------------------------------------------
    def call(self, func, *args, **kwargs):
        """Runs func(*args, **kwargs) through the breaker.

        When the breaker rejects the call (OPEN, or every trial slot taken) it raises CircuitOpenError.
        Errors of the operation itself always reach the caller unchanged.
        """
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
        return result

    # --- decide and record --------------------------------------------------------------------------
    def _admit(self):
        with self._lock:
            now = time.monotonic_ns()
            if self._state is CircuitState.OPEN:
                if not self._waited_long_enough(now):
                    raise CircuitOpenError("circuit breaker is OPEN")  # a rejection is not a failure
                self._move_to(CircuitState.HALF_OPEN, now)
            trial = self._state is CircuitState.HALF_OPEN
            if trial:
                if self._trials_in_flight >= self.half_open_max_calls:
                    raise CircuitOpenError("enough trial calls are in flight")
                self._trials_in_flight += 1
            return _Ticket(trial, self._period)

    def _record(self, ticket, outcome):
        with self._lock:
            if ticket.trial and ticket.period == self._period and self._state is CircuitState.HALF_OPEN:
                self._trials_in_flight -= 1  # only this period's trials hold this period's slots
            if outcome != "ignored" and self._state is not CircuitState.OPEN:
                self._judge(outcome == "failure", time.monotonic_ns())  # OPEN: a late result changes nothing

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
        """Changes state (lock held), with fresh counters for the new state."""
        if state is self._state:
            return
        self._state = state
        self._failures = 0
        if state is CircuitState.OPEN:
            self._opened_at = now
        elif state is CircuitState.HALF_OPEN:
            self._period += 1
            self._trials_in_flight = 0
            self._trial_successes = 0

    def _waited_long_enough(self, now):
        return now - self._opened_at >= _ns(self.recovery_timeout)

