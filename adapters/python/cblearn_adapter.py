#!/usr/bin/env python3
"""cblearn's Python adapter: runs a learner's circuit breaker behind the cblearn wire protocol (v1).

Usage: python3 cblearn_adapter.py PATH/TO/breaker.py

The protocol (docs/protocol.md) is JSON Lines on the original standard output. Before the learner's module
is imported, file descriptor 1 is pointed at standard error, so the learner's prints never reach the
protocol, and the time functions the module may read are replaced by one virtual clock.

`batch` (many overlapping calls in one request, for the cascade simulator) runs every call on the main
thread, each in-flight call suspended inside its operation as a greenlet, when the `greenlet` package can be
imported (Debian: python3-greenlet; scripts/setup.sh installs it). Without it, or with the environment
variable CBLEARN_NO_GREENLET=1, batches run on the threads of `begin`/`finish`: the same results, slower.
"""

import datetime as _dt
import enum
import importlib.util
import inspect
import json
import os
import sys
import _thread
import threading
import time as _time
import traceback

if os.environ.get("CBLEARN_NO_GREENLET"):
    greenlet = None
else:
    try:
        import greenlet
    except ImportError:
        greenlet = None

PROTOCOL = 1
MAX_DETAIL = 2000

# --- 1. Keep the protocol on its own channel -------------------------------------------------------
_protocol_fd = os.dup(1)
os.dup2(2, 1)
_protocol_out = os.fdopen(_protocol_fd, "w", encoding="utf-8", buffering=1)
_protocol_in = sys.stdin.buffer
sys.stdin = open(os.devnull)  # the learner's code must not read the protocol either

_real_monotonic = _time.monotonic
_real_sleep = _time.sleep


# --- 2. The virtual clock -------------------------------------------------------------------------
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
_time.time = CLOCK.time
_time.time_ns = CLOCK.time_ns
_time.monotonic = CLOCK.monotonic
_time.monotonic_ns = CLOCK.monotonic_ns
_time.perf_counter = CLOCK.monotonic
_time.perf_counter_ns = CLOCK.monotonic_ns
_time.sleep = CLOCK.sleep

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


_dt.datetime = VirtualDatetime


class GreenletRLock:
    """threading.RLock owned by a greenlet instead of a thread; installed as threading.RLock before the
    learner's module loads when batches run as greenlets. A thread's RLock would let every call of a batch
    (all on one thread) re-enter a lock that a suspended call holds; this one makes the next call wait for it,
    as a thread would, so a lock held while the operation runs is `blocked` in both modes. Outside greenlets
    (the threads of begin/finish), each thread has its own main greenlet: it is an ordinary RLock."""

    __slots__ = ("_block", "_owner", "_count", "__weakref__")

    def __init__(self):
        self._block = threading.Lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = greenlet.getcurrent()
        if self._owner is me:
            self._count += 1
            return True
        if self._block.acquire(blocking, timeout):
            self._owner = me
            self._count = 1
            return True
        return False

    __enter__ = acquire

    def release(self):
        if self._owner is not greenlet.getcurrent():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def __exit__(self, *exc):
        self.release()

    # what threading.Condition uses
    def _is_owned(self):
        return self._owner is greenlet.getcurrent()

    def _release_save(self):
        if not self._count:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _at_fork_reinit(self):
        self._block._at_fork_reinit()
        self._owner = None
        self._count = 0

    def __repr__(self):
        return f"<cblearn GreenletRLock owner={self._owner!r} count={self._count}>"


if greenlet is not None:
    threading.RLock = GreenletRLock


# --- 3. The scripted operation's errors -----------------------------------------------------------
class ServiceError(Exception):
    """A counted failure: the breaker is built with expected_exception=ServiceError."""


class CancelledOperation(BaseException):
    """A cancellation (outcome `fatal`): a BaseException outside Exception, like KeyboardInterrupt or
    asyncio.CancelledError, which `except Exception:` does not catch."""


class BusinessError(Exception):
    """An uncounted error (a declined payment): not a subclass of ServiceError."""


class FallbackError(Exception):
    """The error a fallback with behaviour `raise` raises: it must reach the caller unchanged."""


class WrongFallbackArgument(Exception):
    """Raised by a `check_error` fallback that was not given the breaker's rejection error."""


