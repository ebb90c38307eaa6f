"""A correct step-7 breaker that hands out trial tokens instead of counting generations.

HALF_OPEN gives each trial a fresh token object kept in a set; a result whose token is not in the set (the
period ended, or the call was no trial) is not a trial result. Outside HALF_OPEN a call carries the epoch of
the CLOSED period it started in. The deadline is a float. Events go to on_state_change outside the lock,
metrics count every call by how it ended, and a rejected call returns its fallback.
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


class CircuitBreaker:
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception,
                 half_open_max_calls=1, success_threshold=1, on_state_change=None):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self.half_open_max_calls = half_open_max_calls
        self.success_threshold = success_threshold
        self.on_state_change = on_state_change
        self._lock = threading.Lock()
        self._current = CircuitState.CLOSED
        self._closed_epoch = 0
        self._failures = 0
        self._retry_at = 0.0
        self._tokens = set()
        self._trial_wins = 0
        self._queue = []
        self._counts = {"calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0}

    @property
    def state(self):
        return self._current

    def is_open(self):
        with self._lock:
            return self._current is CircuitState.OPEN and time.monotonic() < self._retry_at

    def metrics(self):
        with self._lock:
            return dict(self._counts)

    def _set(self, new):
        old, self._current = self._current, new
        if old is not new:
            self._queue.append((old, new))
            self._tokens = set()  # a trial of an ended period is no trial of the next
            if new is CircuitState.CLOSED:
                self._closed_epoch += 1
                self._failures = 0
            elif new is CircuitState.HALF_OPEN:
                self._trial_wins = 0
            else:
                self._retry_at = time.monotonic() + self.recovery_timeout

    def _flush(self):
        with self._lock:
            queue, self._queue = self._queue, []
        for old, new in queue:
            if self.on_state_change is not None:
                try:
                    self.on_state_change(old, new)
                except Exception:
                    pass

    def call(self, func, *args, fallback=None, **kwargs):
        with self._lock:
            self._counts["calls"] += 1
            error = None
            if self._current is CircuitState.OPEN:
                if time.monotonic() >= self._retry_at:
                    self._set(CircuitState.HALF_OPEN)
                else:
                    error = CircuitOpenError("open")
            ticket = ("closed", self._closed_epoch)
            if error is None and self._current is CircuitState.HALF_OPEN:
                if len(self._tokens) >= self.half_open_max_calls:
                    error = CircuitOpenError("trials busy")
                else:
                    ticket = object()
                    self._tokens.add(ticket)
            if error is not None:
                self._counts["rejections"] += 1
        self._flush()
        if error is not None:
            if fallback is None:
                raise error
            return fallback(error)
        try:
            value = func(*args, **kwargs)
        except self.expected_exception:
            self._done(ticket, "failures")
            raise
        except BaseException:
            self._done(ticket, "ignored")
            raise
        self._done(ticket, "successes")
        return value

    def _done(self, ticket, how):
        with self._lock:
            self._counts[how] += 1
            if isinstance(ticket, tuple):
                fresh = self._current is CircuitState.CLOSED and ticket[1] == self._closed_epoch
                if fresh and how == "failures":
                    self._failures += 1
                    if self._failures >= self.failure_threshold:
                        self._set(CircuitState.OPEN)
                elif fresh and how == "successes":
                    self._failures = 0
            elif ticket in self._tokens:
                self._tokens.discard(ticket)
                if how == "failures":
                    self._set(CircuitState.OPEN)
                elif how == "successes":
                    self._trial_wins += 1
                    if self._trial_wins >= self.success_threshold:
                        self._set(CircuitState.CLOSED)
        self._flush()
