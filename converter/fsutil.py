"""Atomic file writing: a temporary file in the same folder, then rename."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, TextIO

from .errors import WriteError

FILE_MODE = 0o644  # permissions of every output file


def atomic_write_stream(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Let write() fill a temporary file beside path, then rename it: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600; outputs are ordinary readable files
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write data to path atomically."""
    return atomic_write_stream(path, lambda fh: fh.write(data))  # type: ignore[func-returns-value]


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
