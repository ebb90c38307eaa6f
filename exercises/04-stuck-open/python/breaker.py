"""Step 4: stuck open.

This breaker passed a quick manual test, went to production, and got stuck: pages kept failing long after
the pricing service was healthy again. It has four bugs in its reset logic. Find and fix them; the checks
name the symptom of each. Then make sure is_open() honours the recovery timeout, because callers use it to
fail fast:

    if breaker.is_open():
        return cached_price()          # never even tries the service
    return breaker.call(fetch_price)

Check your work with:  cblearn check 4 breaker.py
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
        self._failure_count = 0
        self._last_failure_time = None
        self._trial_running = False
        self._lock = threading.Lock()

    @property
    def state(self):
        return self._state

    def is_open(self):
        return self._state == CircuitState.OPEN

    def call(self, func, *args, **kwargs):
        with self._lock:
            if self._state == CircuitState.OPEN:
                if time.monotonic() - self._last_failure_time >= self.recovery_timeout:
                    self._state = CircuitState.HALF_OPEN
                else:
                    self._last_failure_time = time.monotonic()
                    raise CircuitOpenError("circuit breaker is OPEN")
            if self._state == CircuitState.HALF_OPEN:
                if self._trial_running:
                    raise CircuitOpenError("a trial call is already running")
                self._trial_running = True
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._on_failure()
            raise
        self._on_success()
        return result

    def _on_success(self):
        with self._lock:
            self._trial_running = False
            self._state = CircuitState.CLOSED

    def _on_failure(self):
        with self._lock:
            self._trial_running = False
            self._failure_count += 1
            self._last_failure_time = time.monotonic()
            if self._failure_count >= self.failure_threshold:
                self._state = CircuitState.OPEN
