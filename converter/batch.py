"""Batch conversion: input paths -> one output folder per filing, in parallel, atomically, skipping up-to-date ones."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import __version__
from .errors import ConverterError, UsageError, WriteError
from .model import Report
from .settings import DEFAULT_SETTINGS, Settings

FORMAT_WRITERS: dict[str, tuple[str, ...]] = {
    "xbrl": ("xbrl",),
    "xlsx": ("xlsx",),
    "csv": ("native", "statements", "xbrl-csv"),
}
"""User format name -> writer names in converter.writers.WRITERS (only registered ones are used)."""

INPUT_SUFFIXES = (".txt",)  # files picked up when a folder is given
MANIFEST_NAME = "manifest.json"  # per-filing record of what was converted from what
SUMMARY_NAME = "summary.json"  # batch summary in the output root
RESERVED_STEMS = frozenset({"summary.json", MANIFEST_NAME})  # stems that would clash with batch files
_TEMP_PREFIX = ".e2x-tmp-"  # temporary output folders (hidden, removed on failure)
_OLD_PREFIX = ".e2x-old-"  # previous output folder while it is being replaced
_MAX_STEM = 100  # longest folder name made from a file name
_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Job:
    """One filing to convert and where its outputs go."""

    source: Path  # input file
    out_root: Path  # the --out folder
    stem: str  # output folder name under out_root (sanitised, unique in the batch)
    writers: tuple[str, ...]  # writer names to run, in order
    strict: bool  # fail on calculation inconsistencies or unmapped rows
    force: bool  # convert even when the outputs are up to date
    fingerprint: str  # hash of tool version, code and taxonomy data (part of the up-to-date key)
    settings: Settings = DEFAULT_SETTINGS  # pipeline tunables
    verbose: bool = False  # keep diagnostics text and internal-error tracebacks in the result


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input: a small picklable record."""

    source: str  # input path as given
    stem: str  # output folder name ("" when the input was never resolved)
    status: str  # "converted", "skipped" (up to date), "failed"
    reason: str = ""  # one-line error for failed files
    facts: int = 0  # facts written
    statements: int = 0  # tables interpreted
    unmapped: int = 0  # labels mapped to extension concepts
    calc_failures: int = 0  # checks that did not reconcile
    warnings: int = 0  # diagnostics of severity warning or error
    files: tuple[str, ...] = ()  # output files relative to the filing's folder
    messages: tuple[str, ...] = field(default=())  # diagnostics as "line:col: code: message" (verbose only)
    notes: tuple[str, ...] = ()  # filing-level warnings always shown, e.g. "no financial tables were found"

    @property
    def ok(self) -> bool:
        return self.status != "failed"


# ---------------------------------------------------------------- inputs and names


def expand_inputs(args: Iterable[str]) -> tuple[tuple[Path, ...], tuple[FileResult, ...]]:
    """Files, folders (their *.txt files, recursively) and globs -> sorted unique files, plus inputs not found."""
    found: dict[str, Path] = {}
    missing: list[FileResult] = []
    for arg in args:
        try:
            matches = _expand_one(arg, missing)
        except OSError as exc:
            missing.append(FileResult(arg, "", "failed", f"cannot read: {exc.strerror or exc}"))
            matches = []
        for m in matches:
            found.setdefault(os.path.normpath(os.path.abspath(m)), m)
    files = tuple(found[k] for k in sorted(found))
    return files, tuple(missing)


def _expand_one(arg: str, missing: list[FileResult]) -> list[Path]:
    """The files one argument stands for; appends a failed result when it stands for none."""
    p = Path(arg)
    if p.is_dir():
        matches = list(_walk_folder(p))
        reason = "folder holds no filings (*.txt)"
    elif p.exists() or p.is_symlink():
        return [p]
    elif _GLOB_CHARS.search(arg):
        matches = sorted(Path(m) for m in glob.glob(arg, recursive=True) if not Path(m).is_dir())
        reason = "no file matches this pattern"
    else:
        matches, reason = [], "no such file or folder"
    if not matches:
        missing.append(FileResult(arg, "", "failed", reason))
    return matches


