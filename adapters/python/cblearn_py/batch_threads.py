"""`batch` without greenlet: each call in flight on a thread of the pool, as `begin` runs it."""

import threading

from .batch_events import ended_early, ended_wrong, event_ns
from .clock import CLOCK
from .errors import AdapterError, describe
from .results import OUTCOMES, result_of


class ThreadCall:
    """A batch call in flight on a thread of the pool (when greenlets are not available)."""

    __slots__ = ("name", "breaker", "gate", "entered", "done", "box", "reply")

    def __init__(self, name, breaker):
        self.name = name
        self.breaker = breaker
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.done = threading.Event()
        self.box = [None]
        self.reply = None


def run_threads(batches, rid, events, results, states, errors):
    """The events of one batch on the threads of begin/finish, for when greenlets cannot be imported."""
    progress = batches.progress
    flight = batches.flight
    breakers = batches.host.breakers
    grace = batches.grace
    run_call = batches.host.run_call
    workers = batches.host.workers
    index = 0
    try:
        for index, event in enumerate(events):
            progress[0] = index
            dt, kind, a, b = event
            if dt:
                if dt.__class__ is not int or dt < 0:
                    dt = event_ns(dt, index)
                with CLOCK._lock:
                    CLOCK.offset_ns += dt
            if kind == "b":
                breaker = breakers.get(a)
                if breaker is None:
                    raise AdapterError("bad_request", f"event {index}: no breaker named '{a}'; send create first")
                if b in flight:
                    raise AdapterError("bad_request", f"event {index}: call '{b}' is already in flight")
                call = ThreadCall(a, breaker)

                def job(call=call):
                    call.reply = run_call(call.breaker, None, 0, False, call.gate, call.entered, call.box)
                    call.done.set()
                    call.entered.set()

                flight[b] = call  # so a blocked message can name the breaker
                workers.run(job)
                call.entered.wait(grace)
                if call.done.is_set():
                    del flight[b]
                    reply = call.reply
                    if reply["result"] == "rejected" and not reply["invoked"]:
                        results.append("x")
                    else:
                        results.append("e")
                        errors.append([index, ended_early(result_of(reply))])
                elif call.entered.is_set():
                    results.append("r")
                else:
                    batches.blocked(rid, events, index)
            elif kind == "f":
                call = flight.get(a)
                if call is None:
                    raise AdapterError("bad_request", f"event {index}: no call '{a}' is in flight")
                if b not in OUTCOMES:
                    raise AdapterError("bad_request", f"event {index}: outcome must be success, failure, ignored or fatal")
                breaker = call.breaker
                call.box[0] = b
                call.gate.set()
                call.done.wait(grace)
                if not call.done.is_set():
                    batches.blocked(rid, events, index)
                del flight[a]
                r = result_of(call.reply)
                if r == b:
                    results.append("d")
                else:
                    results.append("e")
                    errors.append([index, ended_wrong(r, b)])
            else:
                raise AdapterError("bad_request", f"event {index}: the kind must be \"b\" or \"f\", not {kind!r}")
            states.append(batches.slow_state(breaker))
    except (ValueError, TypeError, IndexError) as exc:
        raise AdapterError("bad_request", f"event {index}: {describe(exc)}")
