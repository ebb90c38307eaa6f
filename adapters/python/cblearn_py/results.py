"""The scripted operation's errors and values, and `sort_result`: the one place where what a caller saw
from a call through the breaker is sorted, for `call`, `begin`/`finish`, `race` and both kinds of `batch`."""

from .errors import describe, trimmed


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
OUTCOMES = frozenset(("success", "failure", "ignored", "fatal"))
NO_ARGUMENTS = {}


def end_operation(outcome, returns="value"):
    """What the scripted operation does last: returns the success value or raises the outcome's error."""
    if outcome == "success":
        return SUCCESS_VALUES[returns]
    if outcome == "failure":
        raise ServiceError("scripted failure")
    if outcome == "fatal":
        raise CancelledOperation("scripted cancellation")
    raise BusinessError("scripted business error")


def same_value(value, kind, table):
    """Whether `value` is exactly the value `kind` of `table` (0 is not False, "" is not b"")."""
    expected = table[kind]
    if expected is None:
        return value is None
    return type(value) is type(expected) and value == expected


def sort_result(call, operation, arguments, open_error, invoked, outcome=None, returns="value", behaviour=None):
    """Calls `call(operation, **arguments)` (the breaker's `call`) and sorts what the caller saw.

    Returns `success`, `failure` (the counted error), `ignored` (the uncounted error), `fatal`,
    `rejected` (the breaker's CircuitOpenError), `fallback`, `fallback_error`, or `("other", detail)`.
    `invoked[0]` says whether the operation ran; `outcome` is the operation's scripted end when known
    before the call, `returns` its success value, `behaviour` the fallback's (docs/protocol.md)."""
    try:
        value = call(operation, **arguments)
    except open_error:
        return "rejected"
    except ServiceError:
        return "failure"
    except BusinessError:
        return "ignored"
    except CancelledOperation:
        return "fatal"
    except FallbackError:
        return "fallback_error"
    except Exception as exc:  # noqa: BLE001
        return ("other", trimmed(describe(exc)))
    return sort_value(value, invoked[0] and outcome == "success", returns, behaviour)


def sort_value(value, succeeded, returns, behaviour):
    """What a value the call returned is: the operation's, the fallback's, or something else."""
    if succeeded and same_value(value, returns, SUCCESS_VALUES):
        return "success"
    if behaviour in FALLBACK_VALUES and same_value(value, behaviour, FALLBACK_VALUES):
        return "fallback"
    if behaviour in ("check_error", "reenter") and value == FALLBACK_VALUE:
        return "fallback"
    if behaviour == "reenter" and value == LOCKED_VALUE:
        detail = (
            "the fallback ran while the breaker held its lock: a call through the same breaker from another "
            "thread did not return (call the fallback after releasing the lock)"
        )
        return ("other", detail)
    if same_value(value, returns, SUCCESS_VALUES):
        return "success"
    return ("other", trimmed(f"returned {value!r}"))


def reply_fields(result, invoked):
    """A sorted result as the reply fields of `call`, `begin` and `finish`."""
    if result.__class__ is tuple:
        return {"result": "other", "invoked": invoked, "detail": result[1]}
    return {"result": result, "invoked": invoked}


def result_of(reply):
    """The sorted result back from reply fields."""
    result = reply["result"]
    return ("other", reply.get("detail", "")) if result == "other" else result
