"""greenlet, when it can be imported, and the re-entrant lock a greenlet owns."""

import os
import threading

if os.environ.get("CBLEARN_NO_GREENLET"):
    greenlet = None
else:
    try:
        import greenlet
    except ImportError:
        greenlet = None


class GreenletRLock:
    """threading.RLock owned by a greenlet instead of a thread; installed as threading.RLock before the
    learner's module loads when batches run as greenlets. A thread's RLock would let every call of a batch
    (all on one thread) re-enter a lock that a suspended call holds; this one makes the next call wait for it,
    as a thread would, so a lock held while the operation runs is `blocked` in both modes. Outside greenlets
    (the threads of begin/finish), each thread has its own main greenlet: it is an ordinary RLock."""

    __slots__ = ("_block", "_owner", "_count", "__weakref__")

    def __init__(self):
        self._block = threading.Lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = greenlet.getcurrent()
        if self._owner is me:
            self._count += 1
            return True
        if self._block.acquire(blocking, timeout):
            self._owner = me
            self._count = 1
            return True
        return False

    __enter__ = acquire

    def release(self):
        if self._owner is not greenlet.getcurrent():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def __exit__(self, *exc):
        self.release()

    # what threading.Condition uses
    def _is_owned(self):
        return self._owner is greenlet.getcurrent()

    def _release_save(self):
        if not self._count:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _at_fork_reinit(self):
        self._block._at_fork_reinit()
        self._owner = None
        self._count = 0

    def __repr__(self):
        return f"<cblearn GreenletRLock owner={self._owner!r} count={self._count}>"


def install():
    """Makes threading.RLock the greenlet-owned lock, before the learner's module loads (with greenlet only)."""
    if greenlet is not None:
        threading.RLock = GreenletRLock