def _walk_folder(folder: Path) -> Iterator[Path]:
    """Filing files under a folder, skipping hidden entries, in sorted order."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES):
                yield Path(dirpath) / name


def sanitize_stem(name: str) -> str:
    """A safe folder name from a file name: no separators, no leading dots, only [A-Za-z0-9._-]."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = _UNSAFE.sub("_", stem).lstrip(".")[:_MAX_STEM]
    if not stem:
        return "filing"
    return f"filing_{stem}" if stem.lower() in RESERVED_STEMS else stem


def assign_stems(files: Iterable[Path]) -> dict[Path, str]:
    """Unique output folder names; clashing stems get a suffix from a hash of the full path (order-independent)."""
    files = list(files)
    by_key: dict[str, list[Path]] = {}
    for f in files:
        by_key.setdefault(sanitize_stem(f.name).lower(), []).append(f)
    out: dict[Path, str] = {}
    taken = {k for k, group in by_key.items() if len(group) == 1}
    for f in files:
        stem = sanitize_stem(f.name)
        if len(by_key[stem.lower()]) > 1:
            digest = hashlib.sha1(os.path.abspath(f).encode("utf-8", "surrogateescape")).hexdigest()
            n = 8
            while f"{stem}-{digest[:n]}".lower() in taken:
                n += 2
            stem = f"{stem}-{digest[:n]}"
            taken.add(stem.lower())
        out[f] = stem
    return out


def resolve_formats(names: Iterable[str], registered: Iterable[str]) -> tuple[str, ...]:
    """User format names (xbrl, xlsx, csv) or writer names -> registered writer names, in a fixed order."""
    registered = tuple(registered)
    chosen: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name == "all":
            wanted = [w for group in FORMAT_WRITERS.values() for w in group] + list(registered)
        elif name in FORMAT_WRITERS:
            wanted = [w for w in FORMAT_WRITERS[name] if w in registered]
            if not wanted:
                raise UsageError(f"format {name!r} is not available in this build (available: {available_formats(registered)})")
        elif name in registered:
            wanted = [name]
        else:
            raise UsageError(f"unknown format {raw!r} (available: {available_formats(registered)})")
        for w in wanted:
            if w in registered and w not in chosen:
                chosen.append(w)
    if not chosen:
        raise UsageError("no output format chosen")
    return tuple(chosen)


def available_formats(registered: Iterable[str]) -> str:
    """The user format names that have at least one registered writer, comma-separated."""
    registered = set(registered)
    names = [n for n, ws in FORMAT_WRITERS.items() if registered & set(ws)]
    extra = sorted(registered - {w for ws in FORMAT_WRITERS.values() for w in ws})
    return ", ".join(names + extra)


def default_formats(registered: Iterable[str]) -> tuple[str, ...]:
    """Every registered writer, user formats first."""
    return resolve_formats(["all"], registered)


def code_fingerprint() -> str:
    """Hash of the tool version, the converter's source and the taxonomy data: changes when outputs may change."""
    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).resolve().parent
    roots = [pkg, pkg.parent / "taxonomy"]
    for root in roots:
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix in (".py", ".csv", ".toml", ".xsd", ".xml", ".json") and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()[:16]


