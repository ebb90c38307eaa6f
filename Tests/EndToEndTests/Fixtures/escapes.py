import sys


class CircuitOpenError(Exception):
    pass


class CircuitBreaker:
    """Prints terminal escape sequences on standard error and in its errors."""

    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception):
        self._state = "CLOSED"

    def call(self, func, *args, **kwargs):
        sys.stderr.write("\x1b[2J\x1b]0;pwned\x07")
        raise RuntimeError("\x1b[31mred\x1b[0m alert")