OK_VALUE = "cblearn-ok"
FALLBACK_VALUE = "cblearn-fallback"
LOCKED_VALUE = "cblearn-fallback-locked"  # a re-entering fallback whose inner call did not return
SUCCESS_VALUES = {"value": OK_VALUE, "zero": 0, "empty": "", "none": None}
FALLBACK_VALUES = {"value": FALLBACK_VALUE, "zero": 0, "empty": "", "none": None}


def same_value(value, kind, table):
    """Whether `value` is exactly the value `kind` of `table` (0 is not False, "" is not b"")."""
    expected = table[kind]
    if expected is None:
        return value is None
    return type(value) is type(expected) and value == expected


def classify(value, succeeded, returns, behaviour, invoked):
    """The reply fields for a value the call returned: the operation's, the fallback's, or something else."""
    if succeeded and same_value(value, returns, SUCCESS_VALUES):
        return {"result": "success", "invoked": invoked}
    if behaviour in FALLBACK_VALUES and same_value(value, behaviour, FALLBACK_VALUES):
        return {"result": "fallback", "invoked": invoked}
    if behaviour in ("check_error", "reenter") and value == FALLBACK_VALUE:
        return {"result": "fallback", "invoked": invoked}
    if behaviour == "reenter" and value == LOCKED_VALUE:
        detail = (
            "the fallback ran while the breaker held its lock: a call through the same breaker from another "
            "thread did not return (call the fallback after releasing the lock)"
        )
        return {"result": "other", "invoked": invoked, "detail": detail}
    if same_value(value, returns, SUCCESS_VALUES):
        return {"result": "success", "invoked": invoked}
    return {"result": "other", "invoked": invoked, "detail": trimmed(f"returned {value!r}")}


def fail_to_start(message):
    sys.stderr.write("cblearn: " + message + "\n")
    sys.stderr.flush()
    sys.exit(3)


# --- 4. Load the learner's module -----------------------------------------------------------------
_LEARNER_FILE = [None]  # the learner's file, so that error details can say where in it an error rose


def load(path):
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        fail_to_start(f"no such file: {path}")
    _LEARNER_FILE[0] = path
    folder, filename = os.path.split(path)
    name = os.path.splitext(filename)[0]
    sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:  # noqa: BLE001 - any error at import is the learner's to see
        traceback.print_exc()
        fail_to_start(f"importing {filename} failed (see the traceback above)")
    if not inspect.isclass(getattr(module, "CircuitBreaker", None)):
        fail_to_start(f"{filename} defines no class CircuitBreaker")
    if not inspect.isclass(getattr(module, "CircuitOpenError", None)):
        fail_to_start(f"{filename} defines no exception class CircuitOpenError")
    return module, filename


class AdapterError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


def state_name(value):
    """Normalises a state to CLOSED, OPEN or HALF_OPEN (None if unrecognisable): an enum, a string, or a
    state object of the state pattern, named by its `name` or by its class (`OpenState`, `HalfOpen`)."""
    candidates = []
    if isinstance(value, enum.Enum):
        candidates += [value.name, value.value]
    elif value is not None and not isinstance(value, (str, bytes, int, float)):
        for attribute in ("name", "value", "state"):
            try:
                inner = getattr(value, attribute, None)
            except Exception:  # noqa: BLE001 - a property that raises names nothing
                inner = None
            if isinstance(inner, (str, enum.Enum)):
                candidates.append(inner.name if isinstance(inner, enum.Enum) else inner)
        candidates.append(type(value).__name__)
    candidates.append(value)
    for c in candidates:
        if isinstance(c, str):
            folded = "".join(ch for ch in c.lower() if ch.isalpha())
            for prefix in ("circuit", "breaker"):
                if folded.startswith(prefix) and folded != prefix:
                    folded = folded[len(prefix):]
            if folded.endswith("state") and folded != "state":
                folded = folded[: -len("state")]
            if folded in ("closed", "open", "halfopen"):
                return {"closed": "CLOSED", "open": "OPEN", "halfopen": "HALF_OPEN"}[folded]
    return None


def trimmed(text):
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 20] + " … (trimmed)"


