"""A breaker whose call never returns once OPEN: the driver must report it unresponsive, not hang."""
import threading


class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
        self.failure_threshold = failure_threshold
        self.expected_exception = expected_exception
        self._state = "CLOSED"
        self._count = 0

    def call(self, func, *args, **kwargs):
        if self._state == "OPEN":
            threading.Event().wait()  # waits forever
        try:
            return func(*args, **kwargs)
        except self.expected_exception:
            self._count += 1
            if self._count >= self.failure_threshold:
                self._state = "OPEN"
            raise
