import threading


class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    """Deadlocks on its first call: the lock is not re-entrant."""

    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
        self._lock = threading.Lock()
        self._state = "CLOSED"

    def call(self, func, *args, **kwargs):
        with self._lock:
            with self._lock:
                return func(*args, **kwargs)
