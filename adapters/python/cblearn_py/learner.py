"""The learner's module: loading it, and naming the states it keeps."""

import enum
import importlib.util
import inspect
import os
import sys
import traceback

from .errors import fail_to_start, set_learner_file


def load(path):
    """Imports the learner's file as a module; returns the module and the file's name."""
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        fail_to_start(f"no such file: {path}")
    set_learner_file(path)
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


STATE_CHARS = {"CLOSED": "C", "OPEN": "O", "HALF_OPEN": "H"}


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


def read_state(breaker, public=False):
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
