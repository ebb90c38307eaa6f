#!/usr/bin/env python3
"""Tests the Python adapter's `batch` operation by driving it over its pipes, in both of its modes.

Usage: python3 adapters/python/test_batch.py [--python PYTHON] [--bench CALLS]

Runs every check with greenlets (when PYTHON can import greenlet) and with the thread fallback
(CBLEARN_NO_GREENLET=1); exits 1 if any check fails. --bench times a synthetic stream of overlapping calls
(about 30 in flight, batches of about 40 events) against the step-10 solution instead, per call, in each
mode and for the plain `call` operation.
"""

import argparse
import json
import os
import random
import select
import subprocess
import sys
import tempfile
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ADAPTER = os.path.join(HERE, "cblearn_adapter.py")
STEP10 = os.path.join(ROOT, "exercises", "10-chaos", "solution", "breaker.py")
STEP9 = os.path.join(ROOT, "exercises", "09-slow-calls-bulkhead", "solution", "breaker.py")
CLOCK = 1764403200
CONFIG = {"failure_threshold": 5, "recovery_timeout": 30, "half_open_max_calls": 1, "max_concurrent_calls": 8}
SECOND = 1_000_000_000


class Adapter:
    """One adapter process; `ask` sends a request and returns its reply."""

    def __init__(self, python, breaker, mode, grace_ms=300, timeout=10):
        self.timeout = timeout  # seconds to wait for a reply; None for the benchmark (no select per request)
        env = dict(os.environ)
        env.pop("CBLEARN_NO_GREENLET", None)
        if mode == "threads":
            env["CBLEARN_NO_GREENLET"] = "1"
        self.process = subprocess.Popen(
            [python, "-B", "-I", ADAPTER, breaker],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=os.path.dirname(breaker),
        )
        self.next_id = 1
        hello = self.ask({"op": "hello", "protocol": 1, "grace_ms": grace_ms})
        check("batch" in hello.get("features", []), f"hello lists batch: {hello}")

    def ask(self, request):
        request = dict(request, id=self.next_id)
        self.next_id += 1
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        # one reply per request: nothing can sit in the reader's buffer while select waits
        if self.timeout is not None and not select.select([self.process.stdout], [], [], self.timeout)[0]:
            self.process.kill()
            raise RuntimeError(f"no reply within {self.timeout} s to {json.dumps(request)[:200]}")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the adapter exited ({self.close()}): {self.process.stderr.read().decode()[-2000:]}")
        reply = json.loads(line)
        if reply.get("id") != request["id"]:
            raise RuntimeError(f"reply {reply} to request {request}")
        return reply

    def create(self, name="main", config=CONFIG, clock=CLOCK):
        reply = self.ask({"op": "create", "breaker": name, "config": config, "clock": clock})
        check(reply.get("ok"), f"create: {reply}")

    def batch(self, events):
        return self.ask({"op": "batch", "events": events})

    def cpu_seconds(self):
        """The adapter's user + system CPU time so far (Linux), or None."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def close(self):
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            return self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return "killed"


FAILURES = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print("  FAIL " + what)
    return condition


def expect(reply, results, states, what):
    ok = reply.get("ok") and reply.get("results") == results and reply.get("states") == states
    check(ok, f"{what}: expected {results}/{states}, got {reply}")


def sequential(python, breaker, mode, events, config=CONFIG):
    """What begin/finish/advance, one request each, report for the events of a batch."""
    adapter = Adapter(python, breaker, mode)
    adapter.create("main", config)
    outcome_of = {e[2]: e[3] for e in events if e[1] == "f"}
    results, states = [], []
    for dt, kind, a, b in events:
        if dt:
            adapter.ask({"op": "advance", "seconds": dt / SECOND})
        if kind == "b":
            reply = adapter.ask({"op": "begin", "breaker": a, "call": b, "outcome": outcome_of.get(b, "success"), "fallback": False})
            if reply.get("status") == "running":
                results.append("r")
            elif reply.get("result") == "rejected" and not reply.get("invoked"):
                results.append("x")
            else:
                results.append("e")
        else:
            reply = adapter.ask({"op": "finish", "call": a})
            results.append("d" if reply.get("result") == b else "e")
        states.append({"CLOSED": "C", "OPEN": "O", "HALF_OPEN": "H"}.get(reply.get("state"), "?"))
    adapter.close()
    return "".join(results), "".join(states)


# --- the checks -------------------------------------------------------------------------------------
def lifecycle_events():
    """Open by five overlapping failures, reject, the recovery boundary to the nanosecond, one trial, the
    bulkhead. Delays are multiples of half a second (exact in float seconds) but for the boundary."""
    half = SECOND // 2
    ev = []
    ev += [[half, "b", "main", str(i)] for i in range(1, 6)]  # five in flight
    ev += [[0, "f", "3", "failure"], [half, "f", "1", "failure"], [0, "f", "5", "failure"], [0, "f", "2", "failure"]]
    ev += [[0, "f", "4", "failure"]]  # the fifth failure opens it
    ev += [[0, "b", "main", "6"]]  # rejected
    ev += [[30 * SECOND - 1, "b", "main", "7"]]  # one nanosecond early: still rejected
    ev += [[1, "b", "main", "8"]]  # exactly the recovery timeout: the trial
    ev += [[0, "b", "main", "9"]]  # half_open_max_calls=1: rejected
    ev += [[half, "f", "8", "success"]]  # closes it
    ev += [[0, "b", "main", str(i)] for i in range(10, 18)]  # eight in flight: the bulkhead is full
    ev += [[0, "b", "main", "18"]]  # the ninth: rejected by the bulkhead
    ev += [[0, "f", "12", "ignored"], [half, "b", "main", "19"]]  # room again
    ev += [[0, "f", str(i), "success"] for i in (10, 11, 13, 14, 15, 16, 17, 19)]
    return ev


LIFECYCLE_RESULTS = "rrrrr" + "ddddd" + "x" + "x" + "r" + "x" + "d" + "r" * 8 + "x" + "dr" + "d" * 8
LIFECYCLE_STATES = "CCCCC" + "CCCCO" + "O" + "O" + "H" + "H" + "C" + "C" * 8 + "C" + "CC" + "C" * 8

ODD_BREAKER = '''
import time

class CircuitOpenError(Exception):
    pass

class CircuitBreaker:
    """Misbehaves on purpose: raises at the 2nd call's admission and after the 3rd call's operation,
    wraps the 4th call's failure, and calls the 5th call's operation twice."""

    def __init__(self, failure_threshold=5, recovery_timeout=30, expected_exception=Exception, **rest):
        self._state = "CLOSED"
        self.calls = 0
        self.last_ns = 0

    def metrics(self):
        return {"last_ns": self.last_ns, "calls": self.calls}

    def call(self, func, *args, **kwargs):
        self.calls += 1
        n = self.calls
        self.last_ns = time.monotonic_ns()
        if n == 2:
            raise RuntimeError("boom at admission")
        if n == 4:
            try:
                return func()
            except Exception as exc:
                raise ValueError("wrapped") from exc
        if n == 5:
            func()
            return func()
        value = func()
        if n == 3:
            raise KeyError("boom after the operation")
        return value
'''

LOCKING_BREAKER = '''
import threading

class CircuitOpenError(Exception):
    pass

class CircuitBreaker:
    """Holds its lock while the operation runs (the 1st call), or takes it only afterwards (later calls)."""

    def __init__(self, failure_threshold=5, recovery_timeout=30, expected_exception=Exception, **rest):
        self._state = "CLOSED"
        self._lock = threading.Lock()
        self.calls = 0
        self.lock_around = True

    def call(self, func, *args, **kwargs):
        self.calls += 1
        if self.calls == 1 or self.lock_around:
            with self._lock:
                return func()
        value = func()
        with self._lock:
            return value
'''


REENTRANT_BREAKER = '''
import threading

class CircuitOpenError(Exception):
    pass

class CircuitBreaker:
    """Takes its re-entrant lock twice over (never while the operation runs) and notifies a Condition on it."""

    def __init__(self, failure_threshold=5, recovery_timeout=30, expected_exception=Exception, **rest):
        self._state = "CLOSED"
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self.in_flight = 0

    def _count(self, delta):
        with self._lock:
            self.in_flight += delta
            self._changed.notify_all()

    def call(self, func, *args, **kwargs):
        with self._lock:
            self._count(1)
        try:
            return func()
        finally:
            with self._lock:
                self._count(-1)
                self._changed.wait(0)
'''


def check_lifecycle(python, mode, breaker, label):
    events = lifecycle_events()
    adapter = Adapter(python, breaker, mode)
    adapter.create()
    reply = adapter.batch(events)
    expect(reply, LIFECYCLE_RESULTS, LIFECYCLE_STATES, f"{label}: lifecycle in one batch")
    check("errors" not in reply, f"{label}: no errors: {reply}")
    total = sum(e[0] for e in events)
    check(abs(reply.get("now", 0) - (CLOCK + total / SECOND)) < 1e-6, f"{label}: now after the batch: {reply}")
    # the same events split over many batches, on a fresh breaker
    adapter.create(clock=None)
    results, states = "", ""
    for start in range(0, len(events), 7):
        part = adapter.batch(events[start : start + 7])
        results += part.get("results", "?")
        states += part.get("states", "?")
    check(results == LIFECYCLE_RESULTS and states == LIFECYCLE_STATES, f"{label}: split batches: {results}/{states}")
    # begin/finish still work next to batch calls of the same ids
    reply = adapter.ask({"op": "begin", "breaker": "main", "call": "1", "outcome": "failure", "fallback": False})
    check(reply.get("status") == "running", f"{label}: begin next to batches: {reply}")
    expect(adapter.batch([[0, "b", "main", "1"], [0, "f", "1", "success"]]), "rd", "CC", f"{label}: batch id 1 beside begin id 1")
    reply = adapter.ask({"op": "finish", "call": "1"})
    check(reply.get("result") == "failure", f"{label}: finish after batches: {reply}")
    adapter.close()
    seq = sequential(python, breaker, mode, events)
    check(seq == (LIFECYCLE_RESULTS, LIFECYCLE_STATES), f"{label}: begin/finish one by one agree: {seq}")


def check_two_breakers(python, mode):
    adapter = Adapter(python, STEP10, mode)
    adapter.create("a")
    adapter.create("b", clock=None)
    events = [[0, "b", "a", str(i)] for i in range(5)] + [[0, "b", "b", "9"]]
    events += [[0, "f", str(i), "failure"] for i in range(5)] + [[0, "b", "a", "x"], [0, "b", "b", "y"], [0, "f", "9", "success"]]
    expect(adapter.batch(events), "rrrrrr" + "ddddd" + "xrd", "CCCCCC" + "CCCCO" + "OCC", f"{mode}: two breakers")
    adapter.close()


def check_errors(python, mode, folder):
    odd = os.path.join(folder, "odd.py")
    adapter = Adapter(python, odd, mode)
    adapter.create()
    reply = adapter.batch(
        [[0, "b", "main", "1"], [0, "b", "main", "2"], [0, "b", "main", "3"], [0, "f", "1", "success"], [0, "f", "3", "success"]]
    )
    expect(reply, "rerde", "CCCCC", f"{mode}: e for unexpected exceptions")
    errors = dict(reply.get("errors", []))
    check("RuntimeError: boom at admission" in errors.get(1, ""), f"{mode}: detail of the begin: {reply}")
    check("KeyError" in errors.get(4, ""), f"{mode}: detail of the finish: {reply}")
    check(sorted(errors) == [1, 4], f"{mode}: errors only for e: {reply}")
    reply = adapter.batch([[0, "b", "main", "4"], [0, "f", "4", "failure"]])
    expect(reply, "re", "CC", f"{mode}: a wrapped failure is e")
    check("ValueError: wrapped" in dict(reply.get("errors", [])).get(1, ""), f"{mode}: wrapped detail: {reply}")
    if mode == "greenlet":  # the thread fallback runs a repeated operation as begin does: it does not wait again
        reply = adapter.batch([[0, "b", "main", "5"], [0, "f", "5", "success"], [0, "b", "main", "6"], [0, "f", "6", "success"]])
        expect(reply, "rerd", "CCCC", f"{mode}: an operation run twice")
    # exact nanoseconds
    base = adapter.ask({"op": "metrics", "breaker": "main"})["metrics"]["last_ns"]
    reply = adapter.batch([[1, "b", "main", "7"], [2, "f", "7", "success"], [999_999_997, "b", "main", "8"], [0, "f", "8", "success"]])
    last = adapter.ask({"op": "metrics", "breaker": "main"})["metrics"]["last_ns"]
    check(last - base == 1_000_000_000, f"{mode}: the clock moved by exactly the delays: {last - base}")
    # malformed requests and unknown calls
    for events, needle in (
        ([[0, "f", "nope", "success"]], "event 0: no call 'nope' is in flight"),
        ([[0, "b", "main", "9"], [0, "f", "9", "success"], [0, "f", "9", "success"]], "event 2: no call '9' is in flight"),
        ([[0, "b", "zzz", "1"]], "event 0: no breaker named 'zzz'"),
        ([[0, "b", "main", "10"], [0, "b", "main", "10"]], "event 1: call '10' is already in flight"),
        ([[0, "q", "main", "1"]], "event 0"),
        ([[-1, "b", "main", "11"]], "event 0"),
        ([[0.5, "b", "main", "11"]], "event 0"),
        ([[0, "b", "main"]], "event 0"),
        ([[0, "f", "10", "maybe"]], "event 0"),
    ):
        reply = adapter.batch(events)
        error = reply.get("error", {})
        check(not reply.get("ok") and error.get("kind") == "bad_request" and needle in error.get("message", ""),
              f"{mode}: bad_request naming the event for {events}: {reply}")
    check(adapter.batch([[0, "f", "10", "success"]]).get("results") == "d", f"{mode}: still answering after errors")
    adapter.close()


def check_rejected_finish(python, mode):
    adapter = Adapter(python, STEP10, mode)
    adapter.create(config=dict(CONFIG, max_concurrent_calls=1))
    reply = adapter.batch([[0, "b", "main", "1"], [0, "b", "main", "2"], [0, "f", "2", "success"]])
    check(reply.get("error", {}).get("kind") == "bad_request" and "event 2" in reply["error"]["message"],
          f"{mode}: finishing a rejected call: {reply}")
    adapter.close()


STATE_OBJECT_BREAKER = """
    import threading, time

    class CircuitOpenError(Exception):
        pass

    class _Phase:
        \"\"\"A state object changed in place; only the public `state` names it.\"\"\"
        def __init__(self):
            self.label = "CLOSED"

    class CircuitBreaker:
        def __init__(self, failure_threshold=5, recovery_timeout=30, expected_exception=Exception, **rest):
            self.failure_threshold = failure_threshold
            self.recovery_timeout = recovery_timeout
            self.expected_exception = expected_exception
            self._state = _Phase()
            self._failures = 0
            self._opened = 0.0
            self._lock = threading.Lock()

        @property
        def state(self):
            return self._state.label

        def call(self, func, *args, **kwargs):
            with self._lock:
                if self._state.label == "OPEN":
                    if time.monotonic() - self._opened < self.recovery_timeout:
                        raise CircuitOpenError()
                    self._state.label = "HALF_OPEN"
            try:
                value = func(*args, **kwargs)
            except self.expected_exception:
                with self._lock:
                    self._failures += 1
                    if self._state.label == "HALF_OPEN" or self._failures >= self.failure_threshold:
                        self._state.label = "OPEN"
                        self._opened = time.monotonic()
                raise
            with self._lock:
                self._failures = 0
                self._state.label = "CLOSED"
            return value
