"""Reusable threads for calls in flight (`begin`, `race`, and batches without greenlet)."""

import threading


class WorkerPool:
    """Reuses threads for in-flight calls: starting a thread costs more than a protocol round trip."""

    def __init__(self):
        self._lock = threading.Lock()
        self._idle = []

    def run(self, job):
        """Runs `job` on an idle thread, or on a new one when every thread is busy (a call blocked forever
        keeps its thread, so the pool grows rather than waits)."""
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        if worker is None:
            worker = _Worker(self)
            worker.start()
        worker.submit(job)

    def release(self, worker):
        with self._lock:
            self._idle.append(worker)


class _Worker(threading.Thread):
    def __init__(self, pool):
        super().__init__(daemon=True)
        self._pool = pool
        self._job = None
        self._ready = threading.Event()

    def submit(self, job):
        self._job = job
        self._ready.set()

    def run(self):
        while True:
            self._ready.wait()
            self._ready.clear()
            job, self._job = self._job, None
            try:
                job()
            finally:
                self._pool.release(self)
