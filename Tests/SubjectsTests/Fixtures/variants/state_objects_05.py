"""A correct step-5 breaker in the state pattern: one object per state, float deadlines.

Each state is a class that decides admissions and judges results; the breaker swaps the object on every
change. A call keeps a reference to the state object that admitted it: a result whose state object is no
longer current is stale and changes nothing. The recovery deadline is a float `time.monotonic()` value.
"""

import threading
import time
from enum import Enum


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    pass


class _Closed:
    name = CircuitState.CLOSED

    def __init__(self, breaker):
        self.breaker = breaker
        self.failures = 0

    def admit(self, now):
        return False

    def judge(self, failed, trial, now):
        if not failed:
            self.failures = 0
            return
        self.failures += 1
        if self.failures >= self.breaker.failure_threshold:
            self.breaker._become(_Open(self.breaker, now))


class _Open:
    name = CircuitState.OPEN

    def __init__(self, breaker, now):
        self.breaker = breaker
        self.retry_at = now + breaker.recovery_timeout

    def admit(self, now):
        if now < self.retry_at:
            raise CircuitOpenError("open")
        trial = _HalfOpen(self.breaker)
        self.breaker._become(trial)
        return trial.admit(now)

    def judge(self, failed, trial, now):
        pass


class _HalfOpen:
    name = CircuitState.HALF_OPEN

    def __init__(self, breaker):
        self.breaker = breaker
        self.running = 0
        self.successes = 0

    def admit(self, now):
        if self.running >= self.breaker.half_open_max_calls:
            raise CircuitOpenError("trials full")
        self.running += 1
        return True

    def judge(self, failed, trial, now):
        if failed:
            self.breaker._become(_Open(self.breaker, now))
            return
        self.successes += 1
        if self.successes >= self.breaker.success_threshold:
            self.breaker._become(_Closed(self.breaker))


class CircuitBreaker:
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception,
                 half_open_max_calls=1, success_threshold=1):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self.half_open_max_calls = half_open_max_calls
        self.success_threshold = success_threshold
        self._guard = threading.RLock()
        self._mode = _Closed(self)

    @property
    def state(self):
        return self._mode.name

    def is_open(self):
        with self._guard:
            mode = self._mode
            return isinstance(mode, _Open) and time.monotonic() < mode.retry_at

    def _become(self, mode):
        self._mode = mode

    def call(self, func, *args, **kwargs):
        with self._guard:
            owner = self._mode
            trial = owner.admit(time.monotonic())
            owner = self._mode
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._finish(owner, trial, True)
            raise
        except BaseException:
            self._finish(owner, trial, None)
            raise
        self._finish(owner, trial, False)
        return result

    def _finish(self, owner, trial, failed):
        with self._guard:
            if owner is not self._mode:
                return
            if trial:
                owner.running -= 1
            if failed is not None:
                owner.judge(failed, trial, time.monotonic())
