"""A correct step-3 breaker in the style of pybreaker: the whole call runs under one re-entrant lock.

Holding the lock while the operation runs is allowed until step 5 forbids it."""

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
        self._lock = threading.RLock()

    @property
    def state(self):
        return self._state

    def call(self, func, *args, **kwargs):
        # pybreaker's style: the whole call under one re-entrant lock.
        with self._lock:
            if self._state == CircuitState.OPEN:
                if time.monotonic() - self._last_failure_time >= self.recovery_timeout:
                    self._state = CircuitState.HALF_OPEN
                else:
                    raise CircuitOpenError("circuit breaker is OPEN")
            try:
                result = func(*args, **kwargs)
            except self.expected_exception:
                self._on_failure()
                raise
            self._on_success()
            return result

    def _on_success(self):
        with self._lock:
            self._failure_count = 0
            self._state = CircuitState.CLOSED

    def _on_failure(self):
        with self._lock:
            self._failure_count += 1
            self._last_failure_time = time.monotonic()
            if self._state == CircuitState.HALF_OPEN or self._failure_count >= self.failure_threshold:
                self._state = CircuitState.OPEN
