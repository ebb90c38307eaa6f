"""Step 10 solution: a breaker that keeps the Black Friday shop up.

Consecutive failures or a failure/slow-call rate over a window open it; OPEN rejects at once until the
recovery timeout; HALF_OPEN admits at most half_open_max_calls trials and closes after success_threshold
successes; a bulkhead caps the calls in flight. Results of calls admitted before a state change are
stale and ignored. The lock is never held while the protected operation runs.
"""

import logging
import threading
import time
from collections import deque
from enum import Enum


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    """Raised instead of calling the operation when the breaker rejects the call."""


class CircuitBreaker:
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception,
                 half_open_max_calls=1, success_threshold=1, on_state_change=None, window_type=None,
                 window_size=10, minimum_calls=5, failure_rate_threshold=50, slow_call_duration=None,
                 slow_call_rate_threshold=None, max_concurrent_calls=None):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self.half_open_max_calls = half_open_max_calls
        self.success_threshold = success_threshold
        self.on_state_change = on_state_change
        self.window_type = window_type
        self.window_size = window_size
        self.minimum_calls = minimum_calls
        self.failure_rate_threshold = failure_rate_threshold
        self.slow_call_duration = slow_call_duration
        self.slow_call_rate_threshold = slow_call_rate_threshold
        self.max_concurrent_calls = max_concurrent_calls
        self._lock = threading.Lock()
        self._state = CircuitState.CLOSED
        self._generation = 0
        self._opened_at = 0.0
        self._failures = 0
        self._trials = 0
        self._trial_successes = 0
        self._in_flight = 0
        self._window = deque()  # (end time, failed, slow)
        self._metrics = {"calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0,
                         "slow_calls": 0, "transitions": 0}
        self._pending = []  # state changes made under the lock, announced once it is released

    @property
    def state(self):
        return self._state

    def is_open(self):
        with self._lock:
            return self._state == CircuitState.OPEN and not self._timeout_elapsed(time.monotonic())

    def metrics(self):
        with self._lock:
            return dict(self._metrics)

    def call(self, func, *args, fallback=None, **kwargs):
        with self._lock:
            ticket = self._admit(time.monotonic())
        self._announce()
        if ticket is None:
            if fallback is not None:
                return fallback(CircuitOpenError("circuit breaker is OPEN"))
            raise CircuitOpenError("circuit breaker is OPEN")
        started = time.monotonic()
        try:
            result = func(*args, **kwargs)
        except self.expected_exception:
            self._finish(ticket, started, "failure")
            self._announce()
            raise
        except BaseException:
            self._finish(ticket, started, "ignored")
            self._announce()
            raise
        self._finish(ticket, started, "success")
        self._announce()
        return result

    def _announce(self):
        """Calls on_state_change with the lock released; a listener that raises changes nothing."""
        with self._lock:
            changes, self._pending = self._pending, []
        if self.on_state_change is None:
            return
        for old, new in changes:
            try:
                self.on_state_change(old, new)
            except Exception:
                logging.getLogger(__name__).exception("on_state_change(%s, %s) failed", old, new)

    # Admission and recording, always under the lock.

    def _timeout_elapsed(self, now):
        return now - self._opened_at >= self.recovery_timeout

    def _admit(self, now):
        self._metrics["calls"] += 1
        if self._state == CircuitState.OPEN and self._timeout_elapsed(now):
            self._move(CircuitState.HALF_OPEN, now)
        if self._state == CircuitState.OPEN:
            self._metrics["rejections"] += 1
            return None
        if self.max_concurrent_calls is not None and self._in_flight >= self.max_concurrent_calls:
            self._metrics["rejections"] += 1
            return None
        trial = self._state == CircuitState.HALF_OPEN
        if trial:
            if self._trials >= self.half_open_max_calls:
                self._metrics["rejections"] += 1
                return None
            self._trials += 1
        self._in_flight += 1
        return (self._generation, trial)

    def _finish(self, ticket, started, outcome):
        with self._lock:
            now = time.monotonic()
            self._in_flight -= 1
            generation, trial = ticket
            key = {"success": "successes", "failure": "failures", "ignored": "ignored"}[outcome]
            self._metrics[key] += 1
            slow = self.slow_call_duration is not None and now - started > self.slow_call_duration
            if slow:
                self._metrics["slow_calls"] += 1
            if generation != self._generation or outcome == "ignored":
                if trial and generation == self._generation:
                    self._trials -= 1
                return
            failed = outcome == "failure"
            if trial:
                self._trials -= 1
                if failed or slow:
                    self._move(CircuitState.OPEN, now)
                else:
                    self._trial_successes += 1
                    if self._trial_successes >= self.success_threshold:
                        self._move(CircuitState.CLOSED, now)
                return
            if self._should_trip(now, failed, slow):
                self._move(CircuitState.OPEN, now)

    def _should_trip(self, now, failed, slow):
        if self.window_type is None and self.slow_call_rate_threshold is None:
            self._failures = self._failures + 1 if failed else 0
            return self._failures >= self.failure_threshold
        self._window.append((now, failed, slow))
        if self.window_type == "time":
            while self._window and self._window[0][0] <= now - self.window_size:
                self._window.popleft()
        else:
            while len(self._window) > int(self.window_size or 10):
                self._window.popleft()
        calls = len(self._window)
        minimum = self.minimum_calls if self.window_type == "time" else min(self.minimum_calls, int(self.window_size or 10))
        if calls < minimum:
            return False
        failures = sum(1 for _, f, _ in self._window if f)
        slows = sum(1 for _, _, s in self._window if s)
        if self.window_type is not None and failures * 100 >= self.failure_rate_threshold * calls:
            return True
        return self.slow_call_rate_threshold is not None and slows * 100 >= self.slow_call_rate_threshold * calls

    def _move(self, state, now):
        if state == self._state:
            return
        old, self._state = self._state, state
        self._generation += 1
        self._metrics["transitions"] += 1
        self._trials = 0
        self._trial_successes = 0
        self._failures = 0
        self._window.clear()
        if state == CircuitState.OPEN:
            self._opened_at = now
        self._pending.append((old, state))
