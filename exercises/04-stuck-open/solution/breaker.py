"""Reference solution for step 4: the repaired breaker, with an is_open that honours the timeout."""

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
        self._lock = threading.Lock()

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
