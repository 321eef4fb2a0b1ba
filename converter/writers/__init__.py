"""Output writers by format name; a new format is one module plus one line here."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..model import Report

Writer = Callable[[Report, Path], list[Path]]


def _native(report: Report, out_dir: Path) -> list[Path]:
    from .native_out import write_native

    return write_native(report, out_dir)


WRITERS: dict[str, Writer] = {
    "native": _native,
}
"""Format name -> writer(report, out_dir) returning the files written. Formats register lazily."""


def register(name: str, writer: Writer) -> None:
    """Add or replace a writer."""
    WRITERS[name] = writer
