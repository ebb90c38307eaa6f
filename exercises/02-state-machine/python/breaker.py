"""Step 2: complete the state machine.

The plumbing is done: `call` asks `_before_call` whether the call may go ahead, runs the operation, and
reports the outcome to `_on_success` or `_on_failure`. Fill in the three transition methods so that:
  CLOSED    --failure_threshold consecutive failures-->  OPEN
  OPEN      --a call once recovery_timeout has passed-->  HALF_OPEN (that call is a trial)
  HALF_OPEN --the trial succeeds-->  CLOSED
  HALF_OPEN --the trial fails-->  OPEN (and the wait starts again)
While OPEN, _before_call must raise CircuitOpenError so the operation is never called.

In this step an error outside expected_exception counts as a success (the dependency did answer), as in
pybreaker and Polly v8: `call` already sends it to _on_success. Step 3 changes that rule.

Check your work with:  cblearn check 2 breaker.py
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

    def _before_call(self):
        """OPEN: raise CircuitOpenError, unless recovery_timeout has passed since _opened_at (then HALF_OPEN)."""
        # TODO

    def _on_success(self):
        """CLOSED: forget earlier failures. HALF_OPEN: the trial worked, close the breaker."""
        # TODO

    def _on_failure(self):
        """CLOSED: count it, and open at the threshold. HALF_OPEN: the trial failed, open again."""
        # TODO: when opening, remember the time: self._opened_at = time.monotonic()
