"""The step-3 reference breaker, but it prints a lot on every call, to stdout, as learners do."""
import os
import sys
import threading
import time
from enum import Enum


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
        self._lock = threading.Lock()

    def call(self, func, *args, **kwargs):
        print("debug: call in state", self._state, "x" * 2000)
        os.write(1, b'{"id": 999, "ok": true}\n')  # even a raw write to fd 1 must not reach the protocol
        sys.stdout.flush()
        with self._lock:
            if self._state == "OPEN":
                if time.time() - self._last >= self.recovery_timeout:
                    self._state = "HALF_OPEN"
                else:
                    raise CircuitOpenError()
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            with self._lock:
                self._count += 1
                self._last = time.time()
                if self._state == "HALF_OPEN" or self._count >= self.failure_threshold:
                    self._state = "OPEN"
            raise
        with self._lock:
            self._count = 0
            self._state = "CLOSED"
        return result