# --- 5. Threads for calls in flight -----------------------------------------------------------------
class WorkerPool:
    """Reuses threads for in-flight calls: starting a thread costs more than a protocol round trip."""

    def __init__(self):
        self._lock = threading.Lock()
        self._idle = []

    def run(self, job):
        """Runs `job` on an idle thread, or on a new one when every thread is busy (a call blocked forever
        keeps its thread, so the pool grows rather than waits)."""
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        if worker is None:
            worker = _Worker(self)
            worker.start()
        worker.submit(job)

    def release(self, worker):
        with self._lock:
            self._idle.append(worker)


class _Worker(threading.Thread):
    def __init__(self, pool):
        super().__init__(daemon=True)
        self._pool = pool
        self._job = None
        self._ready = threading.Event()

    def submit(self, job):
        self._job = job
        self._ready.set()

    def run(self):
        while True:
            self._ready.wait()
            self._ready.clear()
            job, self._job = self._job, None
            try:
                job()
            finally:
                self._pool.release(self)


# --- 6. One learner breaker behind the protocol ---------------------------------------------------
CONFIG_KWARGS = {
    "failure_threshold": (2, "failure_threshold"),
    "recovery_timeout": (2, "recovery_timeout"),
    "half_open_max_calls": (5, "half_open_max_calls"),
    "success_threshold": (5, "success_threshold"),
    "slow_call_duration": (9, "slow_call_duration"),
    "slow_call_rate_threshold": (9, "slow_call_rate_threshold"),
    "max_concurrent_calls": (9, "max_concurrent_calls"),
}


