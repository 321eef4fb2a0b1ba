"""Output writers by format name; a new format is one module plus one line here."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Callable, Iterable

from ..model import Report

Writer = Callable[[Report, Path], list[Path]]

SHARED_VIEWS: dict[str, str] = {"xlsx": "layout", "statements": "layout", "xbrl": "dts", "xbrl-csv": "dts"}
"""Writers that derive the same view of a report (statement layouts; extension taxonomy and sorted facts): run one
after another, they compute it once."""


def writer_order(formats: Iterable[str]) -> list[str]:
    """The formats in the order given, but for writers sharing a view, which move up beside the first of them."""
    first: dict[str, int] = {}
    names = list(dict.fromkeys(formats))
    return sorted(names, key=lambda n: first.setdefault(SHARED_VIEWS.get(n, n), len(first)))


def _lazy(module: str, function: str) -> Writer:
    """A writer whose module is imported on first use, so start-up stays cheap."""
    def write(report: Report, out_dir: Path) -> list[Path]:
        return getattr(import_module(f".{module}", __name__), function)(report, out_dir)  # type: ignore[no-any-return]

    write.__name__ = function
    return write


WRITERS: dict[str, Writer] = {
    "native": _lazy("native_out", "write_native"),
    "xlsx": _lazy("xlsx_out", "write_xlsx"),
    "statements": _lazy("statement_csv_out", "write_statement_csvs"),
    "checks": _lazy("checks_out", "write_checks"),
    "xbrl": _lazy("xbrl", "write_xbrl"),
    "xbrl-csv": _lazy("xbrlcsv_out", "write_xbrl_csv"),
}
"""Format name -> writer(report, out_dir) returning the files written."""
