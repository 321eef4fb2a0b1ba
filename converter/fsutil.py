"""Atomic file writing: a temporary file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
from pathlib import Path
from typing import BinaryIO, Callable, TextIO

from .errors import WriteError

FILE_MODE = 0o644  # permissions of every output file

_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_FCHMOD = hasattr(os, "fchmod")  # not on Windows
_serial = itertools.count()  # temporary names unique within the process; the process id separates processes


def _create_temp(path: Path) -> tuple[int, str]:
    """A new, empty, private file beside path (.<name>.<pid>-<n>.tmp, never an existing file): (fd, its path)."""
    prefix = os.path.join(os.fspath(path.parent), f".{path.name}.{os.getpid()}-")
    try:
        return _open_new(prefix)
    except FileNotFoundError:  # the folder does not exist yet
        path.parent.mkdir(parents=True, exist_ok=True)
        return _open_new(prefix)


def _open_new(prefix: str) -> tuple[int, str]:
    for _ in range(100):
        tmp = f"{prefix}{next(_serial)}.tmp"
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o600), tmp
        except FileExistsError:  # left by an earlier, interrupted process with the same id
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", prefix)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def atomic_write_stream(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Let write() fill a temporary file beside path, then rename it: readers see the old file or the whole new one."""
    return _atomic(path, lambda fd: _fill(fd, write))


def _fill(fd: int, write: Callable[[BinaryIO], None]) -> None:
    with os.fdopen(fd, "wb", closefd=False) as fh:
        write(fh)


def _atomic(path: Path, fill: Callable[[int], None]) -> Path:
    """Create a temporary file beside path, let fill(fd) write it, give it FILE_MODE, rename it over path."""
    tmp = ""
    try:
        fd, tmp = _create_temp(path)
        try:
            fill(fd)
            if _FCHMOD:
                os.fchmod(fd, FILE_MODE)  # the file was made private; outputs are ordinary readable files
        finally:
            os.close(fd)
        if not _FCHMOD:
            os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write data to path atomically."""
    return _atomic(path, lambda fd: _write_all(fd, data))


def atomic_write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically with LF line ends."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_text_stream(path: Path, write: Callable[[TextIO], None]) -> Path:
    """Let write() fill a UTF-8 text file (no newline translation) atomically, a piece at a time."""

    def fill(fh: BinaryIO) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        write(text)
        text.flush()
        text.detach()  # the binary file stays open for atomic_write_stream to close

    return atomic_write_stream(path, fill)
