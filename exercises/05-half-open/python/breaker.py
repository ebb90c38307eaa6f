"""Step 5: half-open done right.

Below is the breaker of step 4 (or paste in your own). It is correct only while calls arrive one at a
time. Make it correct when they overlap:

  * half_open_max_calls: at most that many trial calls in flight at once in HALF_OPEN; any other call
    meanwhile raises CircuitOpenError without calling func;
  * success_threshold: that many trial successes in a row close the breaker; any trial failure reopens it
    and restarts the full wait; every HALF_OPEN period starts with all slots free and the count at zero;
  * thread safety without holding the lock while func runs: decide under the lock, run, record under it;
  * stale results: a call admitted before the last state change decides nothing when it ends (it does not
    close, re-arm the wait, or free a trial slot). Number the state changes (a generation) and compare;
  * an error outside expected_exception gives its trial slot back and counts nothing.

Check your work with:  cblearn check 5 breaker.py
"""

import threading
import time
from enum import Enum


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    """Raised instead of calling the operation while the breaker is OPEN."""


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
        self.half_open_max_calls = half_open_max_calls  # TODO: at most this many trial calls at once
        self.success_threshold = success_threshold  # TODO: this many trial successes in a row close
        self._state = CircuitState.CLOSED
        self._failure_count = 0
        self._last_failure_time = None
        self._lock = threading.Lock()
        # TODO: a generation number (+1 on every state change), trial calls in flight, trial successes.

    @property
    def state(self):
        return self._state

    def _waited_long_enough(self):
        return time.monotonic() - self._last_failure_time >= self.recovery_timeout

    def is_open(self):
        """True only while OPEN and still inside the recovery timeout; asking changes nothing."""
        with self._lock:
            return self._state == CircuitState.OPEN and not self._waited_long_enough()

    def call(self, func, *args, **kwargs):
        # TODO: in HALF_OPEN admit at most half_open_max_calls trials; give each admitted call a ticket
        # (the generation, and whether it is a trial) and hand it to _on_success/_on_failure.
        with self._lock:
            if self._state == CircuitState.OPEN:
                if not self._waited_long_enough():
                    raise CircuitOpenError("circuit breaker is OPEN")  # a rejection is not a failure
                self._state = CircuitState.HALF_OPEN
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._on_failure()
            raise
        # TODO: an error outside expected_exception must give its trial slot back (and count nothing).
        self._on_success()
        return result

    def _on_success(self):
        # TODO: ignore stale results; in HALF_OPEN close only after success_threshold trial successes.
        with self._lock:
            self._failure_count = 0
            self._state = CircuitState.CLOSED

    def _on_failure(self):
        # TODO: ignore stale results: a late failure must not re-arm the wait of an OPEN breaker.
        with self._lock:
            self._failure_count += 1
            self._last_failure_time = time.monotonic()
            if self._state == CircuitState.HALF_OPEN or self._failure_count >= self.failure_threshold:
                self._state = CircuitState.OPEN
