"""Holds its lock while the protected call runs (pybreaker's old design): overlapping calls block."""
import threading
import time


class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self._state = "CLOSED"
        self._count = 0
        self._last = None
        self._lock = threading.RLock()

    def call(self, func, *args, **kwargs):
        with self._lock:
            if self._state == "OPEN":
                if time.time() - self._last >= self.recovery_timeout:
                    self._state = "HALF_OPEN"
                else:
                    raise CircuitOpenError()
            try:
                result = func(*args, **kwargs)
            except self.expected_exception:
                self._count += 1
                self._last = time.time()
                if self._state == "HALF_OPEN" or self._count >= self.failure_threshold:
                    self._state = "OPEN"
                raise
            self._count = 0
            self._state = "CLOSED"
            return result