"""


def write_breakers(folder):
    with open(os.path.join(folder, "state_object.py"), "w") as f:
        f.write(textwrap.dedent(STATE_OBJECT_BREAKER))
    with open(os.path.join(folder, "odd.py"), "w") as f:
        f.write(textwrap.dedent(ODD_BREAKER))
    with open(os.path.join(folder, "locking.py"), "w") as f:
        f.write(textwrap.dedent(LOCKING_BREAKER))
    late = LOCKING_BREAKER.replace("self.lock_around = True", "self.lock_around = False")
    with open(os.path.join(folder, "late_lock.py"), "w") as f:
        f.write(textwrap.dedent(late))
    with open(os.path.join(folder, "rlocking.py"), "w") as f:
        f.write(textwrap.dedent(LOCKING_BREAKER.replace("threading.Lock()", "threading.RLock()")))
    with open(os.path.join(folder, "reentrant.py"), "w") as f:
        f.write(textwrap.dedent(REENTRANT_BREAKER))


def check_blocked_modes(python, mode, folder):
    """A lock held while the operation runs: the second begin (or a finish) can never get it. A re-entrant
    lock too: all calls of a batch run on one thread, but the adapter makes RLock the greenlet's."""
    for breaker, events, needles in (
        ("locking.py", [[0, "b", "main", "1"], [0, "b", "main", "2"]], ["event 1", "begin of call '2' on breaker 'main'"]),
        ("rlocking.py", [[0, "b", "main", "1"], [0, "b", "main", "2"]], ["event 1", "begin of call '2' on breaker 'main'"]),
        ("late_lock.py", [[0, "b", "main", "1"], [5, "b", "main", "2"], [0, "f", "2", "success"]],
         ["event 2", "finish (success) of call '2' on breaker 'main'"]),
    ):
        adapter = Adapter(python, os.path.join(folder, breaker), mode, grace_ms=200)
        adapter.create()
        started = time.monotonic()
        reply = adapter.batch(events)
        elapsed = time.monotonic() - started
        error = reply.get("error", {})
        message = error.get("message", "")
        check(not reply.get("ok") and error.get("kind") == "blocked", f"{mode} {breaker}: blocked reply: {reply}")
        for needle in needles + ["is a lock held while the operation runs?"]:
            check(needle in message, f"{mode} {breaker}: the message names {needle!r}: {message}")
        check(0.15 < elapsed < 1.5, f"{mode} {breaker}: blocked after about the grace (200 ms): {elapsed:.3f} s")
        try:
            status = adapter.process.wait(2)
        except subprocess.TimeoutExpired:
            status = None
        check(status is not None, f"{mode} {breaker}: the adapter exits after a blocked reply")
        adapter.close()


