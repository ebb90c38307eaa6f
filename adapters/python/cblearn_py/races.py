"""The `race` operation: many calls released together on threads, with the breaker's locks widened."""

import _thread
import sys
import threading

from .clock import real_monotonic, real_sleep
from .errors import AdapterError
from .learner import read_state
from .locks import GreenletRLock
from .results import OUTCOMES


def race(host, name, calls, outcome):
    """Releases `calls` calls on as many threads at once (a barrier); each operation, once entered, waits
    until every call has entered or returned (at most the grace), so the admitted calls are inside
    together, then ends with `outcome`. Meanwhile the GIL's switch interval is shortened and the
    breaker's locks yield the GIL on release (_RacingLock), so a breaker that checks a permit under one
    hold of its lock and takes it under another is interleaved."""
    breaker = host.breaker(name)
    if isinstance(calls, bool) or not isinstance(calls, int) or not 1 <= calls <= 64:
        raise AdapterError("bad_request", "race needs `calls`, an integer from 1 to 64")
    if outcome not in OUTCOMES:
        raise AdapterError("bad_request", "outcome must be success, failure, ignored or fatal")
    hold = max(host.grace, 1.0)  # generous: a correct breaker must never fail for a slow thread start
    seats = _RaceSeats(calls, hold)
    results = [None] * calls
    finished = threading.Semaphore(0)
    barrier = threading.Barrier(calls)

    def runner(index):
        def job():
            try:
                barrier.wait(hold)
            except threading.BrokenBarrierError:
                pass
            reply = host.run_call(breaker, outcome, 0, False, seats.gate, seats.entered)
            if not reply["invoked"]:
                seats.settle()
            results[index] = reply
            finished.release()

        return job

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    swapped = _amplify(breaker)
    try:
        for index in range(calls):
            host.workers.run(runner(index))
        deadline = real_monotonic() + 4 * hold
        for _ in range(calls):
            if not finished.acquire(timeout=max(0.0, deadline - real_monotonic())):
                break
    finally:
        for owner, attribute, value in swapped:
            setattr(owner, attribute, value)
        sys.setswitchinterval(previous)
    listed = []
    for reply in results:
        listed.append("other" if reply is None else reply["result"])
    reply = {"results": listed, "entered": seats.count, "peak": seats.peak, "state": read_state(breaker)}
    if any(r is None for r in results):
        reply["detail"] = "some calls did not return within the grace (is a lock held while the operation runs?)"
    return reply


class _RacingLock:
    """Stands in for one of the breaker's locks during a race: the same lock underneath, but each release
    yields the GIL, so a thread woken by the release runs before the releasing thread can take the lock
    again. Under the GIL a check made under one hold of a lock and an action under the next would almost
    never be interleaved; with the yield, a breaker that checks a permit and takes it in two holds is."""

    __slots__ = ("_inner",)

    def __init__(self, inner):
        self._inner = inner

    def acquire(self, *args, **kwargs):
        return self._inner.acquire(*args, **kwargs)

    def release(self):
        self._inner.release()
        real_sleep(0)

    def __enter__(self):
        return self._inner.acquire()

    def __exit__(self, *exc):
        self.release()

    def __getattr__(self, name):  # locked(), _is_owned() and what a Condition may ask
        return getattr(self._inner, name)


_LOCK_TYPES = (type(_thread.allocate_lock()), _thread.RLock, GreenletRLock)


def _amplify(breaker):
    """Wraps the locks among the breaker's attributes (and its attributes' attributes) in _RacingLock;
    returns what to put back."""
    swapped = []
    owners = [breaker] + [v for v in getattr(breaker, "__dict__", {}).values() if hasattr(v, "__dict__")]
    for owner in owners:
        try:
            items = list(vars(owner).items())
        except TypeError:
            continue
        for name, value in items:
            if isinstance(value, _LOCK_TYPES):
                try:
                    setattr(owner, name, _RacingLock(value))
                except Exception:  # noqa: BLE001 - a read-only attribute stays as it is
                    continue
                swapped.append((owner, name, value))
    return swapped


class _RaceSeats:
    """The operations of one race: counts who entered, the most inside at once, and holds each entered
    operation until every call of the race has entered or returned (at most the grace)."""

    def __init__(self, calls, grace):
        self.calls = calls
        self.grace = grace
        self.lock = threading.Lock()
        self.settled = 0
        self.count = 0
        self.inside = 0
        self.peak = 0
        self.everyone = threading.Event()
        self.entered = self  # run_call calls entered.set() when the operation starts...
        self.gate = self  # ...and gate.wait() right after

    def settle(self):
        with self.lock:
            self.settled += 1
            if self.settled >= self.calls:
                self.everyone.set()

    def set(self):
        with self.lock:
            self.count += 1
            self.inside += 1
            self.peak = max(self.peak, self.inside)
        self.settle()

    def wait(self):
        self.everyone.wait(self.grace)
        with self.lock:
            self.inside -= 1
