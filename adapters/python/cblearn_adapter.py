#!/usr/bin/env python3
"""cblearn's Python adapter: runs a learner's circuit breaker behind the cblearn wire protocol (v1).

Usage: python3 cblearn_adapter.py PATH/TO/breaker.py

The protocol (docs/protocol.md) is JSON Lines on the original standard output. Before the learner's module
is imported, file descriptor 1 is pointed at standard error, so the learner's prints never reach the
protocol, and the time functions the module may read are replaced by one virtual clock.
"""

import datetime as _dt
import enum
import importlib.util
import inspect
import json
import os
import sys
import threading
import time as _time
import traceback

PROTOCOL = 1
MAX_DETAIL = 2000

# --- 1. Keep the protocol on its own channel -------------------------------------------------------
_protocol_fd = os.dup(1)
os.dup2(2, 1)
_protocol_out = os.fdopen(_protocol_fd, "w", encoding="utf-8", buffering=1)
_protocol_in = sys.stdin.buffer
sys.stdin = open(os.devnull)  # the learner's code must not read the protocol either

_real_monotonic = _time.monotonic


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


# --- 3. The scripted operation's errors -----------------------------------------------------------
class ServiceError(Exception):
    """A counted failure: the breaker is built with expected_exception=ServiceError."""


class BusinessError(Exception):
    """An uncounted error (a declined payment): not a subclass of ServiceError."""


OK_VALUE = "cblearn-ok"
FALLBACK_VALUE = "cblearn-fallback"


def fail_to_start(message):
    sys.stderr.write("cblearn: " + message + "\n")
    sys.stderr.flush()
    sys.exit(3)


# --- 4. Load the learner's module -----------------------------------------------------------------
def load(path):
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        fail_to_start(f"no such file: {path}")
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
    """Normalises an enum or string state to CLOSED, OPEN or HALF_OPEN (None if unrecognisable)."""
    candidates = []
    if isinstance(value, enum.Enum):
        candidates += [value.name, value.value]
    candidates.append(value)
    for c in candidates:
        if isinstance(c, str):
            folded = "".join(ch for ch in c.lower() if ch.isalpha())
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
        try:
            self.init_params = inspect.signature(self.cls.__init__).parameters
        except (TypeError, ValueError):
            self.init_params = {}
        try:
            self.call_params = inspect.signature(self.cls.call).parameters
        except (TypeError, ValueError, AttributeError):
            self.call_params = {}

    def accepts(self, params, name):
        return name in params or any(p.kind == p.VAR_KEYWORD for p in params.values())

    def features(self):
        found = ["concurrency"]
        if hasattr(self.cls, "is_open"):
            found.append("is_open")
        if self.accepts(self.init_params, "on_state_change"):
            found.append("events")
        if hasattr(self.cls, "metrics"):
            found.append("metrics")
        if "fallback" in self.call_params:
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
            return state_name(holder["_state"])
        for attribute in ("state", "_state"):
            if hasattr(breaker, attribute):
                value = getattr(breaker, attribute)
                if callable(value) and not isinstance(value, (str, enum.Enum)):
                    value = value()
                return state_name(value)
        return None

    # calls ------------------------------------------------------------------
    def run_call(self, breaker, outcome, duration, fallback, gate=None, entered=None):
        """Calls the breaker; returns the reply fields for the call's end."""
        invoked = [False]

        def operation(*args, **kwargs):
            invoked[0] = True
            if entered is not None:
                entered.set()
            if gate is not None:
                gate.wait()
            if duration:
                CLOCK.advance(duration)
            if outcome == "success":
                return OK_VALUE
            if outcome == "failure":
                raise ServiceError("scripted failure")
            raise BusinessError("scripted business error")

        kwargs = {}
        if fallback:
            kwargs["fallback"] = lambda *exc: FALLBACK_VALUE
        try:
            value = breaker.call(operation, **kwargs)
        except self.open_error:
            return {"result": "rejected", "invoked": invoked[0]}
        except ServiceError:
            return {"result": "failure", "invoked": invoked[0]}
        except BusinessError:
            return {"result": "ignored", "invoked": invoked[0]}
        except Exception as exc:  # noqa: BLE001
            return {"result": "other", "invoked": invoked[0], "detail": trimmed(describe(exc))}
        if value == OK_VALUE:
            return {"result": "success", "invoked": invoked[0]}
        if value == FALLBACK_VALUE:
            return {"result": "fallback", "invoked": invoked[0]}
        return {"result": "other", "invoked": invoked[0], "detail": trimmed(f"returned {value!r}")}

    def call(self, name, outcome, duration, fallback):
        breaker = self.breaker(name)
        self.require_fallback(fallback)
        reply = self.run_call(breaker, outcome, duration, fallback)
        reply["state"] = self.read_state(breaker)
        return reply

    def require_fallback(self, fallback):
        if fallback and "fallback" not in self.call_params:
            raise AdapterError("unsupported", "call() takes no fallback= argument (step 6 adds it)")

    def begin(self, name, call_id, outcome, fallback):
        breaker = self.breaker(name)
        self.require_fallback(fallback)
        if call_id in self.calls:
            raise AdapterError("bad_request", f"call '{call_id}' is already in flight")
        entry = {"gate": threading.Event(), "entered": threading.Event(), "done": threading.Event()}

        def run():
            entry["reply"] = self.run_call(breaker, outcome, 0, fallback, entry["gate"], entry["entered"])
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


def describe(exc):
    return f"{type(exc).__name__}: {exc}"


# --- 7. The protocol loop -------------------------------------------------------------------------
def send(message):
    _protocol_out.write(json.dumps(message, separators=(",", ":")) + "\n")
    _protocol_out.flush()


def handle(host, request):
    op = request.get("op")
    name = request.get("breaker", "main")
    if op == "create":
        return host.create(name, request.get("config") or {}, request.get("clock"))
    if op == "call":
        return host.call(name, request["outcome"], float(request.get("duration", 0)), bool(request.get("fallback")))
    if op == "begin":
        return host.begin(name, str(request["call"]), request["outcome"], bool(request.get("fallback")))
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


def main():
    if len(sys.argv) != 2:
        fail_to_start("usage: cblearn_adapter.py BREAKER.py")
    module, filename = load(sys.argv[1])
    host = None
    for raw in _protocol_in:
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
