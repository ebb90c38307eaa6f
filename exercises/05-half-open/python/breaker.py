"""Step 5: half-open done right.

Start from your own breaker of step 4: in the tutorial, `next` offers to copy your passing file here
(`next --from-mine` does it without asking). This file is the other way in: the interface, the
configuration and the names of the parts are here, and every decision is left blank, for the rules of
steps 3 to 5. The lessons and your earlier exercises have them.

This step adds: at most half_open_max_calls trial calls in flight at once in HALF_OPEN (any other
call meanwhile is rejected without running), success_threshold trial successes in a row to close, any
trial failure to reopen, fresh slots and a zero count every HALF_OPEN period; calls overlap, so decide
under the lock, run without it, and record under it again; a result that arrives while OPEN changes
nothing.

Check your work with:  cblearn check 5 breaker.py
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
        # TODO: the fields your decisions need (counts, times, tickets, ...).

    # --- what callers may ask ----------------------------------------------------------------------
    @property
    def state(self):
        return self._state

    def is_open(self):
        """True only while OPEN and still inside the recovery timeout; asking changes nothing."""
        # TODO: yours to write.
        raise NotImplementedError("is_open: not written yet")

    # --- the call ------------------------------------------------------------------------------------
    def call(self, func, *args, **kwargs):
        """Runs func(*args, **kwargs) through the breaker.

        When the breaker rejects the call (OPEN, or every trial slot taken) it raises CircuitOpenError.
        Errors of the operation itself always reach the caller unchanged.
        """
        # TODO: yours to write.
        raise NotImplementedError("call: not written yet")

    # --- decide and record --------------------------------------------------------------------------
    def _admit(self):
        # TODO: yours to write.
        raise NotImplementedError("_admit: not written yet")

    def _record(self, ticket, outcome):
        # TODO: yours to write.
        raise NotImplementedError("_record: not written yet")

    def _judge(self, failed, now):
        """Applies a fresh counted outcome to the current state (called with the lock held)."""
        # TODO: yours to write.
        raise NotImplementedError("_judge: not written yet")

    def _move_to(self, state, now):
        """Changes state (lock held), with fresh counters for the new state."""
        # TODO: yours to write.
        raise NotImplementedError("_move_to: not written yet")

    def _waited_long_enough(self, now):
        # TODO: yours to write.
        raise NotImplementedError("_waited_long_enough: not written yet")
