#!/usr/bin/env python3
"""cblearn's Python adapter: runs a learner's circuit breaker behind the cblearn wire protocol (v1).

Usage: python3 cblearn_adapter.py PATH/TO/breaker.py

The protocol (docs/protocol.md) is JSON Lines on the original standard output. Before the learner's module
is imported, file descriptor 1 is pointed at standard error, so the learner's prints never reach the
protocol, and the time functions the module may read are replaced by one virtual clock.

The adapter itself is the package `cblearn_py` beside this file, one module per job (its __init__ lists
them). cblearn starts this file with `python3 -B -I`, which leaves this folder off sys.path: it is put on
for the package's import and taken off again, so the learner's imports see the path they would see alone.

`batch` (many overlapping calls in one request, for the cascade simulator) runs every call on the main
thread, each in-flight call suspended inside its operation as a greenlet, when the `greenlet` package can be
imported (Debian: python3-greenlet; scripts/setup.sh installs it). Without it, or with the environment
variable CBLEARN_NO_GREENLET=1, batches run on the threads of `begin`/`finish`: the same results, slower.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)
try:
    from cblearn_py import serve
finally:
    sys.path.remove(_HERE)

if __name__ == "__main__":
    serve.main(sys.argv)
