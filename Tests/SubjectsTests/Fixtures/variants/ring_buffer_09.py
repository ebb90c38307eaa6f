"""A correct step-9 breaker: a ring buffer for count windows, a semaphore bulkhead, float seconds.

The count window is a fixed list written round-robin with running totals; a time window is a deque of
(end time, failed, slow). The bulkhead is a BoundedSemaphore taken without blocking. Calls carry the
period number they were admitted in; results from an earlier period are ignored. Times are float
seconds from time.monotonic().
"""

import threading
import time
from collections import deque
from enum import Enum


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    pass


class _Ring:
    def __init__(self, size):
        self.slots = [None] * int(size)
        self.next = 0
        self.total = self.failed = self.slow = 0

    def add(self, now, failed, slow):
        old = self.slots[self.next]
        if old is not None:
            self.total -= 1
            self.failed -= old[0]
            self.slow -= old[1]
        self.slots[self.next] = (int(failed), int(slow))
        self.next = (self.next + 1) % len(self.slots)
        self.total += 1
        self.failed += int(failed)
        self.slow += int(slow)

    def counts(self, now):
        return self.total, self.failed, self.slow

    def minimum(self, minimum_calls):
        return min(minimum_calls, len(self.slots))


class _Span:
    def __init__(self, seconds):
        self.seconds = seconds
        self.items = deque()

    def add(self, now, failed, slow):
        self.items.append((now, failed, slow))

    def counts(self, now):
        while self.items and now - self.items[0][0] >= self.seconds:
            self.items.popleft()
        return len(self.items), sum(f for _, f, _ in self.items), sum(s for _, _, s in self.items)

    def minimum(self, minimum_calls):
        return minimum_calls


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
        self._slots = threading.BoundedSemaphore(max_concurrent_calls) if max_concurrent_calls else None
        self._lock = threading.Lock()
        self._s = CircuitState.CLOSED
        self._period = 0
        self._streak = 0
        self._opened = 0.0
        self._trials = 0
        self._wins = 0
        self._window = self._new_window()
        self._events = []
        self._m = {"calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "slow_calls": 0}

    def _new_window(self):
        if self.window_type == "count":
            return _Ring(self.window_size)
        if self.window_type == "time":
            return _Span(self.window_size)
        return None

    @property
    def state(self):
        return self._s

    def is_open(self):
        with self._lock:
            return self._s is CircuitState.OPEN and time.monotonic() - self._opened < self.recovery_timeout

    def metrics(self):
        with self._lock:
            return dict(self._m)

    def _to(self, new, now):
        if new is self._s:
            return
        self._events.append((self._s, new))
        self._s = new
        self._period += 1
        self._streak = 0
        if new is CircuitState.OPEN:
            self._opened = now
        elif new is CircuitState.HALF_OPEN:
            self._trials = 0
            self._wins = 0
        else:
            self._window = self._new_window()

    def _tell(self):
        with self._lock:
            events, self._events = self._events, []
        for old, new in events:
            if self.on_state_change:
                try:
                    self.on_state_change(old, new)
                except Exception:
                    pass

    def call(self, func, *args, fallback=None, **kwargs):
        refusal = None
        with self._lock:
            self._m["calls"] += 1
            now = time.monotonic()
            if self._slots is not None and not self._slots.acquire(blocking=False):
                refusal = CircuitOpenError("bulkhead full")
            else:
                if self._s is CircuitState.OPEN and now - self._opened >= self.recovery_timeout:
                    self._to(CircuitState.HALF_OPEN, now)
                if self._s is CircuitState.OPEN:
                    refusal = CircuitOpenError("open")
                elif self._s is CircuitState.HALF_OPEN and self._trials >= self.half_open_max_calls:
                    refusal = CircuitOpenError("trials busy")
                if refusal is not None and self._slots is not None:
                    self._slots.release()  # a refused call gives its bulkhead slot back
            if refusal is not None:
                self._m["rejections"] += 1
            else:
                trial = self._s is CircuitState.HALF_OPEN
                self._trials += trial
                ticket = (self._period, trial, now)
        self._tell()
        if refusal is not None:
            if fallback is None:
                raise refusal
            return fallback(refusal)
        try:
            value = func(*args, **kwargs)
        except self.expected_exception:
            self._end(ticket, "failures")
            raise
        except BaseException:
            self._end(ticket, "ignored")
            raise
        self._end(ticket, "successes")
        return value

    def _end(self, ticket, how):
        period, trial, started = ticket
        with self._lock:
            if self._slots is not None:
                self._slots.release()
            now = time.monotonic()
            self._m[how] += 1
            slow = self.slow_call_duration is not None and now - started > self.slow_call_duration
            self._m["slow_calls"] += slow
            if period == self._period:
                if trial:
                    self._trials -= 1
                if how != "ignored":
                    self._judge(how == "failures", slow, now)
        self._tell()

    def _judge(self, failed, slow, now):
        if self._s is CircuitState.HALF_OPEN:
            if failed or (slow and self.slow_call_rate_threshold is not None):
                self._to(CircuitState.OPEN, now)
            else:
                self._wins += 1
                if self._wins >= self.success_threshold:
                    self._to(CircuitState.CLOSED, now)
            return
        if self._window is None:
            self._streak = self._streak + 1 if failed else 0
            if self._streak >= self.failure_threshold:
                self._to(CircuitState.OPEN, now)
            return
        self._window.add(now, failed, slow)
        total, bad, slows = self._window.counts(now)
        if total == 0 or total < self._window.minimum(self.minimum_calls):
            return
        if bad * 100 >= self.failure_rate_threshold * total or (
            self.slow_call_rate_threshold is not None and slows * 100 >= self.slow_call_rate_threshold * total
        ):
            self._to(CircuitState.OPEN, now)
