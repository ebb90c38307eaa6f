"""The virtual clock: every time source the learner's module reads, moving only when told."""

import datetime as _dt
import threading
import time as _time

real_monotonic = _time.monotonic  # the real clocks, for the adapter's own waits
real_sleep = _time.sleep


class VirtualClock:
    """One clock for every time source the learner's module reads; it moves only when told."""

    def __init__(self):
        self._lock = threading.Lock()
        self.base = 1_700_000_000  # replaced by `create`
        self.mono_base = 273_845  # a realistic uptime in seconds
        self.offset_ns = 0

    def set(self, unix_seconds):
        with self._lock:
            self.base = int(unix_seconds)
            self.offset_ns = 0

    def advance(self, seconds):
        if seconds < 0:
            raise ValueError("the virtual clock never goes backwards")
        with self._lock:
            self.offset_ns += int(round(seconds * 1_000_000_000))

    def time(self):
        return self.base + self.offset_ns / 1e9

    def time_ns(self):
        return self.base * 1_000_000_000 + self.offset_ns

    def monotonic(self):
        return self.mono_base + self.offset_ns / 1e9

    def monotonic_ns(self):
        return self.mono_base * 1_000_000_000 + self.offset_ns

    def sleep(self, seconds):
        self.advance(max(0.0, float(seconds)))


CLOCK = VirtualClock()

_RealDatetime = _dt.datetime


class VirtualDatetime(_RealDatetime):
    """`datetime.datetime` whose now/utcnow/today read the virtual clock."""

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(CLOCK.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.fromtimestamp(CLOCK.time(), _dt.timezone.utc).replace(tzinfo=None)

    @classmethod
    def today(cls):
        return cls.fromtimestamp(CLOCK.time())


def install():
    """Points `time` and `datetime.datetime` at the virtual clock; before the learner's module is imported, so
    `from time import monotonic` binds the virtual clock too."""
    _time.time = CLOCK.time
    _time.time_ns = CLOCK.time_ns
    _time.monotonic = CLOCK.monotonic
    _time.monotonic_ns = CLOCK.monotonic_ns
    _time.perf_counter = CLOCK.monotonic
    _time.perf_counter_ns = CLOCK.monotonic_ns
    _time.sleep = CLOCK.sleep
    _dt.datetime = VirtualDatetime
