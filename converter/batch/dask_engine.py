"""Converting a batch on a dask.distributed cluster: an existing one (--scheduler) or a local one (--engine dask).

Each filing is one task running the same convert_one as the local pool, so a filing's outputs are still written
to a hidden folder and renamed into place by the worker. A worker lost mid-task has its tasks run again on
another worker by the scheduler; the rename makes the second run replace, never add to, what the first left.
"""

from __future__ import annotations

import functools
import logging
import secrets
import time
from types import TracebackType
from typing import Any, Iterable

from ..errors import UsageError
from .engines import WINDOW_PER_WORKER, worker_failed
from .outputs import code_fingerprint
from .records import FileResult, Job, one_line

WORKERS_SECONDS = 60  # how long to wait for a scheduler to have at least one worker
REFRESH_SECONDS = 5.0  # how often the window follows workers joining or leaving
POLL_SECONDS = 0.02  # how often a wait looks for finished tasks


class DaskEngine:
    """Submit each job as a task to a dask.distributed cluster: the one at address, else a new LocalCluster of
    n_workers single-threaded worker processes (closed at the end)."""

    def __init__(self, address: str | None = None, n_workers: int = 1) -> None:
        self.address = address
        self.n_workers = n_workers
        self.client: Any = None
        self.cluster: Any = None
        self.token = secrets.token_hex(4)  # keeps this run's task names apart from another run's on the cluster
        self._window = (0, 0.0)
        self.finished: Any = None  # distributed.as_completed over the submitted futures

    def __enter__(self) -> DaskEngine:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("the Dask engine needs dask.distributed: pip install 'edgar2xbrl[dask]'") from None
        if self.address:
            try:
                # how long it keeps trying is Dask's own setting, distributed.comm.timeouts.connect
                self.client = Client(self.address, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {self.address}: {one_line(str(exc))}") from None
            try:
                self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except (OSError, TimeoutError) as exc:
                self.client.close()
                raise UsageError(f"the Dask scheduler at {self.address} has no workers "
                                 f"(waited {WORKERS_SECONDS} s): {one_line(str(exc))}") from None
        else:
            self.cluster = LocalCluster(n_workers=self.n_workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster, set_as_default=False)
        from distributed import as_completed

        self.finished = as_completed(loop=self.client.loop)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    @property
    def window(self) -> int:
        """Tasks kept submitted: a few per worker thread, following the cluster's size."""
        count, when = self._window
        now = time.monotonic()
        if now - when > REFRESH_SECONDS:
            threads = sum(self.client.nthreads().values())
            count = max(1, threads) * WINDOW_PER_WORKER
            self._window = (count, now)
        return count

    def submit(self, job: Job) -> Any:
        future = self.client.submit(convert_on_worker, job, key=f"edgar2xbrl-{job.stem}-{self.token}", pure=False)
        self.finished.add(future)
        return future

    def wait(self, pending: Iterable[object], timeout: float) -> Iterable[object]:
        """The submitted futures that finished, as as_completed hands them out, waiting up to timeout for one."""
        deadline = time.monotonic() + timeout
        while not self.finished.has_ready() and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
        return self.finished.next_batch(block=False) if self.finished.has_ready() else []

    def result(self, future: Any, job: Job) -> FileResult:
        try:
            return future.result()  # type: ignore[no-any-return]
        except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: the filing's workers kept dying
            return worker_failed(job, f"Dask task failed: {type(exc).__name__}: {one_line(str(exc))}")


def convert_on_worker(job: Job) -> FileResult:
    """convert_one on a worker, refusing a job made by a different build of the converter (its outputs would
    carry a fingerprint they were not made with)."""
    from .run import convert_one

    mine = _fingerprint()
    if mine != job.fingerprint:
        return worker_failed(job, f"the worker runs a different edgar2xbrl build (code fingerprint {mine}, "
                                  f"the run's is {job.fingerprint}); install the same version on every machine")
    return convert_one(job)


@functools.lru_cache(maxsize=1)
def _fingerprint() -> str:
    return code_fingerprint()
