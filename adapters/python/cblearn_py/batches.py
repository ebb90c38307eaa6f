"""The `batch` operation: many overlapping calls in one request, run in order on one thread, each call in
flight suspended inside its operation as a greenlet (docs/protocol.md, Batches)."""

import enum
import sys
import threading

from . import locks
from .clock import CLOCK, real_monotonic
from .errors import AdapterError, describe, trimmed
from .learner import STATE_CHARS, read_state, state_name
from .batch_events import ENTERED as _ENTERED, ended_early, ended_wrong, event_ns
from .batch_threads import run_threads
from .results import NO_ARGUMENTS, OUTCOMES, end_operation, sort_result
from .wire import send_and_exit


class Batches:
    """Runs `batch` requests: every event in order, each call suspended in its operation until its finish.

    With greenlets, everything runs on the main thread: a pool of worker greenlets each run one call at a
    time; the operation switches back to the driver (this loop) to suspend, and the finish switches into it
    with the outcome. A lock the breaker holds while the operation runs then deadlocks the one thread, so a
    watchdog thread watches a per-event progress stamp and, past the grace, replies `blocked` and exits.
    Without greenlets, each call runs on a thread of the pool as `begin` does (`batch_threads`), and an
    event that does not end within the grace is `blocked` as well. Calls begun by batches are kept apart
    from those of `begin`.
    """

    def __init__(self, host):
        self.host = host
        self.grace = host.grace
        self.use_greenlets = locks.greenlet is not None
        self.flight = {}  # call id -> (greenlet, breaker, breaker name) or batch_threads.ThreadCall
        self.idle = []  # worker greenlets waiting for a call
        self.stuck = []  # worker greenlets whose breaker ran the operation again after it ended
        self.state_cache = {}  # id of a breaker's `_state` value -> C, O or H (by id: an enum hashes slowly)
        self.state_values = []  # ...and the values, kept alive so that their ids stay theirs
        self.driver = locks.greenlet.getcurrent() if self.use_greenlets else None
        # The progress stamp: [event index, batch token (None between batches), events, request id].
        self.progress = [0, None, None, None]
        self.sequence = 0
        watchdog = threading.Thread(target=self.watch, name="cblearn-batch-watchdog", daemon=True)
        watchdog.start()

    # the watchdog ---------------------------------------------------------------
    def watch(self):
        progress = self.progress
        pause = threading.Event().wait  # a C-level timed wait: time.sleep is the virtual clock's
        interval = min(0.05, self.grace / 4)
        seen = None
        since = 0.0
        while True:
            pause(interval)
            token = progress[1]
            if token is None:
                seen = None
                continue
            key = (token, progress[0])
            now = real_monotonic()
            if key != seen:
                seen, since = key, now
            elif now - since >= self.grace and progress[1] is token:
                self.blocked(progress[3], progress[2], key[1])

    def blocked(self, rid, events, index):
        """Replies `blocked` for event `index` and exits: the thread running the event never comes back."""
        try:
            event = events[index]
            if event[1] == "b":
                what = f"begin of call '{event[3]}' on breaker '{event[2]}'"
            else:
                entry = self.flight.get(event[2])
                name = entry[2] if isinstance(entry, tuple) else (entry.name if entry else "?")
                what = f"finish ({event[3]}) of call '{event[2]}' on breaker '{name}'"
        except Exception:  # noqa: BLE001 - a message is all that is at stake
            what = "an event"
        message = (
            f"event {index} ({what}) did not return within {round(self.grace * 1000)} ms: "
            "is a lock held while the operation runs?"
        )
        try:
            sys.stderr.write(f"cblearn: batch {message}; the adapter exits\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001
            pass
        send_and_exit({"id": rid, "ok": False, "error": {"kind": "blocked", "message": message}}, 1)

    # one request ------------------------------------------------------------------
    def run(self, rid, events):
        if not isinstance(events, list):
            raise AdapterError("bad_request", "batch needs `events`, an array")
        progress = self.progress
        self.sequence += 1
        progress[0] = 0
        progress[2] = events
        progress[3] = rid
        progress[1] = self.sequence
        results = []
        states = []
        errors = []
        try:
            if self.use_greenlets:
                self.run_greenlets(events, results, states, errors)
            else:
                run_threads(self, rid, events, results, states, errors)
        finally:
            progress[1] = None
        reply = {"results": "".join(results), "states": "".join(states)}
        if errors:
            reply["errors"] = errors
        return reply

    def run_greenlets(self, events, results, states, errors):
        progress = self.progress
        flight = self.flight
        idle = self.idle
        breakers = self.host.breakers
        clock = CLOCK
        cache = self.state_cache
        slow_state = self.slow_state
        new_worker = self.new_worker
        entered = _ENTERED
        outcomes = OUTCOMES
        add_result = results.append
        add_state = states.append
        index = 0
        try:
            for index, event in enumerate(events):
                progress[0] = index
                dt, kind, a, b = event
                if dt:
                    if dt.__class__ is not int or dt < 0:
                        dt = event_ns(dt, index)
                    clock.offset_ns += dt  # only this thread moves the clock while a batch runs
                if kind == "b":
                    breaker = breakers.get(a)
                    if breaker is None:
                        raise AdapterError("bad_request", f"event {index}: no breaker named '{a}'; send create first")
                    if b in flight:
                        raise AdapterError("bad_request", f"event {index}: call '{b}' is already in flight")
                    worker = idle.pop() if idle else new_worker()
                    try:
                        r = worker.switch(breaker)
                    except BaseException as exc:  # noqa: BLE001 - the worker died of it: the call is over
                        r = ("other", trimmed(describe(exc)))
                    if r is entered:
                        flight[b] = (worker, breaker, a)
                        add_result("r")
                    elif r == "x":
                        add_result("x")
                    else:
                        add_result("e")
                        errors.append([index, ended_early(r)])
                elif kind == "f":
                    call = flight.get(a)
                    if call is None:
                        raise AdapterError("bad_request", f"event {index}: no call '{a}' is in flight")
                    if b not in outcomes:
                        raise AdapterError("bad_request", f"event {index}: outcome must be success, failure, ignored or fatal")
                    breaker = call[1]
                    try:
                        r = call[0].switch(b)
                    except BaseException as exc:  # noqa: BLE001
                        r = ("other", trimmed(describe(exc)))
                    del flight[a]
                    if r == b:
                        add_result("d")
                    else:
                        add_result("e")
                        if r is entered:
                            self.stuck.append(call[0])
                            errors.append([index, "the breaker ran the operation again after it ended"])
                        else:
                            errors.append([index, ended_wrong(r, b)])
                else:
                    raise AdapterError("bad_request", f"event {index}: the kind must be \"b\" or \"f\", not {kind!r}")
                try:
                    add_state(cache[id(breaker.__dict__["_state"])])
                except Exception:  # noqa: BLE001 - no `_state` field, a new value, or no __dict__
                    add_state(slow_state(breaker))
        except (ValueError, TypeError, IndexError) as exc:
            raise AdapterError("bad_request", f"event {index}: {describe(exc)}")

    def new_worker(self):
        """A greenlet that runs call after call; it returns itself to the pool when a call ends."""
        greenlet = locks.greenlet
        driver_switch = self.driver.switch
        idle = self.idle
        open_error = self.host.open_error
        entered = _ENTERED
        invoked = [False]

        def operation(*args, **kwargs):
            invoked[0] = True
            try:
                outcome = driver_switch(entered)
            except greenlet.error:  # only the main thread can suspend here
                raise RuntimeError(
                    "cblearn: the breaker ran the operation on another thread; batch runs every call on one thread"
                ) from None
            return end_operation(outcome)

        def body(breaker):
            while True:
                invoked[0] = False
                r = sort_result(breaker.call, operation, NO_ARGUMENTS, open_error, invoked)
                if r == "rejected" and not invoked[0]:
                    r = "x"
                idle.append(worker)
                breaker = driver_switch(r)

        worker = greenlet.greenlet(body, self.driver)
        return worker

    def slow_state(self, breaker):
        """The state as `read_state` reads it, as C, O or H; remembers `_state` values for the fast path."""
        holder = vars(breaker) if hasattr(breaker, "__dict__") else {}
        raw = holder.get("_state")
        name = state_name(raw) if "_state" in holder else None
        if name is not None:
            # Only values that cannot change in place are remembered by identity (a state object can).
            cacheable = isinstance(raw, (str, enum.Enum))
            if cacheable and id(raw) not in self.state_cache and len(self.state_values) < 64:
                self.state_values.append(raw)  # (past 64 values the breaker makes new ones: no more caching)
                self.state_cache[id(raw)] = STATE_CHARS[name]
        else:
            try:
                name = read_state(breaker)
            except Exception as exc:  # noqa: BLE001
                raise AdapterError("breaker_error", f"reading the state raised {trimmed(describe(exc))}")
            raw = getattr(breaker, "state", getattr(breaker, "_state", None))
        if name is None:
            raise AdapterError(
                "breaker_error", f"the state {raw!r} is not CLOSED, OPEN or HALF_OPEN (an enum or a string)"
            )
        return STATE_CHARS[name]
