"""The protocol channel: JSON Lines replies on the original standard output, requests from standard input."""

import json
import os
import select
import sys
import threading

from .clock import real_monotonic

_out = None  # the protocol's writer, once `open_channel` has moved it off file descriptor 1
_send_lock = threading.Lock()  # the batch watchdog may write from its own thread


def open_channel():
    """Keeps the protocol on its own channel: fd 1 moves to a private descriptor and points at standard error,
    so the learner's prints (and C extensions, and subprocesses) never reach the protocol; standard input is
    taken from the learner's code too. Returns the request descriptor."""
    global _out
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    _out = os.fdopen(protocol_fd, "w", encoding="utf-8", buffering=1)
    requests = sys.stdin.buffer
    sys.stdin = open(os.devnull)  # the learner's code must not read the protocol either
    return requests.fileno()


def encode(message):
    """One reply line: compact JSON and a newline."""
    return json.dumps(message, separators=(",", ":")) + "\n"


def send(message):
    line = encode(message)
    with _send_lock:
        _out.write(line)
        _out.flush()


def send_and_exit(message, status):
    """Writes a last reply and exits at once; keeps the send lock so nothing can follow the reply."""
    line = encode(message)
    _send_lock.acquire()
    try:
        _out.write(line)
        _out.flush()
    finally:
        os._exit(status)


def protocol_lines(fd, spin=0.0005):
    """Yields the driver's request lines from `fd`.

    After each line the reader polls for up to `spin` seconds before it sleeps in select(): the next
    request of a simulation usually follows within that, and waking from a sleep costs more than the
    wait (docs/benchmarks.md). sched_yield lets any other runnable process go first meanwhile.
    """
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
        until = real_monotonic() + spin
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
                break
            except BlockingIOError:
                if real_monotonic() < until:
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