def plain_number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Host:
    """Creates the learner's breakers and runs calls through them."""

    def __init__(self, module, filename, grace):
        self.module = module
        self.filename = filename
        self.grace = grace
        self.cls = module.CircuitBreaker
        self.open_error = module.CircuitOpenError
        self.breakers = {}
        self.events = {}
        self.calls = {}
        self.workers = WorkerPool()
        self.batches = None
        try:
            self.init_params = inspect.signature(self.cls.__init__).parameters
        except (TypeError, ValueError):
            self.init_params = {}
        try:
            self.call_params = inspect.signature(self.cls.call).parameters
        except (TypeError, ValueError, AttributeError):
            self.call_params = {}

    def accepts(self, params, name):
        """Whether a signature takes `name` as a keyword: named, or through **kwargs (constructor and call alike)."""
        return name in params or any(p.kind == p.VAR_KEYWORD for p in params.values())

    def features(self):
        found = ["concurrency", "batch", "fatal", "race"]
        if hasattr(self.cls, "is_open"):
            found.append("is_open")
        if self.accepts(self.init_params, "on_state_change"):
            found.append("events")
        if hasattr(self.cls, "metrics"):
            found.append("metrics")
        if self.accepts(self.call_params, "fallback"):
            found.append("fallback")
        return found

    def breaker(self, name):
        if name not in self.breakers:
            raise AdapterError("bad_request", f"no breaker named '{name}'; send create first")
        return self.breakers[name]

    # create -----------------------------------------------------------------
    def create(self, name, config, clock):
        if clock is not None:
            CLOCK.set(clock)
        kwargs = {"expected_exception": ServiceError}
        listener = None
        for key, value in config.items():
            if key == "listener":
                if value not in ("raise", "reenter"):
                    raise AdapterError("bad_request", f"listener must be raise or reenter, not {value!r}")
                listener = value
                continue
            if key == "window":
                mapped = {
                    "window_type": value["kind"],
                    "window_size": plain_number(value["size"]),
                    "minimum_calls": value["minimum_calls"],
                    "failure_rate_threshold": plain_number(value["failure_rate_threshold"]),
                }
                kwargs.update(mapped)
                continue
            if key not in CONFIG_KWARGS:
                raise AdapterError("unsupported", f"the adapter does not know the configuration key '{key}'")
            kwargs[CONFIG_KWARGS[key][1]] = plain_number(value)
        missing = [k for k in kwargs if not self.accepts(self.init_params, k)]
        if missing:
            raise AdapterError(
                "unsupported",
                f"CircuitBreaker() in {self.filename} takes no parameter {', '.join(missing)}: "
                "this step's exercise adds it (see the exercise README)",
            )
        log = []
        self.events[name] = log
        holder = {}
        if listener is not None and not self.accepts(self.init_params, "on_state_change"):
            raise AdapterError("unsupported", "CircuitBreaker() takes no on_state_change (step 7 adds it)")
        if self.accepts(self.init_params, "on_state_change"):

            def record(old, new, *rest):
                log.append({"from": state_name(old), "to": state_name(new), "at": CLOCK.time()})
                if listener == "raise":
                    raise RuntimeError("a badly behaved state-change listener (scripted by cblearn)")
                if listener == "reenter" and "breaker" in holder:
                    self.reenter(holder["breaker"])

            kwargs["on_state_change"] = record
        try:
            self.breakers[name] = self.cls(**kwargs)
        except Exception as exc:  # noqa: BLE001
            raise AdapterError("breaker_error", f"CircuitBreaker(...) raised {describe(exc)}")
        holder["breaker"] = self.breakers[name]
        return {"state": self.read_state(self.breakers[name])}

    def reenter(self, breaker):
        """What a re-entrant listener does: reads the breaker's public state, metrics and is_open."""
        self.read_state(breaker, public=True)
        for attribute in ("metrics", "is_open"):
            value = getattr(breaker, attribute, None)
            if callable(value):
                value()

    # state ------------------------------------------------------------------
    def read_state(self, breaker, public=False):
        """Reads the state; after operations the private field is preferred so the read changes nothing."""
        holder = vars(breaker) if hasattr(breaker, "__dict__") else {}
        if not public and "_state" in holder:
            name = state_name(holder["_state"])
            if name is not None:
                return name
            # `_state` holds something else (a state object without a telling name): ask the public `state`.
        for attribute in ("state", "_state"):
            if hasattr(breaker, attribute):
                value = getattr(breaker, attribute)
                if callable(value) and not isinstance(value, (str, enum.Enum)):
                    value = value()
                return state_name(value)
        return None

    # calls ------------------------------------------------------------------
    def run_call(self, breaker, outcome, duration, fallback, gate=None, entered=None, outcome_box=None, returns="value"):
        """Calls the breaker; returns the reply fields for the call's end. With `outcome_box`, the outcome is
        read from `outcome_box[0]` once the gate opens (a batch tells the outcome only at finish).

        `fallback` is False, True (a fallback returning its marker) or a behaviour of docs/protocol.md
        (`zero`, `empty`, `none`, `raise`, `check_error`, `reenter`); `returns` is the operation's success
        value (`value`, `zero`, `empty`, `none`)."""
        invoked = [False]

        def operation(*args, **kwargs):
            invoked[0] = True
            if entered is not None:
                entered.set()
            if gate is not None:
                gate.wait()
            if duration:
                CLOCK.advance(duration)
            ending = outcome if outcome_box is None else outcome_box[0]
            if ending == "success":
                return SUCCESS_VALUES[returns]
            if ending == "failure":
                raise ServiceError("scripted failure")
            if ending == "fatal":
                raise CancelledOperation("scripted cancellation")
            raise BusinessError("scripted business error")

        behaviour = "value" if fallback is True else (fallback or None)
        kwargs = {}
        if behaviour is not None:
            kwargs["fallback"] = self.make_fallback(breaker, behaviour, invoked)
        try:
            value = breaker.call(operation, **kwargs)
        except self.open_error:
            return {"result": "rejected", "invoked": invoked[0]}
        except ServiceError:
            return {"result": "failure", "invoked": invoked[0]}
        except BusinessError:
            return {"result": "ignored", "invoked": invoked[0]}
        except CancelledOperation:
            return {"result": "fatal", "invoked": invoked[0]}
        except FallbackError:
            return {"result": "fallback_error", "invoked": invoked[0]}
        except Exception as exc:  # noqa: BLE001
            return {"result": "other", "invoked": invoked[0], "detail": trimmed(describe(exc))}
        return classify(value, invoked[0] and outcome == "success", returns, behaviour, invoked[0])

    def make_fallback(self, breaker, behaviour, invoked):
        """The fallback function for a behaviour of docs/protocol.md."""
        if behaviour in FALLBACK_VALUES:
            value = FALLBACK_VALUES[behaviour]
            return lambda *args, **kwargs: value
        if behaviour == "raise":

            def raising(*args, **kwargs):
                raise FallbackError("scripted fallback error")

            return raising
        if behaviour == "check_error":
            open_error = self.open_error

            def checking(*args, **kwargs):
                error = args[0] if args else next(iter(kwargs.values()), None)
                if isinstance(error, open_error) or (invoked[0] and isinstance(error, ServiceError)):
                    return FALLBACK_VALUE
                raise WrongFallbackArgument(
                    f"the fallback was called with {trimmed(repr((args, kwargs)))}, not with the breaker's "
                    f"rejection error ({open_error.__name__})"
                )

            return checking
        if behaviour == "reenter":
            grace = self.grace

            def reentering(*args, **kwargs):
                done = threading.Event()

                def inner():
                    try:
                        breaker.call(lambda *a, **k: OK_VALUE)
                    except BaseException:  # noqa: BLE001 - a rejection is the expected answer
                        pass
                    finally:
                        done.set()

                threading.Thread(target=inner, name="cblearn-reentering-fallback", daemon=True).start()
                return FALLBACK_VALUE if done.wait(grace) else LOCKED_VALUE

            return reentering
        raise AdapterError("bad_request", f"unknown fallback behaviour {behaviour!r}")

    def call(self, name, outcome, duration, fallback, returns="value"):
        breaker = self.breaker(name)
        self.require_fallback(fallback)
        reply = self.run_call(breaker, outcome, duration, fallback, returns=returns)
        reply["state"] = self.read_state(breaker)
        return reply

    def require_fallback(self, fallback):
        if fallback and not self.accepts(self.call_params, "fallback"):
            raise AdapterError("unsupported", "call() takes no fallback= argument (step 6 adds it)")

    def begin(self, name, call_id, outcome, fallback, returns="value"):
        breaker = self.breaker(name)
        self.require_fallback(fallback)
        if call_id in self.calls:
            raise AdapterError("bad_request", f"call '{call_id}' is already in flight")
        entry = {"gate": threading.Event(), "entered": threading.Event(), "done": threading.Event()}

        def run():
            entry["reply"] = self.run_call(
                breaker, outcome, 0, fallback, entry["gate"], entry["entered"], returns=returns
            )
            entry["done"].set()
            entry["entered"].set()

        self.calls[call_id] = entry
        entry["breaker"] = breaker
        self.workers.run(run)
        entry["entered"].wait(self.grace)
        if entry["done"].is_set():
            del self.calls[call_id]
            reply = dict(entry["reply"], status="completed")
        elif entry["entered"].is_set():
            reply = {"status": "running"}
        else:
            reply = {"status": "blocked", "detail": "the call neither entered the operation nor returned"}
        reply["state"] = self.read_state(breaker)
        return reply

    def finish(self, call_id):
        entry = self.calls.get(call_id)
        if entry is None:
            raise AdapterError("bad_request", f"no call '{call_id}' is in flight")
        entry["gate"].set()
        entry["done"].wait(self.grace)
        if not entry["done"].is_set():
            return {"status": "blocked", "detail": "the call did not return after its operation ended"}
        del self.calls[call_id]
        reply = dict(entry["reply"], status="completed")
        reply["state"] = self.read_state(entry["breaker"])
        return reply

    def race(self, name, calls, outcome):
        """Releases `calls` calls on as many threads at once (a barrier); each operation, once entered, waits
        until every call has entered or returned (at most the grace), so the admitted calls are inside
        together, then ends with `outcome`. Meanwhile the GIL's switch interval is shortened and the
        breaker's locks yield the GIL on release (_RacingLock), so a breaker that checks a permit under one
        hold of its lock and takes it under another is interleaved."""
        breaker = self.breaker(name)
        if isinstance(calls, bool) or not isinstance(calls, int) or not 1 <= calls <= 64:
            raise AdapterError("bad_request", "race needs `calls`, an integer from 1 to 64")
        if outcome not in _OUTCOMES:
            raise AdapterError("bad_request", "outcome must be success, failure, ignored or fatal")
        hold = max(self.grace, 1.0)  # generous: a correct breaker must never fail for a slow thread start
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
                reply = self.run_call(breaker, outcome, 0, False, seats.gate, seats.entered)
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
                self.workers.run(runner(index))
            deadline = _real_monotonic() + 4 * hold
            for _ in range(calls):
                if not finished.acquire(timeout=max(0.0, deadline - _real_monotonic())):
                    break
        finally:
            for owner, name, value in swapped:
                setattr(owner, name, value)
            sys.setswitchinterval(previous)
        listed = []
        for reply in results:
            listed.append("other" if reply is None else reply["result"])
        reply = {"results": listed, "entered": seats.count, "peak": seats.peak, "state": self.read_state(breaker)}
        if any(r is None for r in results):
            reply["detail"] = "some calls did not return within the grace (is a lock held while the operation runs?)"
        return reply

    def is_open(self, name):
        breaker = self.breaker(name)
        if not hasattr(breaker, "is_open"):
            raise AdapterError("unsupported", "CircuitBreaker has no is_open (step 4 adds it)")
        value = getattr(breaker, "is_open")
        if callable(value):
            value = value()
        return {"open": bool(value), "state": self.read_state(breaker)}

    def metrics(self, name):
        breaker = self.breaker(name)
        if not hasattr(breaker, "metrics"):
            raise AdapterError("unsupported", "CircuitBreaker has no metrics (step 7 adds it)")
        value = getattr(breaker, "metrics")
        if callable(value):
            value = value()
        if not isinstance(value, dict):
            raise AdapterError("breaker_error", f"metrics should be a dict, got {type(value).__name__}")
        numbers = {str(k): float(v) for k, v in value.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        return {"metrics": numbers, "state": self.read_state(breaker)}

    def batch(self, request):
        if self.batches is None:
            self.batches = Batches(self)
        return self.batches.run(request["id"], request["events"])


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
        _real_sleep(0)

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


def describe(exc):
    """`Type: message`, and the last line of the learner's file the error passed through, if any."""
    message = str(exc)
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    where = None
    frame = exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == _LEARNER_FILE[0]:
            where = frame
        frame = frame.tb_next
    if where is not None:
        name = os.path.basename(_LEARNER_FILE[0])
        text += f" (at {name} line {where.tb_lineno}, in {where.tb_frame.f_code.co_name})"
    return text


# --- 7. Batches of overlapping calls ----------------------------------------------------------------
_ENTERED = object()  # what a suspended operation hands the driver: the call is in flight
_OUTCOMES = frozenset(("success", "failure", "ignored", "fatal"))
_STATE_CHARS = {"CLOSED": "C", "OPEN": "O", "HALF_OPEN": "H"}


class _ThreadCall:
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


class Batches:
    """Runs `batch` requests: every event in order, each call suspended in its operation until its finish.

    With greenlets, everything runs on the main thread: a pool of worker greenlets each run one call at a
    time; the operation switches back to the driver (this loop) to suspend, and the finish switches into it
    with the outcome. A lock the breaker holds while the operation runs then deadlocks the one thread, so a
    watchdog thread watches a per-event progress stamp and, past the grace, replies `blocked` and exits.
    Without greenlets, each call runs on a thread of the pool as `begin` does, and an event that does not
    end within the grace is `blocked` as well. Calls begun by batches are kept apart from those of `begin`.
    """

    def __init__(self, host):
        self.host = host
        self.grace = host.grace
        self.use_greenlets = greenlet is not None
        self.flight = {}  # call id -> (greenlet, breaker, breaker name) or _ThreadCall
        self.idle = []  # worker greenlets waiting for a call
        self.stuck = []  # worker greenlets whose breaker ran the operation again after it ended
        self.state_cache = {}  # id of a breaker's `_state` value -> C, O or H (by id: an enum hashes slowly)
        self.state_values = []  # ...and the values, kept alive so that their ids stay theirs
        self.driver = greenlet.getcurrent() if self.use_greenlets else None
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
            now = _real_monotonic()
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
                name = entry.name if isinstance(entry, _ThreadCall) else (entry[2] if entry else "?")
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
                self.run_threads(rid, events, results, states, errors)
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
        outcomes = _OUTCOMES
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
            if outcome == "success":
                return OK_VALUE
            if outcome == "failure":
                raise ServiceError("scripted failure")
            if outcome == "fatal":
                raise CancelledOperation("scripted cancellation")
            raise BusinessError("scripted business error")

        def body(breaker):
            while True:
                invoked[0] = False
                try:
                    value = breaker.call(operation)
                except open_error:
                    r = "rejected" if invoked[0] else "x"
                except ServiceError:
                    r = "failure"
                except BusinessError:
                    r = "ignored"
                except CancelledOperation:
                    r = "fatal"
                except Exception as exc:  # noqa: BLE001
                    r = ("other", trimmed(describe(exc)))
                else:
                    r = "success" if value is OK_VALUE else odd_value(value)
                idle.append(worker)
                breaker = driver_switch(r)

        worker = greenlet.greenlet(body, self.driver)
        return worker

    def run_threads(self, rid, events, results, states, errors):
        """The same batch on the threads of begin/finish, for when greenlets cannot be imported."""
        progress = self.progress
        flight = self.flight
        breakers = self.host.breakers
        grace = self.grace
        run_call = self.host.run_call
        workers = self.host.workers
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
                    call = _ThreadCall(a, breaker)

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
                            errors.append([index, ended_early(thread_result(reply))])
                    elif call.entered.is_set():
                        results.append("r")
                    else:
                        self.blocked(rid, events, index)
                elif kind == "f":
                    call = flight.get(a)
                    if call is None:
                        raise AdapterError("bad_request", f"event {index}: no call '{a}' is in flight")
                    if b not in _OUTCOMES:
                        raise AdapterError("bad_request", f"event {index}: outcome must be success, failure, ignored or fatal")
                    breaker = call.breaker
                    call.box[0] = b
                    call.gate.set()
                    call.done.wait(grace)
                    if not call.done.is_set():
                        self.blocked(rid, events, index)
                    del flight[a]
                    r = thread_result(call.reply)
                    if r == b:
                        results.append("d")
                    else:
                        results.append("e")
                        errors.append([index, ended_wrong(r, b)])
                else:
                    raise AdapterError("bad_request", f"event {index}: the kind must be \"b\" or \"f\", not {kind!r}")
                states.append(self.slow_state(breaker))
        except (ValueError, TypeError, IndexError) as exc:
            raise AdapterError("bad_request", f"event {index}: {describe(exc)}")

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
                self.state_cache[id(raw)] = _STATE_CHARS[name]
        else:
            try:
                name = self.host.read_state(breaker)
            except Exception as exc:  # noqa: BLE001
                raise AdapterError("breaker_error", f"reading the state raised {trimmed(describe(exc))}")
            raw = getattr(breaker, "state", getattr(breaker, "_state", None))
        if name is None:
            raise AdapterError(
                "breaker_error", f"the state {raw!r} is not CLOSED, OPEN or HALF_OPEN (an enum or a string)"
            )
        return _STATE_CHARS[name]


def event_ns(dt, index):
    """A batch event's delay as integer nanoseconds (an integral float is accepted)."""
    if isinstance(dt, bool) or not isinstance(dt, (int, float)) or dt < 0 or dt != int(dt):
        raise AdapterError("bad_request", f"event {index}: the delay must be an integer number of nanoseconds >= 0")
    return int(dt)


def odd_value(value):
    try:
        if value == OK_VALUE:
            return "success"
    except Exception:  # noqa: BLE001
        pass
    return ("other", trimmed(f"returned {value!r}"))


def thread_result(reply):
    """A run_call reply in the shape the greenlet workers hand back."""
    result = reply["result"]
    return ("other", reply.get("detail", "")) if result == "other" else result


def ended_early(r):
    if isinstance(r, tuple):
        return r[1]
    return f"the call ended ({r}) without staying in its operation"


def ended_wrong(r, outcome):
    if isinstance(r, tuple):
        return r[1]
    return f"the call ended with {r}, not {outcome}"


# --- 8. The protocol loop -------------------------------------------------------------------------
_send_lock = threading.Lock()  # the batch watchdog may write from its own thread


def send(message):
    line = json.dumps(message, separators=(",", ":")) + "\n"
    with _send_lock:
        _protocol_out.write(line)
        _protocol_out.flush()


def send_and_exit(message, status):
    """Writes a last reply and exits at once; keeps the send lock so nothing can follow the reply."""
    line = json.dumps(message, separators=(",", ":")) + "\n"
    _send_lock.acquire()
    try:
        _protocol_out.write(line)
        _protocol_out.flush()
    finally:
        os._exit(status)


def handle(host, request):
    op = request.get("op")
    if op == "batch":
        return host.batch(request)
    name = request.get("breaker", "main")
    if op == "create":
        return host.create(name, request.get("config") or {}, request.get("clock"))
    if op == "call":
        return host.call(
            name, request["outcome"], float(request.get("duration", 0)), fallback_of(request), returns_of(request)
        )
    if op == "begin":
        return host.begin(name, str(request["call"]), request["outcome"], fallback_of(request), returns_of(request))
    if op == "race":
        return host.race(name, request["calls"], request["outcome"])
    if op == "finish":
        return host.finish(str(request["call"]))
    if op == "advance":
        CLOCK.advance(float(request["seconds"]))
        return {}
    if op == "state":
        breaker = host.breaker(name)
        state = host.read_state(breaker, public=True)
        if state is None:
            if not (hasattr(breaker, "state") or hasattr(breaker, "_state")):
                raise AdapterError("unsupported", "CircuitBreaker has no `state` or `_state` (see the exercise README)")
            value = getattr(breaker, "state", getattr(breaker, "_state", None))
            raise AdapterError(
                "breaker_error", f"the state {value!r} is not CLOSED, OPEN or HALF_OPEN (an enum or a string)"
            )
        return {"state": state}
    if op == "is_open":
        return host.is_open(name)
    if op == "events":
        host.breaker(name)
        return {"events": list(host.events.get(name, []))}
    if op == "metrics":
        return host.metrics(name)
    raise AdapterError("unsupported", f"unknown op '{op}'")


def fallback_of(request):
    """A request's `fallback`: False, True, or a behaviour name of docs/protocol.md."""
    value = request.get("fallback", False)
    if isinstance(value, bool):
        return value
    if value not in FALLBACK_BEHAVIOURS:
        raise AdapterError("bad_request", f"fallback must be true, false or one of {sorted(FALLBACK_BEHAVIOURS)}")
    return value


def returns_of(request):
    """A request's `returns`: the operation's success value."""
    value = request.get("returns", "value")
    if value not in SUCCESS_VALUES:
        raise AdapterError("bad_request", f"returns must be one of {sorted(SUCCESS_VALUES)}")
    return value


FALLBACK_BEHAVIOURS = frozenset(("value", "zero", "empty", "none", "raise", "check_error", "reenter"))


def protocol_lines(fd, spin=0.0005):
    """Yields the driver's request lines from `fd`.

    After each line the reader polls for up to `spin` seconds before it sleeps in select(): the next
    request of a simulation usually follows within that, and waking from a sleep costs more than the
    wait (docs/benchmarks.md). sched_yield lets any other runnable process go first meanwhile.
    """
    import select

    if os.isatty(fd):  # typed by hand: never leave the terminal non-blocking for the shell
        spin = 0
    else:
        os.set_blocking(fd, False)
    pending = b""
    while True:
        newline = pending.find(b"\n")
        if newline >= 0:
            line = pending[:newline]
            pending = pending[newline + 1:]
            yield line
            continue
        until = _real_monotonic() + spin
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
                break
            except BlockingIOError:
                if _real_monotonic() < until:
                    os.sched_yield()
                else:
                    select.select([fd], [], [])
            except InterruptedError:
                continue
        if not chunk:
            if pending:
                yield pending
            return
        pending += chunk


def main():
    if len(sys.argv) != 2:
        fail_to_start("usage: cblearn_adapter.py BREAKER.py")
    module, filename = load(sys.argv[1])
    host = None
    for raw in protocol_lines(_protocol_in.fileno()):
        try:
            request = json.loads(raw)
            rid = request["id"]
        except (ValueError, KeyError, TypeError):
            send({"id": None, "ok": False, "error": {"kind": "bad_request", "message": "unreadable request"}})
            continue
        try:
            if request.get("op") == "hello":
                grace = max(0.05, float(request.get("grace_ms", 300)) / 1000)
                host = Host(module, filename, grace)
                reply = {"protocol": PROTOCOL, "name": filename, "language": "python", "features": host.features()}
            elif host is None:
                raise AdapterError("bad_request", "send hello first")
            else:
                reply = handle(host, request)
            reply.update({"id": rid, "ok": True})
            reply.setdefault("now", CLOCK.time())
        except AdapterError as exc:
            reply = {"id": rid, "ok": False, "error": {"kind": exc.kind, "message": exc.message}}
        except (KeyError, TypeError, ValueError) as exc:
            reply = {"id": rid, "ok": False, "error": {"kind": "bad_request", "message": describe(exc)}}
        except Exception as exc:  # noqa: BLE001 - the learner's code raised inside an adapter step
            reply = {"id": rid, "ok": False, "error": {"kind": "breaker_error", "message": trimmed(describe(exc))}}
        send(reply)
    os._exit(0)  # in-flight daemon threads must not keep the process alive


if __name__ == "__main__":
    main()