def check_out_root(out_root: Path) -> None:
    """Create the output folder and make sure files can be written in it, or raise UsageError."""
    try:
        out_root.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"output folder {out_root} is a file, not a folder") from None
    except OSError as exc:
        raise UsageError(f"cannot create output folder {out_root}: {exc.strerror or exc}") from None
    if not out_root.is_dir():
        raise UsageError(f"output folder {out_root} is not a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=out_root)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise UsageError(f"output folder {out_root} is not writable: {exc.strerror or exc}") from None


# ---------------------------------------------------------------- one file


def convert_one(job: Job) -> FileResult:
    """Convert one filing into out_root/stem (never raises: errors become a failed result)."""
    try:
        return _convert_one(job)
    except ConverterError as exc:
        return FileResult(str(job.source), job.stem, "failed", _one_line(exc.reason))
    except (MemoryError, RecursionError) as exc:
        return FileResult(str(job.source), job.stem, "failed", f"internal error: {type(exc).__name__}")
    except Exception as exc:  # noqa: BLE001 - the batch boundary: one bug must not stop the others
        reason = f"internal error: {type(exc).__name__}: {_one_line(str(exc))}"
        msgs = tuple(traceback.format_exc().splitlines()) if job.verbose else ()
        return FileResult(str(job.source), job.stem, "failed", reason, messages=msgs)


def _convert_one(job: Job) -> FileResult:
    from .pipeline import convert_bytes, write_report

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
                              messages=messages, notes=notes, **_counts(stats))
    tmp = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{job.stem}-", dir=job.out_root))
    try:
        written = write_report(report, tmp, job.writers)
        files = tuple(sorted({_relative(p, tmp) for p in written}))
        if MANIFEST_NAME in files:
            raise WriteError(f"a writer produced {MANIFEST_NAME}, which is reserved for the batch manifest")
        manifest = {**key, "files": list(files), "notes": list(notes), **_counts(stats)}
        (tmp / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        apply_umask(tmp)
        replace_folder(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return FileResult(str(job.source), job.stem, "converted", files=files, messages=messages, notes=notes,
                      **_counts(stats))


def read_source(path: Path) -> bytes:
    """The input's bytes, or a ReadError with a reason a user can act on."""
    from .errors import ReadError

    try:
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            raise ReadError("is not a regular file (device, pipe or socket)", source=str(path))
        return path.read_bytes()
    except IsADirectoryError:
        raise ReadError("is a folder, not a filing", source=str(path)) from None
    except FileNotFoundError:
        raise ReadError("no such file", source=str(path)) from None
    except PermissionError:
        raise ReadError("permission denied", source=str(path)) from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None


def manifest_key(data: bytes, job: Job) -> dict[str, object]:
    """What the outputs depend on: source bytes, tool fingerprint, writers, strictness, settings."""
    return {
        "tool": "edgar2xbrl",
        "tool_version": __version__,
        "fingerprint": job.fingerprint,
        "source_name": job.source.name,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "formats": list(job.writers),
        "strict": job.strict,
        "settings": repr(job.settings),
    }


def up_to_date(folder: Path, key: dict[str, object]) -> dict[str, object] | None:
    """The folder's manifest when it matches key and every listed file exists, else None."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or any(manifest.get(k) != v for k, v in key.items()):
        return None
    files = manifest.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) and (folder / f).is_file() for f in files):
        return None
    return manifest


def _result_from_manifest(job: Job, manifest: dict[str, object]) -> FileResult:
    counts = {k: int(manifest.get(k, 0) or 0) for k in _COUNT_FIELDS}  # type: ignore[call-overload]
    files = tuple(str(f) for f in manifest.get("files", []))  # type: ignore[union-attr]
    notes = tuple(str(n) for n in manifest.get("notes", []))  # type: ignore[union-attr]
    return FileResult(str(job.source), job.stem, "skipped", files=files, notes=notes, **counts)


_COUNT_FIELDS = ("facts", "statements", "unmapped", "calc_failures", "warnings")


def report_stats(report: Report) -> dict[str, int]:
    """The counts a summary shows for one report."""
    return {
        "facts": len(report.facts),
        "statements": len(report.statements),
        "unmapped": len(unmapped_labels(report)),
        "calc_failures": sum(1 for c in report.checks if not c.ok),
        "warnings": sum(1 for d in report.diagnostics if d.severity in ("warning", "error")),
    }


def unmapped_labels(report: Report) -> set[tuple[str, str]]:
    """(table_id, label) of rows mapped to extension concepts, from mapping decisions and from the facts."""
    found = {(m.table_id, m.label) for m in report.mappings if m.status == "extension"}
    found.update((f.table_id, f.label) for f in report.facts if f.concept.extension)
    return found


def _counts(stats: dict[str, int]) -> dict[str, int]:
    return {k: stats[k] for k in _COUNT_FIELDS}


def strict_problems(stats: dict[str, int]) -> str:
    """Why --strict rejects a report ("" when it does not)."""
    parts = []
    if stats["calc_failures"]:
        parts.append(f"{stats['calc_failures']} calculation inconsistencies")
    if stats["unmapped"]:
        parts.append(f"{stats['unmapped']} unmapped labels")
    return ", ".join(parts)


def diagnostic_lines(report: Report) -> tuple[str, ...]:
    """Diagnostics and failed checks as "line:col: severity: code: message" lines."""
    from .inspect import diagnostic_text

    out = [diagnostic_text(d) for d in report.diagnostics]
    for c in report.checks:
        if not c.ok:
            out.append(f"{c.line}: warning: calc.{c.kind}: {c.description} "
                       f"(printed {c.expected}, computed {c.computed})")
    for m in report.mappings:
        if m.status == "extension":
            out.append(f"-: info: mapping.extension: {m.table_id}: {m.label!r} -> {m.concept}")
    return tuple(out)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise WriteError(f"a writer wrote {path} outside its output folder") from None


def apply_umask(root: Path) -> None:
    """Give a temp folder and its files the usual permissions (mkdtemp/mkstemp create them private)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(root, 0o777 & ~mask)
    for p in root.rglob("*"):
        os.chmod(p, (0o777 if p.is_dir() else 0o666) & ~mask)


def replace_folder(new: Path, final: Path) -> None:
    """Move a finished temp folder to final; an old folder there is swapped out, then removed."""
    if final.is_symlink() or (final.exists() and not final.is_dir()):
        raise WriteError(f"{final} exists and is not a folder made by edgar2xbrl; not replacing it")
    old: Path | None = None
    try:
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{_OLD_PREFIX}{final.name}-", dir=final.parent))
            os.replace(final, old / final.name)
        os.replace(new, final)
    except OSError as exc:
        if old is not None and (old / final.name).exists() and not final.exists():
            os.replace(old / final.name, final)
        raise WriteError(f"cannot move outputs into {final}: {exc.strerror or exc}") from None
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- the batch


Progress = Callable[[int, int, FileResult], None]


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
                                            f"worker process failed: {type(exc).__name__}: {_one_line(str(exc))}")
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


def summarize(results: Iterable[FileResult]) -> dict[str, object]:
    """Totals and per-file records, deterministic (no timings), for summary.json and the final message."""
    results = tuple(results)
    totals = {
        "files": len(results),
        "converted": sum(1 for r in results if r.status == "converted"),
        "skipped": sum(1 for r in results if r.status == "skipped"),
        "failed": sum(1 for r in results if r.status == "failed"),
    }
    for k in _COUNT_FIELDS:
        totals[k] = sum(getattr(r, k) for r in results)
    files = [
        {"source": r.source, "output": r.stem, "status": r.status, "reason": r.reason,
         **{k: getattr(r, k) for k in _COUNT_FIELDS}, "files": list(r.files), "notes": list(r.notes)}
        for r in sorted(results, key=lambda r: (r.stem, r.source))
    ]
    return {"tool": "edgar2xbrl", "tool_version": __version__, "totals": totals, "files": files}


def write_summary(out_root: Path, summary: dict[str, object]) -> Path:
    """Write out_root/summary.json atomically."""
    from .fsutil import atomic_write_text

    path = atomic_write_text(out_root / SUMMARY_NAME, json.dumps(summary, indent=2, sort_keys=True) + "\n")
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "unknown error"
