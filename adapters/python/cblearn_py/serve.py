"""The request loop: reads requests, dispatches each operation, writes one reply per request."""

import json
import os

from . import clock, locks, races, wire
from .batches import Batches
from .clock import CLOCK
from .errors import AdapterError, describe, fail_to_start, trimmed
from .fallbacks import fallback_of, returns_of
from .host import Host
from .learner import load

PROTOCOL = 1


def handle(host, request):
    """The reply fields of one request after `hello` (id, ok and now are added by the loop)."""
    op = request.get("op")
    if op == "batch":
        if host.batches is None:
            host.batches = Batches(host)
        return host.batches.run(request["id"], request["events"])
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
        return races.race(host, name, request["calls"], request["outcome"])
    if op == "finish":
        return host.finish(str(request["call"]))
    if op == "advance":
        CLOCK.advance(float(request["seconds"]))
        return {}
    if op == "state":
        return host.state(name)
    if op == "is_open":
        return host.is_open(name)
    if op == "events":
        return host.state_events(name)
    if op == "metrics":
        return host.metrics(name)
    raise AdapterError("unsupported", f"unknown op '{op}'")


def main(argv):
    """Runs the adapter for the learner's file named in `argv`; never returns."""
    requests = wire.open_channel()
    clock.install()
    locks.install()
    if len(argv) != 2:
        fail_to_start("usage: cblearn_adapter.py BREAKER.py")
    module, filename = load(argv[1])
    host = None
    for raw in wire.protocol_lines(requests):
        try:
            request = json.loads(raw)
            rid = request["id"]
        except (ValueError, KeyError, TypeError):
            wire.send({"id": None, "ok": False, "error": {"kind": "bad_request", "message": "unreadable request"}})
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
        wire.send(reply)
    os._exit(0)  # in-flight daemon threads must not keep the process alive
