"""Command-line inputs to work: files, folders and globs to files; names to safe folders; format names to writers."""

from __future__ import annotations

import glob
import hashlib
import os
import re
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import ConverterError, UsageError
from ..record import record
from .archives import GZIP_SUFFIX, Member, archive_kind, is_input_name, list_members
from .dataset import DATASET_FORMAT, FACTS_DATASET, FILINGS_TABLE
from .outputs import MANIFEST_NAME, SUMMARY_NAME
from .records import FileResult

FORMAT_WRITERS: dict[str, tuple[str, ...]] = {
    "xbrl": ("xbrl",),
    "xlsx": ("xlsx",),
    "csv": ("native", "statements", "xbrl-csv"),
    DATASET_FORMAT: (DATASET_FORMAT,),
}
"""User format name -> writer names in converter.writers.WRITERS (only registered ones are used)."""

RESERVED_STEMS = frozenset({SUMMARY_NAME, MANIFEST_NAME, FACTS_DATASET, FILINGS_TABLE})  # names of batch files
_MAX_STEM = 100  # longest folder name made from a file name
_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


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
        reason = "folder holds no filings (*.txt, *.nc, their .gz, or .tar/.tgz/.zip archives)"
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
            if not name.startswith(".") and is_input_name(name):
                yield Path(dirpath) / name


@record
class Source:
    """One filing to convert: a loose file, or a member of an archive."""

    path: Path  # the file, or the archive holding the member
    member: Member | None = None  # the member, None for a loose file

    @property
    def name(self) -> str:
        """The filing's own name (the member's, or the file's)."""
        return self.member.name if self.member else self.path.name


def expand_sources(files: Iterable[Path]) -> tuple[tuple[Source, ...], tuple[FileResult, ...]]:
    """Input files -> filings: an archive's members in archive order, other files as they are; plus the archives
    (or the damaged parts of them) that yield no filing, as failed results naming archive and member."""
    sources: list[Source] = []
    failed: list[FileResult] = []
    for f in files:
        if archive_kind(f) not in ("tar", "zip"):
            sources.append(Source(f))
            continue
        try:
            members, problems = list_members(f)
        except ConverterError as exc:
            failed.append(FileResult(str(f), "", "failed", exc.reason))
            continue
        sources.extend(Source(f, m) for m in members)
        failed.extend(FileResult(str(f), "", "failed", reason, member=name) for name, reason in problems)
    return tuple(sources), tuple(failed)


def sanitize_stem(name: str) -> str:
    """A safe folder name from a file name: no separators, no leading dots, only [A-Za-z0-9._-]."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if base.lower().endswith(GZIP_SUFFIX) and "." in base[: -len(GZIP_SUFFIX)].lstrip("."):
        base = base[: -len(GZIP_SUFFIX)]  # x.txt.gz names the same filing as x.txt
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = _UNSAFE.sub("_", stem).lstrip(".")[:_MAX_STEM]
    if not stem:
        return "filing"
    return f"filing_{stem}" if stem.lower() in RESERVED_STEMS else stem


def assign_stems(files: Iterable[Path]) -> dict[Path, str]:
    """Unique output folder names; clashing stems get a suffix from a hash of the full path (order-independent)."""
    files = list(files)
    return dict(zip(files, assign_names([(f.name, os.path.abspath(f)) for f in files])))


def assign_source_stems(sources: Sequence[Source]) -> list[str]:
    """Unique output folder names for filings, loose or in archives, by the rules of assign_stems; a member's full
    path is its archive's followed by !name (and #position when the archive holds that name twice)."""
    seen: dict[tuple[Path, str], int] = {}
    for s in sources:
        if s.member:
            seen[(s.path, s.member.name)] = seen.get((s.path, s.member.name), 0) + 1
    keys = []
    for s in sources:
        full = os.path.abspath(s.path)
        if s.member:
            full += f"!{s.member.name}" + (f"#{s.member.index}" if seen[(s.path, s.member.name)] > 1 else "")
        keys.append((s.name, full))
    return assign_names(keys)


def assign_names(items: Sequence[tuple[str, str]]) -> list[str]:
    """Unique folder names for (file name, full path) pairs: the sanitised name, and where names clash (ignoring
    case) a suffix from a hash of the full path, so the names do not depend on the order of the inputs."""
    by_key: dict[str, int] = {}
    for name, _ in items:
        key = sanitize_stem(name).lower()
        by_key[key] = by_key.get(key, 0) + 1
    taken = {k for k, n in by_key.items() if n == 1}
    out: list[str] = []
    for name, full in items:
        stem = sanitize_stem(name)
        if by_key[stem.lower()] > 1:
            digest = hashlib.sha1(full.encode("utf-8", "surrogateescape")).hexdigest()
            n = 8
            while f"{stem}-{digest[:n]}".lower() in taken and n < len(digest):
                n += 2
            stem = f"{stem}-{digest[:n]}"
            taken.add(stem.lower())
        out.append(stem)
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
