"""Where a batch's filings are converted: in this process, or in a local pool of worker processes."""

from __future__ import annotations

import signal
from concurrent.futures import FIRST_COMPLETED, Future, wait
from types import TracebackType
from typing import TYPE_CHECKING, Iterable, Protocol

from .records import FileResult, Job, one_line

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

WINDOW_PER_WORKER = 2  # filings handed out per worker ahead of time: keeps workers busy, bounds the bytes held


class Engine(Protocol):
    """Runs convert_one on jobs: submit, wait for some to finish, read a finished one's result."""

    window: int  # how many jobs may be submitted and unfinished at once

    def __enter__(self) -> Engine: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None: ...

    def submit(self, job: Job) -> object:
        """Start converting job; returns a future."""

    def wait(self, pending: Iterable[object], timeout: float) -> Iterable[object]:
        """Block until one of the pending futures is done or timeout seconds passed; return the done ones."""

    def result(self, future: object, job: Job) -> FileResult:
        """The finished future's result; a failed result naming the job when its worker died."""


class LocalEngine:
    """This process for one job at a time, else a process pool of n_jobs workers (Ctrl-C lets running ones end)."""

    def __init__(self, n_jobs: int = 1) -> None:
        self.n_jobs = n_jobs
        self.pool: ProcessPoolExecutor | None = None
        self.window = 1 if n_jobs <= 1 else n_jobs * WINDOW_PER_WORKER

    def __enter__(self) -> LocalEngine:
        if self.n_jobs > 1:
            from concurrent.futures import ProcessPoolExecutor  # not loaded (with multiprocessing) for one filing

            self.pool = ProcessPoolExecutor(max_workers=self.n_jobs, initializer=_ignore_sigint)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=kind is not None)  # Ctrl-C: drop queued, finish running
            self.pool = None

    def submit(self, job: Job) -> Future[FileResult]:
        from .run import convert_one

        if self.pool is not None:
            return self.pool.submit(convert_one, job)
        done: Future[FileResult] = Future()
        done.set_result(convert_one(job))
        return done

    def wait(self, pending: Iterable[object], timeout: float) -> Iterable[object]:
        return wait(pending, timeout, return_when=FIRST_COMPLETED).done  # type: ignore[arg-type]

    def result(self, future: object, job: Job) -> FileResult:
        assert isinstance(future, Future)
        try:
            return future.result()  # type: ignore[no-any-return]
        except Exception as exc:  # noqa: BLE001 - a worker process died (e.g. killed by the OS)
            return worker_failed(job, f"worker process failed: {type(exc).__name__}: {one_line(str(exc))}")


def make_engine(kind: str, address: str | None, n_jobs: int) -> Engine:
    """The engine the command line asks for: "local" (a process pool) or "dask" (a cluster at address, or a local
    cluster of n_jobs workers)."""
    if kind == "dask" or address:
        from .dask_engine import DaskEngine

        return DaskEngine(address, n_jobs)
    return LocalEngine(n_jobs)


def worker_failed(job: Job, reason: str) -> FileResult:
    """The result of a job whose worker was lost."""
    return FileResult(str(job.source), job.stem, "failed", reason, member=job.member)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch after the files in progress."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