def check_reentrant(python, mode, folder):
    """An RLock taken twice over, and a Condition on it, still work when calls are greenlets."""
    adapter = Adapter(python, os.path.join(folder, "reentrant.py"), mode)
    adapter.create()
    events = [[0, "b", "main", "1"], [0, "b", "main", "2"], [0, "f", "1", "success"], [0, "b", "main", "3"]]
    events += [[0, "f", "3", "failure"], [0, "f", "2", "ignored"]]
    expect(adapter.batch(events), "rrdrdd", "CCCCCC", f"{mode}: a re-entrant lock not held during the operation")
    reply = adapter.ask({"op": "call", "breaker": "main", "outcome": "success", "duration": 0, "fallback": False})
    check(reply.get("result") == "success", f"{mode}: call beside batches with an RLock: {reply}")
    adapter.close()


def check_state_objects(python, mode, folder):
    """A `_state` holding an object that names no state is read through the public `state`, in batches (where
    it is not remembered by identity: it changes in place) as after single requests."""
    breaker = os.path.join(folder, "state_object.py")
    adapter = Adapter(python, breaker, mode)
    adapter.create("main", {"failure_threshold": 2, "recovery_timeout": 30})
    events = [[0, "b", "main", "1"], [0, "f", "1", "failure"], [0, "b", "main", "2"], [0, "f", "2", "failure"]]
    events += [[0, "b", "main", "3"], [30 * SECOND, "b", "main", "4"], [0, "f", "4", "success"]]
    expect(adapter.batch(events), "rdrdxrd", "CCCOOHC", f"{mode}: a state object changed in place")
    reply = adapter.ask({"op": "call", "breaker": "main", "outcome": "failure", "duration": 0, "fallback": False})
    check(reply.get("state") == "CLOSED", f"{mode}: the state after a call, through `state`: {reply}")
    adapter.close()
    seq = sequential(python, breaker, mode, events, {"failure_threshold": 2, "recovery_timeout": 30})
    check(seq == ("rdrdxrd", "CCCOOHC"), f"{mode}: begin/finish one by one read the state object too: {seq}")


