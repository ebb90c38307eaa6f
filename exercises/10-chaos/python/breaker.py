"""Step 10, the capstone: your breaker inside the cascade simulator.

Paste in your breaker of step 9 (or finish this skeleton). The simulator creates one breaker per service
between the API gateway and the service, with the configuration of the `chaos` scenario:

    every breaker: failure_threshold=5, recovery_timeout=30, half_open_max_calls=1
    inventory's also: window_type="count", window_size=100, minimum_calls=20, failure_rate_threshold=50
    pricing's also: window_type="count", window_size=20, minimum_calls=10, failure_rate_threshold=50,
                    slow_call_duration=1, slow_call_rate_threshold=60, max_concurrent_calls=8

and then drives a few hundred calls a second through them on a virtual clock while pricing's database is
down, inventory is flaky, then pricing is slow. What the checks need from you:

  * without a window, OPEN after failure_threshold consecutive counted failures; with one, OPEN when the
    failure rate or the slow-call rate of the window reaches its threshold (steps 8 and 9);
  * while OPEN, reject at once (no call to func);
  * after recovery_timeout, HALF_OPEN admits at most half_open_max_calls trials; a success closes
    (success_threshold successes in a row), a failure or a slow trial re-opens and restarts the wait;
  * a bulkhead: at most max_concurrent_calls calls in flight, extra calls rejected at once;
  * never hold a lock while func runs: calls overlap, and a held lock blocks the whole gateway.

Check it with: cblearn check 10 python/breaker.py
Watch it with: cblearn simulate --scenario chaos --breaker python/breaker.py --checks
"""

import threading
import time
from enum import Enum


class CircuitState(Enum):
    CLOSED = "CLOSED"
    OPEN = "OPEN"
    HALF_OPEN = "HALF_OPEN"


class CircuitOpenError(Exception):
    """Raised instead of calling the operation when the breaker rejects the call."""


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
        self.max_concurrent_calls = max_concurrent_calls
        # TODO: keep the window and slow-call settings of steps 8 and 9 if your breaker has them.
        self._lock = threading.Lock()
        self._state = CircuitState.CLOSED
        # TODO: failure count, the time the breaker opened, trials in flight, calls in flight, a generation.

    @property
    def state(self):
        return self._state

    def is_open(self):
        # TODO: True only while OPEN and inside the recovery timeout (step 4).
        raise NotImplementedError

    def call(self, func, *args, fallback=None, **kwargs):
        # TODO: decide under the lock whether the call is admitted (OPEN, HALF_OPEN trials, bulkhead);
        # TODO: release the lock, run func, then record the outcome under the lock again;
        # TODO: a rejected call returns fallback(error) when a fallback is given, else raises CircuitOpenError;
        #       an error raised by func itself always reaches the caller unchanged.
        raise NotImplementedError
