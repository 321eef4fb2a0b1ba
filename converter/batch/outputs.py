"""Output folders: the per-filing manifest, up-to-date checks, atomic folder replacement, the summary file."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from .. import __version__
from ..errors import UsageError, WriteError
from ..fsutil import atomic_write_text
from .records import Job

MANIFEST_NAME = "manifest.json"  # per-filing record of what was converted from what
SUMMARY_NAME = "summary.json"  # batch summary in the output root
TEMP_PREFIX = ".e2x-tmp-"  # temporary output folders (hidden, removed on failure): .e2x-tmp-<pid>-<stem>-<random>
OLD_PREFIX = ".e2x-old-"  # previous output folder while it is being replaced: .e2x-old-<pid>-<stem>-<random>


def code_fingerprint() -> str:
    """Hash of the tool version, the converter's source and the taxonomy data: changes when outputs may change."""
    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).resolve().parent.parent
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
        fd, tmp = tempfile.mkstemp(prefix=own_prefix(TEMP_PREFIX), dir=out_root)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise UsageError(f"output folder {out_root} is not writable: {exc.strerror or exc}") from None


def own_prefix(prefix: str) -> str:
    """A temporary name's prefix that names this process, so a later run can tell a folder left by a killed one."""
    return f"{prefix}{os.getpid()}-"


def sweep_stale(out_root: Path) -> int:
    """Clear what a killed run left in out_root; returns how many entries were dealt with.

    A temporary folder whose process is gone is removed. A swapped-out previous folder whose process is gone is
    moved back when its filing has no folder (the kill came between the two renames), else removed. Folders of
    running processes, and names of another form, are left alone."""
    dealt = 0
    try:
        entries = sorted(out_root.iterdir())
    except OSError:
        return 0
    for entry in entries:
        pid = _owner_pid(entry.name)
        if pid is None or _process_alive(pid):
            continue
        if entry.name.startswith(OLD_PREFIX) and entry.is_dir() and not entry.is_symlink():
            for kept in list(entry.iterdir()):
                target = out_root / kept.name
                if kept.is_dir() and not target.exists() and not target.is_symlink():
                    with contextlib.suppress(OSError):
                        os.replace(kept, target)
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        dealt += 1
    return dealt


def _owner_pid(name: str) -> int | None:
    """The process id in a temporary name made with own_prefix, else None."""
    for prefix in (TEMP_PREFIX, OLD_PREFIX):
        if name.startswith(prefix):
            pid, sep, _ = name[len(prefix):].partition("-")
            return int(pid) if sep and pid.isdigit() else None
    return None


def _process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (True when that cannot be told)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether the process has ended but was not reaped yet (Linux /proc; False where that cannot be read)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:][:1] == "Z"


# ---------------------------------------------------------------- one file


def manifest_key(data: bytes, job: Job) -> dict[str, object]:
    """What the outputs depend on: source bytes, tool fingerprint, writers, strictness, settings."""
    return {
        "tool": "edgar2xbrl",
        "tool_version": __version__,
        "fingerprint": job.fingerprint,
        "source_name": job.name,
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


def relative_to(path: Path, root: Path) -> str:
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
            old = Path(tempfile.mkdtemp(prefix=f"{own_prefix(OLD_PREFIX)}{final.name}-", dir=final.parent))
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


def write_summary(out_root: Path, summary: dict[str, object]) -> Path:
    """Write out_root/summary.json atomically."""
    path = atomic_write_text(out_root / SUMMARY_NAME, json.dumps(summary, indent=2, sort_keys=True) + "\n")
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
    return path
