"""What the two ways of running a batch share: an event's delay, and how a call that ended wrongly is told."""

from .errors import AdapterError

ENTERED = object()  # what a suspended operation hands the driver: the call is in flight


def event_ns(dt, index):
    """A batch event's delay as integer nanoseconds (an integral float is accepted)."""
    if isinstance(dt, bool) or not isinstance(dt, (int, float)) or dt < 0 or dt != int(dt):
        raise AdapterError("bad_request", f"event {index}: the delay must be an integer number of nanoseconds >= 0")
    return int(dt)


def ended_early(r):
    if isinstance(r, tuple):
        return r[1]
    return f"the call ended ({r}) without staying in its operation"


def ended_wrong(r, outcome):
    if isinstance(r, tuple):
        return r[1]
    return f"the call ended with {r}, not {outcome}"
