"""Running a batch: convert one filing into its folder (never raising), many in a process pool."""

from __future__ import annotations

import contextlib
import gc
import json
import shutil
import signal
import threading
import tempfile
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import ConverterError, WriteError
from ..settings import DEFAULT_SETTINGS, Settings
from .archives import Member, read_input, read_members
from .dataset import DATASET_FORMAT, filing_info, info_fields, info_from_fields, part_path, write_part
from .engines import Engine, LocalEngine
from .inputs import Source, assign_source_stems
from .outputs import (
    MANIFEST_NAME, TEMP_PREFIX, apply_umask, code_fingerprint, manifest_key, own_prefix, relative_to, replace_folder,
    up_to_date,
)
from .records import COUNT_FIELDS, FileResult, Job, counts, diagnostic_lines, one_line, report_stats, strict_problems

Progress = Callable[[int, int, FileResult], None]
WAIT_SECONDS = 0.25  # longest wait for a filing to finish before the driver looks for Ctrl-C again


def convert_one(job: Job) -> FileResult:
    """Convert one filing into out_root/stem (never raises: errors become a failed result); the garbage it made is
    collected with it, also in a process running without automatic collection (python -m converter)."""
    try:
        return _convert_one(job)
    except ConverterError as exc:
        return FileResult(str(job.source), job.stem, "failed", one_line(exc.reason), member=job.member)
    except (MemoryError, RecursionError) as exc:
        return FileResult(str(job.source), job.stem, "failed", f"internal error: {type(exc).__name__}",
                          member=job.member)
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one bug must not stop the others
        reason = f"internal error: {type(exc).__name__}: {one_line(str(exc))}"
        msgs = tuple(traceback.format_exc().splitlines()) if job.verbose else ()
        return FileResult(str(job.source), job.stem, "failed", reason, messages=msgs, member=job.member)
    finally:
        gc.collect(0)


