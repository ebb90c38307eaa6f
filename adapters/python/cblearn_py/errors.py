"""The adapter's own error (an error reply) and how a learner's exception is described in a reply."""

import os
import sys

MAX_DETAIL = 2000
_learner_file = [None]  # the learner's file, so that error details can say where in it an error rose


class AdapterError(Exception):
    """An error reply: `kind` is one of docs/protocol.md's error kinds."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind
        self.message = message


def set_learner_file(path):
    _learner_file[0] = path


def trimmed(text):
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 20] + " … (trimmed)"


def describe(exc):
    """`Type: message`, and the last line of the learner's file the error passed through, if any."""
    message = str(exc)
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    where = None
    frame = exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == _learner_file[0]:
            where = frame
        frame = frame.tb_next
    if where is not None:
        name = os.path.basename(_learner_file[0])
        text += f" (at {name} line {where.tb_lineno}, in {where.tb_frame.f_code.co_name})"
    return text


def fail_to_start(message):
    sys.stderr.write("cblearn: " + message + "\n")
    sys.stderr.flush()
    sys.exit(3)
