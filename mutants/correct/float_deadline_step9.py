"""A correct step-9 breaker with float deadlines, token sets for permits, and a list-based window.

Written independently of the reference solution: times are float seconds from time.time() (the clock starts
at a whole second and the checks use binary fractions, so the boundaries are exact), trial permits and
bulkhead slots are sets of tokens, and the window is a plain list rebuilt on eviction.
"""

import itertools
import threading
import time


class CircuitOpenError(Exception):
    pass


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
        self._guard = threading.RLock()
        self._tokens = itertools.count(1)
        self._state = "CLOSED"
        self._epoch = 0
        self._reopen_at = 0.0
        self._streak = 0
        self._trials = set()
        self._slots = set()
        self._good = 0
        self._window = []  # (end time, failed, slow)
        self._counts = {"calls": 0, "successes": 0, "failures": 0, "ignored": 0, "rejections": 0, "slow_calls": 0}
        self._news = []

    @property
    def state(self):
        return self._state

    def is_open(self):
        with self._guard:
            return self._state == "OPEN" and time.time() < self._reopen_at

    def metrics(self):
        with self._guard:
            return dict(self._counts)

    def _go(self, new, now):
        if new == self._state:
            return
        self._news.append((self._state, new))
        self._state = new
        self._epoch += 1
        self._streak = 0
        self._trials = set()
        self._good = 0
        if new == "OPEN":
            self._reopen_at = now + self.recovery_timeout
        if new == "CLOSED":
            self._window = []

    def _tell(self):
        with self._guard:
            news, self._news = self._news, []
        for old, new in news:
            if self.on_state_change is not None:
                try:
                    self.on_state_change(old, new)
                except Exception:
                    pass

    def call(self, func, *args, fallback=None, **kwargs):
        with self._guard:
            now = time.time()
            self._counts["calls"] += 1
            token = next(self._tokens)
            refusal = None
            if self.max_concurrent_calls is not None and len(self._slots) >= self.max_concurrent_calls:
                refusal = CircuitOpenError("bulkhead full")
            elif self._state == "OPEN" and now < self._reopen_at:
                refusal = CircuitOpenError("open")
            else:
                if self._state == "OPEN":
                    self._go("HALF_OPEN", now)
                if self._state == "HALF_OPEN" and len(self._trials) >= self.half_open_max_calls:
                    refusal = CircuitOpenError("trials in flight")
            if refusal is not None:
                self._counts["rejections"] += 1
            else:
                self._slots.add(token)
                if self._state == "HALF_OPEN":
                    self._trials.add(token)
                ticket = (token, self._epoch, now)
        self._tell()
        if refusal is not None:
            if fallback is None:
                raise refusal
            return fallback(refusal)
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

    def _done(self, ticket, kind):
        token, epoch, started = ticket
        with self._guard:
            now = time.time()
            self._slots.discard(token)
            self._counts[kind] += 1
            slow = self.slow_call_duration is not None and now - started > self.slow_call_duration
            if slow:
                self._counts["slow_calls"] += 1
            if epoch == self._epoch and kind != "ignored":
                self._judge(kind == "failures", slow, now)
            if epoch == self._epoch:
                self._trials.discard(token)
        self._tell()

    def _judge(self, failed, slow, now):
        if self._state == "HALF_OPEN":
            if failed or (slow and self.slow_call_rate_threshold is not None):
                self._go("OPEN", now)
            else:
                self._good += 1
                if self._good >= self.success_threshold:
                    self._go("CLOSED", now)
            return
        if self.window_type is None:
            self._streak = self._streak + 1 if failed else 0
            if self._streak >= self.failure_threshold:
                self._go("OPEN", now)
            return
        self._window.append((now, failed, slow))
        if self.window_type == "count":
            self._window = self._window[-self.window_size:]
        self._evict(now)
        total = len(self._window)
        need = min(self.minimum_calls, self.window_size) if self.window_type == "count" else self.minimum_calls
        if total == 0 or total < need:
            return
        bad = sum(1 for _, f, _ in self._window if f)
        late = sum(1 for _, _, s in self._window if s)
        if bad * 100 >= self.failure_rate_threshold * total:
            self._go("OPEN", now)
        elif self.slow_call_rate_threshold is not None and late * 100 >= self.slow_call_rate_threshold * total:
            self._go("OPEN", now)

    def _evict(self, now):
        if self.window_type == "time":
            self._window = [e for e in self._window if e[0] > now - self.window_size]
