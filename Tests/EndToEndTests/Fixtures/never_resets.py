import time


class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    """Trips and recovers correctly, but a success in CLOSED never resets the failure count."""

    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self._state = "CLOSED"
        self._failures = 0
        self._last_failure = 0.0

    def call(self, func, *args, **kwargs):
        if self._state == "OPEN":
            if time.monotonic() - self._last_failure >= self.recovery_timeout:
                self._state = "HALF_OPEN"
            else:
                raise CircuitOpenError()
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._failures += 1
            self._last_failure = time.monotonic()
            if self._state == "HALF_OPEN" or self._failures >= self.failure_threshold:
                self._state = "OPEN"
            raise
        if self._state == "HALF_OPEN":
            self._failures = 0
        self._state = "CLOSED"
        return result
