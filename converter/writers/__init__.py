"""Output writers by format name; a new format is one module plus one line here."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..model import Report

Writer = Callable[[Report, Path], list[Path]]


def _native(report: Report, out_dir: Path) -> list[Path]:
    from .native_out import write_native

    return write_native(report, out_dir)


def _xlsx(report: Report, out_dir: Path) -> list[Path]:
    from .xlsx_out import write_xlsx

    return write_xlsx(report, out_dir)


def _statements(report: Report, out_dir: Path) -> list[Path]:
    from .statement_csv_out import write_statement_csvs

    return write_statement_csvs(report, out_dir)


def _checks(report: Report, out_dir: Path) -> list[Path]:
    from .checks_out import write_checks

    return write_checks(report, out_dir)


def _xbrl(report: Report, out_dir: Path) -> list[Path]:
    from .xbrl_out import write_xbrl

    return write_xbrl(report, out_dir)


def _xbrl_csv(report: Report, out_dir: Path) -> list[Path]:
    from .xbrlcsv_out import write_xbrl_csv

    return write_xbrl_csv(report, out_dir)


WRITERS: dict[str, Writer] = {
    "native": _native,
    "xlsx": _xlsx,
    "statements": _statements,
    "checks": _checks,
    "xbrl": _xbrl,
    "xbrl-csv": _xbrl_csv,
}
"""Format name -> writer(report, out_dir) returning the files written. Formats register lazily."""


def register(name: str, writer: Writer) -> None:
    """Add or replace a writer."""
    WRITERS[name] = writer