def _convert_one(job: Job) -> FileResult:
    from ..pipeline import convert_bytes, write_report

    data = job.data if job.data is not None else read_input(job.source)
    key = manifest_key(data, job)
    final = job.out_root / job.stem
    dataset = DATASET_FORMAT in job.writers
    if not job.force:
        cached = up_to_date(final, key)
        if cached is not None and (not dataset or part_path(job.out_root, job.stem).is_file()):
            return _result_from_manifest(job, cached)
    report = convert_bytes(data, job.report_source, job.settings)
    stats = report_stats(report)
    info = filing_info(report)
    messages = diagnostic_lines(report) if job.verbose else ()
    notes = tuple(f"{d.code}: {d.message}" for d in report.diagnostics if d.code.startswith("filing.")
                  and d.severity != "info")
    if job.strict:
        problems = strict_problems(stats)
        if problems:
            return FileResult(str(job.source), job.stem, "failed", f"--strict: {problems}", messages=messages,
                              notes=notes, member=job.member, info=info, **counts(stats))
    tmp = Path(tempfile.mkdtemp(prefix=f"{own_prefix(TEMP_PREFIX)}{job.stem}-", dir=job.out_root))
    try:
        written = write_report(report, tmp, tuple(w for w in job.writers if w != DATASET_FORMAT))
        files = tuple(sorted({relative_to(p, tmp) for p in written}))
        if MANIFEST_NAME in files:
            raise WriteError(f"a writer produced {MANIFEST_NAME}, which is reserved for the batch manifest")
        manifest = {**key, "files": list(files), "notes": list(notes), "filing": info_fields(info), **counts(stats)}
        (tmp / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        apply_umask(tmp)
        if dataset:  # before the folder: a folder whose manifest matches always has its part beside it
            write_part(report, job.out_root, job.stem, job.name)
        replace_folder(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return FileResult(str(job.source), job.stem, "converted", files=files, messages=messages, notes=notes,
                      member=job.member, info=info, **counts(stats))


def _result_from_manifest(job: Job, manifest: dict[str, object]) -> FileResult:
    counts = {k: int(manifest.get(k, 0) or 0) for k in COUNT_FIELDS}  # type: ignore[call-overload]
    files = tuple(str(f) for f in manifest.get("files", []))  # type: ignore[union-attr]
    notes = tuple(str(n) for n in manifest.get("notes", []))  # type: ignore[union-attr]
    return FileResult(str(job.source), job.stem, "skipped", files=files, notes=notes, member=job.member,
                      info=info_from_fields(manifest.get("filing")), **counts)


def make_jobs(sources: Iterable[Path | Source], out_root: Path, writers: tuple[str, ...], *, strict: bool = False,
              force: bool = False, settings: Settings = DEFAULT_SETTINGS, verbose: bool = False,
              fingerprint: str | None = None) -> tuple[Job, ...]:
    """One Job per filing (a loose file or an archive member), with unique output folders."""
    items = tuple(s if isinstance(s, Source) else Source(s) for s in sources)
    stems = assign_source_stems(items)
    fp = fingerprint if fingerprint is not None else code_fingerprint()
    return tuple(Job(s.path, out_root, stem, writers, strict, force, fp, settings, verbose,
                     s.member.name if s.member else "", s.member.index if s.member else -1)
                 for s, stem in zip(items, stems))


def with_data(jobs: Iterable[Job]) -> Iterator[Job | FileResult]:
    """The jobs in order, each archive member's carrying its bytes (each archive read once, front to back); a
    member that cannot be read becomes a failed result naming archive and member."""
    group: list[Job] = []
    for job in jobs:
        if group and (not job.member or job.source != group[0].source):
            yield from _read_group(group)
            group = []
        if job.member:
            group.append(job)
        else:
            yield job
    if group:
        yield from _read_group(group)


def _read_group(jobs: list[Job]) -> Iterator[Job | FileResult]:
    by_index = {j.member_index: j for j in jobs}
    for member, data in read_members(jobs[0].source, tuple(Member(j.member, j.member_index) for j in jobs)):
        job = by_index[member.index]
        if isinstance(data, ConverterError):
            yield FileResult(str(job.source), job.stem, "failed", one_line(data.reason), member=job.member)
        else:
            yield replace(job, data=data)


def run_jobs(jobs: tuple[Job, ...], n_jobs: int = 1, progress: Progress | None = None,
             engine: Engine | None = None) -> tuple[FileResult, ...]:
    """Convert every job on an engine (default: a local process pool of n_jobs); results in job order.

    Archive members are read as they are handed out, so at most a few filings' bytes are held at a time."""
    engine = engine if engine is not None else LocalEngine(min(n_jobs, len(jobs)))
    total = len(jobs)
    results: list[FileResult | None] = [None] * total
    done = 0

    def finish(i: int, result: FileResult) -> None:
        nonlocal done
        results[i] = result
        done += 1
        if progress:
            progress(done, total, result)

    items = enumerate(with_data(jobs))
    pending: dict[object, tuple[int, Job]] = {}
    more = True
    with deferred_interrupt() as interrupted, engine:
        while True:
            if interrupted():
                raise KeyboardInterrupt
            while more and len(pending) < engine.window:
                nxt = next(items, None)
                if nxt is None:
                    more = False
                elif isinstance(nxt[1], FileResult):
                    finish(*nxt)  # type: ignore[arg-type]
                else:
                    pending[engine.submit(nxt[1])] = nxt  # type: ignore[assignment]
            if not pending:
                break
            for fut in engine.wait(pending, WAIT_SECONDS):
                i, job = pending.pop(fut)
                finish(i, engine.result(fut, job))
    return tuple(r for r in results if r is not None)


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[Callable[[], bool]]:
    """While the driver runs, Ctrl-C only sets a flag that the driver checks between steps, so the interrupt never
    lands inside a pool's or a client's own code (where it could leave a lock held and the shutdown waiting)."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield lambda: False
        return
    hits: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: hits.append(signum))
    try:
        yield lambda: bool(hits)
    finally:
        signal.signal(signal.SIGINT, previous)
