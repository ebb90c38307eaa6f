"""One learner breaker class behind the protocol's operations: create, call, begin/finish, the queries."""

import inspect
import threading

from .clock import CLOCK
from .errors import AdapterError, describe
from .fallbacks import make_fallback
from .learner import read_state, state_name
from .results import NO_ARGUMENTS, ServiceError, end_operation, reply_fields, sort_result
from .workers import WorkerPool

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
        return {"state": read_state(self.breakers[name])}

    def reenter(self, breaker):
        """What a re-entrant listener does: reads the breaker's public state, metrics and is_open."""
        read_state(breaker, public=True)
        for attribute in ("metrics", "is_open"):
            value = getattr(breaker, attribute, None)
            if callable(value):
                value()

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
            return end_operation(outcome if outcome_box is None else outcome_box[0], returns)

        behaviour = "value" if fallback is True else (fallback or None)
        arguments = NO_ARGUMENTS
        if behaviour is not None:
            arguments = {"fallback": make_fallback(breaker, behaviour, invoked, self.open_error, self.grace)}
        result = sort_result(breaker.call, operation, arguments, self.open_error, invoked, outcome, returns, behaviour)
        return reply_fields(result, invoked[0])

    def call(self, name, outcome, duration, fallback, returns="value"):
        breaker = self.breaker(name)
        self.require_fallback(fallback)
        reply = self.run_call(breaker, outcome, duration, fallback, returns=returns)
        reply["state"] = read_state(breaker)
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
        reply["state"] = read_state(breaker)
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
        reply["state"] = read_state(entry["breaker"])
        return reply

    # queries ----------------------------------------------------------------
    def state(self, name):
        breaker = self.breaker(name)
        state = read_state(breaker, public=True)
        if state is None:
            if not (hasattr(breaker, "state") or hasattr(breaker, "_state")):
                raise AdapterError("unsupported", "CircuitBreaker has no `state` or `_state` (see the exercise README)")
            value = getattr(breaker, "state", getattr(breaker, "_state", None))
            raise AdapterError(
                "breaker_error", f"the state {value!r} is not CLOSED, OPEN or HALF_OPEN (an enum or a string)"
            )
        return {"state": state}

    def is_open(self, name):
        breaker = self.breaker(name)
        if not hasattr(breaker, "is_open"):
            raise AdapterError("unsupported", "CircuitBreaker has no is_open (step 4 adds it)")
        value = getattr(breaker, "is_open")
        if callable(value):
            value = value()
        return {"open": bool(value), "state": read_state(breaker)}

    def state_events(self, name):
        self.breaker(name)
        return {"events": list(self.events.get(name, []))}

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
        return {"metrics": numbers, "state": read_state(breaker)}