def modes_for(python):
    has_greenlet = subprocess.run([python, "-I", "-c", "import greenlet"], capture_output=True).returncode == 0
    return (["greenlet"] if has_greenlet else []) + ["threads"]


def run_checks(python):
    try:
        return checks(python)
    except RuntimeError as exc:
        print(f"  FAIL {exc}")
        return 1


def checks(python):
    modes = modes_for(python)
    if "greenlet" not in modes:
        print(f"note: {python} cannot import greenlet; only the thread fallback is tested")
    with tempfile.TemporaryDirectory() as folder:
        write_breakers(folder)
        for mode in modes:
            print(f"{mode} mode ({python})")
            check_lifecycle(python, mode, STEP10, f"{mode} step 10")
            check_lifecycle(python, mode, STEP9, f"{mode} step 9")
            check_two_breakers(python, mode)
            check_errors(python, mode, folder)
            check_rejected_finish(python, mode)
            check_blocked_modes(python, mode, folder)
            check_reentrant(python, mode, folder)
            check_state_objects(python, mode, folder)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


# --- the benchmark ----------------------------------------------------------------------------------
def bench_batches(python, mode, calls, seed=7):
    """Overlapping calls as the cascade simulator sends them; returns seconds per call (wall clock, and the
    adapter's CPU time alone)."""
    rng = random.Random(seed)
    adapter = Adapter(python, STEP10, mode, timeout=None)
    adapter.create(config={"failure_threshold": 5, "recovery_timeout": 30, "half_open_max_calls": 1, "max_concurrent_calls": 64})
    in_flight = []
    begun = 0
    cpu = adapter.cpu_seconds()
    started = time.perf_counter()
    while begun < calls or in_flight:
        events, begins = [], []
        for _ in range(rng.randint(20, 60)):
            if begun < calls and (len(in_flight) < 30 or not in_flight) and (rng.random() < 0.5 or not in_flight):
                call = str(begun)
                begun += 1
                events.append([rng.randint(0, 200_000), "b", "main", call])
                begins.append((len(events) - 1, call))
            elif in_flight:
                call = in_flight.pop(rng.randrange(len(in_flight)))
                outcome = "failure" if rng.random() < 0.02 else "success"
                events.append([rng.randint(0, 200_000), "f", call, outcome])
            else:
                break
        pending = set()
        reply = adapter.batch(events)
        if not reply.get("ok"):
            raise RuntimeError(f"batch failed: {reply}")
        for index, call in begins:
            if reply["results"][index] == "r":
                pending.add(call)
        in_flight.extend(c for _, c in begins if c in pending)
    elapsed = time.perf_counter() - started
    cpu = adapter.cpu_seconds() - cpu if cpu is not None else float("nan")
    adapter.close()
    return elapsed / calls, cpu / calls


