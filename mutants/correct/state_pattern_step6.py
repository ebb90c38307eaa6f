"""A correct step-6 breaker in the state pattern: `_state` holds a state object, one class per state.

Written independently of the reference solution to check that cblearn reads state objects and judges the
behaviour, not the shape. `fallback` comes through **kwargs, not as a named parameter of `call`. Times are float seconds from time.monotonic(); deadlines are absolute.
"""

import threading
import time


class CircuitOpenError(Exception):
    pass


class _State:
    def __init__(self, breaker):
        self.breaker = breaker
        self.generation = breaker._next_generation()

    def admit(self, now):
        raise NotImplementedError

    def settle(self, ticket, outcome, now):
        pass


class ClosedState(_State):
    def __init__(self, breaker):
        super().__init__(breaker)
        self.failures = 0

    def admit(self, now):
        return (self.generation, False)

    def settle(self, ticket, outcome, now):
        if outcome == "failure":
            self.failures += 1
            if self.failures >= self.breaker.failure_threshold:
                self.breaker._become(OpenState(self.breaker, now))
        elif outcome == "success":
            self.failures = 0


class OpenState(_State):
    def __init__(self, breaker, now):
        super().__init__(breaker)
        self.until = now + breaker.recovery_timeout

    def admit(self, now):
        if now < self.until:
            raise CircuitOpenError("open")
        half = HalfOpenState(self.breaker)
        self.breaker._become(half)
        return half.admit(now)


class HalfOpenState(_State):
    def __init__(self, breaker):
        super().__init__(breaker)
        self.tokens = set()
        self.successes = 0
        self._serial = 0

    def admit(self, now):
        if len(self.tokens) >= self.breaker.half_open_max_calls:
            raise CircuitOpenError("trials in flight")
        self._serial += 1
        self.tokens.add(self._serial)
        return (self.generation, self._serial)

    def settle(self, ticket, outcome, now):
        self.tokens.discard(ticket[1])
        if outcome == "failure":
            self.breaker._become(OpenState(self.breaker, now))
        elif outcome == "success":
            self.successes += 1
            if self.successes >= self.breaker.success_threshold:
                self.breaker._become(ClosedState(self.breaker))


class CircuitBreaker:
    def __init__(self, failure_threshold=5, recovery_timeout=60, expected_exception=Exception,
                 half_open_max_calls=1, success_threshold=1):
        self.failure_threshold = failure_threshold
        self.recovery_timeout = recovery_timeout
        self.expected_exception = expected_exception
        self.half_open_max_calls = half_open_max_calls
        self.success_threshold = success_threshold
        self._generations = 0
        self._mutex = threading.Lock()
        self._state = ClosedState(self)

    def _next_generation(self):
        self._generations += 1
        return self._generations

    def _become(self, state):
        self._state = state

    @property
    def state(self):
        return {"ClosedState": "CLOSED", "OpenState": "OPEN", "HalfOpenState": "HALF_OPEN"}[type(self._state).__name__]

    def is_open(self):
        with self._mutex:
            return isinstance(self._state, OpenState) and time.monotonic() < self._state.until

    def call(self, func, *args, **kwargs):
        fallback = kwargs.pop("fallback", None)  # taken through **kwargs: the adapter must still pass it
        with self._mutex:
            try:
                ticket = self._state.admit(time.monotonic())
                rejection = None
            except CircuitOpenError as exc:
                rejection = exc
        if rejection is not None:
            if fallback is None:
                raise rejection
            return fallback(rejection)
        try:
            value = func(*args, **kwargs)
        except self.expected_exception:
            self._settle(ticket, "failure")
            raise
        except BaseException:
            self._settle(ticket, "uncounted")
            raise
        self._settle(ticket, "success")
        return value

    def _settle(self, ticket, outcome):
        with self._mutex:
            if ticket[0] == self._state.generation:
                self._state.settle(ticket, outcome, time.monotonic())
