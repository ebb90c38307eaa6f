"""The fallbacks a `call` or `begin` may pass to the breaker (docs/protocol.md, Fallbacks per call)."""

import threading

from .errors import AdapterError, trimmed
from .results import FALLBACK_VALUE, FALLBACK_VALUES, LOCKED_VALUE, OK_VALUE, SUCCESS_VALUES, FallbackError
from .results import ServiceError, WrongFallbackArgument

FALLBACK_BEHAVIOURS = frozenset(("value", "zero", "empty", "none", "raise", "check_error", "reenter"))


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


def make_fallback(breaker, behaviour, invoked, open_error, grace):
    """The fallback function for a behaviour of docs/protocol.md."""
    if behaviour in FALLBACK_VALUES:
        value = FALLBACK_VALUES[behaviour]
        return lambda *args, **kwargs: value
    if behaviour == "raise":

        def raising(*args, **kwargs):
            raise FallbackError("scripted fallback error")

        return raising
    if behaviour == "check_error":

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
