"""Reference solution for step 2: the completed state machine.

The wait is over once strictly more than recovery_timeout has passed (`>`, as in resilience4j and
gobreaker); uncounted errors count as successes (pybreaker, Polly v8). Step 3 replaces both rules with the
tutorial's.
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
        self._opened_at = None
        self._lock = threading.Lock()

    @property
    def state(self):
        return self._state

    def call(self, func, *args, **kwargs):
        with self._lock:
            self._before_call()
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            with self._lock:
                self._on_failure()
            raise
        except Exception:
            with self._lock:
                self._on_success()  # an uncounted error: the dependency answered (step 3 changes this)
            raise
        with self._lock:
            self._on_success()
        return result

    def _open(self):
        self._state = CircuitState.OPEN
        self._opened_at = time.monotonic()

    def _before_call(self):
        if self._state == CircuitState.OPEN:
            if time.monotonic() - self._opened_at > self.recovery_timeout:
                self._state = CircuitState.HALF_OPEN
            else:
                raise CircuitOpenError("circuit breaker is OPEN")

    def _on_success(self):
        self._failure_count = 0
        self._state = CircuitState.CLOSED

    def _on_failure(self):
        if self._state == CircuitState.HALF_OPEN:
            self._open()
            return
        self._failure_count += 1
        if self._failure_count >= self.failure_threshold:
            self._open()
