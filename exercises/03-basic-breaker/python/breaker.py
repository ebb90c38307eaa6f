"""Step 3: the basic circuit breaker.

Build the tutorial's breaker. The checks expect, with the configuration you are given:
  * consecutive failures >= failure_threshold open the breaker (a success resets the count);
  * while OPEN, calls raise CircuitOpenError without calling func;
  * once recovery_timeout seconds have passed since the last recorded failure (>=, inclusive), the next call
    is let through as a trial (HALF_OPEN): success closes the breaker and resets the count, failure opens
    it again and restarts the wait;
  * exceptions that are not expected_exception propagate and change nothing.

Read the time with time.monotonic() (or time.time()): cblearn replaces them with a virtual clock.
Check your work with:  cblearn check 3 breaker.py
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
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self._state = CircuitState.CLOSED
        self._lock = threading.Lock()
        # TODO: what else must the breaker remember? (a failure count, the time of the last failure)

    @property
    def state(self):
        return self._state

    def call(self, func, *args, **kwargs):
        # TODO: reject while OPEN (unless the recovery timeout has passed), count failures, reset on success.
        return func(*args, **kwargs)