def bench_plain_calls(python, calls):
    adapter = Adapter(python, STEP10, "greenlet", timeout=None)
    adapter.create()
    request = {"op": "call", "breaker": "main", "outcome": "success", "duration": 0, "fallback": False}
    cpu = adapter.cpu_seconds()
    started = time.perf_counter()
    for _ in range(calls):
        adapter.ask(request)
    elapsed = time.perf_counter() - started
    cpu = adapter.cpu_seconds() - cpu if cpu is not None else float("nan")
    adapter.close()
    return elapsed / calls, cpu / calls


def run_bench(python, calls):
    modes = modes_for(python)
    for mode in modes:
        n = calls if mode == "greenlet" else max(1000, calls // 10)
        wall, cpu = bench_batches(python, mode, n)
        print(f"batch, {mode}: {wall * 1e6:.2f} us per call, of which the adapter's CPU {cpu * 1e6:.2f} us "
              f"({n} calls, {wall * n:.2f} s)")
    n = max(1000, calls // 10)
    wall, cpu = bench_plain_calls(python, n)
    print(f"plain call op, one request per call: {wall * 1e6:.2f} us per call, adapter CPU {cpu * 1e6:.2f} us ({n} calls)")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--bench", type=int, metavar="CALLS")
    args = parser.parse_args()
    if args.bench:
        return run_bench(args.python, args.bench)
    return run_checks(args.python)


if __name__ == "__main__":
    sys.exit(main())
