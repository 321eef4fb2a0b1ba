"""Running a batch: convert one filing into its folder (never raising), many in a process pool."""

from __future__ import annotations

import json
import shutil
import signal
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Callable, Iterable

from ..errors import ConverterError, WriteError
from ..readers.edgar_text import read_source
from ..settings import DEFAULT_SETTINGS, Settings
from .inputs import assign_stems
from .outputs import (
    MANIFEST_NAME, TEMP_PREFIX, apply_umask, code_fingerprint, manifest_key, own_prefix, relative_to, replace_folder,
    up_to_date,
)
from .records import COUNT_FIELDS, FileResult, Job, counts, diagnostic_lines, one_line, report_stats, strict_problems

Progress = Callable[[int, int, FileResult], None]


def convert_one(job: Job) -> FileResult:
    """Convert one filing into out_root/stem (never raises: errors become a failed result)."""
    try:
        return _convert_one(job)
    except ConverterError as exc:
        return FileResult(str(job.source), job.stem, "failed", one_line(exc.reason))
    except (MemoryError, RecursionError) as exc:
        return FileResult(str(job.source), job.stem, "failed", f"internal error: {type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one bug must not stop the others
        reason = f"internal error: {type(exc).__name__}: {one_line(str(exc))}"
        msgs = tuple(traceback.format_exc().splitlines()) if job.verbose else ()
        return FileResult(str(job.source), job.stem, "failed", reason, messages=msgs)


def _convert_one(job: Job) -> FileResult:
    from ..pipeline import convert_bytes, write_report

    data = read_source(job.source)
    key = manifest_key(data, job)
    final = job.out_root / job.stem
    if not job.force:
        cached = up_to_date(final, key)
        if cached is not None:
            return _result_from_manifest(job, cached)
    report = convert_bytes(data, str(job.source), job.settings)
    stats = report_stats(report)
    messages = diagnostic_lines(report) if job.verbose else ()
    notes = tuple(f"{d.code}: {d.message}" for d in report.diagnostics if d.code.startswith("filing.")
                  and d.severity != "info")
    if job.strict:
        problems = strict_problems(stats)
        if problems:
            return FileResult(str(job.source), job.stem, "failed", f"--strict: {problems}",
                              messages=messages, notes=notes, **counts(stats))
    tmp = Path(tempfile.mkdtemp(prefix=f"{own_prefix(TEMP_PREFIX)}{job.stem}-", dir=job.out_root))
    try:
        written = write_report(report, tmp, job.writers)
        files = tuple(sorted({relative_to(p, tmp) for p in written}))
        if MANIFEST_NAME in files:
            raise WriteError(f"a writer produced {MANIFEST_NAME}, which is reserved for the batch manifest")
        manifest = {**key, "files": list(files), "notes": list(notes), **counts(stats)}
        (tmp / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        apply_umask(tmp)
        replace_folder(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return FileResult(str(job.source), job.stem, "converted", files=files, messages=messages, notes=notes,
                      **counts(stats))


def _result_from_manifest(job: Job, manifest: dict[str, object]) -> FileResult:
    counts = {k: int(manifest.get(k, 0) or 0) for k in COUNT_FIELDS}  # type: ignore[call-overload]
    files = tuple(str(f) for f in manifest.get("files", []))  # type: ignore[union-attr]
    notes = tuple(str(n) for n in manifest.get("notes", []))  # type: ignore[union-attr]
    return FileResult(str(job.source), job.stem, "skipped", files=files, notes=notes, **counts)


def make_jobs(files: Iterable[Path], out_root: Path, writers: tuple[str, ...], *, strict: bool = False,
              force: bool = False, settings: Settings = DEFAULT_SETTINGS, verbose: bool = False,
              fingerprint: str | None = None) -> tuple[Job, ...]:
    """One Job per input file, with unique output folders."""
    files = tuple(files)
    stems = assign_stems(files)
    fp = fingerprint if fingerprint is not None else code_fingerprint()
    return tuple(Job(f, out_root, stems[f], writers, strict, force, fp, settings, verbose) for f in files)


def run_jobs(jobs: tuple[Job, ...], n_jobs: int = 1, progress: Progress | None = None) -> tuple[FileResult, ...]:
    """Convert every job (in a process pool when n_jobs > 1); results in job order."""
    results: list[FileResult | None] = [None] * len(jobs)
    total = len(jobs)
    if n_jobs <= 1 or total <= 1:
        for i, job in enumerate(jobs):
            results[i] = convert_one(job)
            if progress:
                progress(i + 1, total, results[i])  # type: ignore[arg-type]
    else:
        pool = ProcessPoolExecutor(max_workers=min(n_jobs, total), initializer=_ignore_sigint)
        try:
            futures = {pool.submit(convert_one, job): i for i, job in enumerate(jobs)}
            for done, fut in enumerate(as_completed(futures), start=1):
                i = futures[fut]
                try:
                    results[i] = fut.result()
                except Exception as exc:  # noqa: BLE001 - a worker process died (e.g. killed by the OS)
                    results[i] = FileResult(str(jobs[i].source), jobs[i].stem, "failed",
                                            f"worker process failed: {type(exc).__name__}: {one_line(str(exc))}")
                if progress:
                    progress(done, total, results[i])  # type: ignore[arg-type]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # Ctrl-C: drop queued files, let running ones finish
            raise
        pool.shutdown(wait=True)
    return tuple(r for r in results if r is not None)


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch after the files in progress."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
