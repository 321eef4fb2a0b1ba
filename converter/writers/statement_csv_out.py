"""Conversion from a Report into one CSV file per statement, laid out as the statement is printed."""

from __future__ import annotations

import re
from pathlib import Path

from ..fsutil import atomic_write_bytes
from ..model import Report
from .csvtext import csv_text
from .native_out import format_decimal
from .safety import csv_field
from .xlsx.layout import LINE_HEADER, LayoutCell, StatementLayout, statement_layout

CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark, so spreadsheets detect the encoding of labels like "Résultat"."""

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def file_stems(table_ids: list[str]) -> list[str]:
    """Portable, unique (case-insensitively) file stems for table ids, in the same order."""
    seen: set[str] = set()
    out = []
    for tid in table_ids:
        base = _UNSAFE_NAME.sub("_", tid).strip("._") or "table"
        stem, k = base, 2
        while stem.lower() in seen:
            stem, k = f"{base}_{k}", k + 1
        seen.add(stem.lower())
        out.append(stem)
    return out


def _cell_text(cell: LayoutCell | None) -> str:
    """A layout cell as a CSV field: a plain number, or neutralised text."""
    if cell is None:
        return ""
    if cell.value is not None:
        return format_decimal(cell.value)
    return csv_field(cell.text)


def layout_csv_text(layout: StatementLayout) -> str:
    """The CSV text of a laid-out statement: label, one field per value column, source line."""
    rows = []
    for row in layout.rows:
        line = str(row.line) if row.line else (LINE_HEADER if row.kind == "units" else "")
        rows.append([csv_field(row.label), *[_cell_text(c) for c in row.cells], line])
    return csv_text(rows)


def write_statement_csvs(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/statements/<table_id>.csv for every statement; returns the files written."""
    folder = out_dir / "statements"
    stems = file_stems([st.table_id for st in report.statements])
    written = []
    for stem, st in zip(stems, report.statements):
        text = layout_csv_text(statement_layout(report, st))
        written.append(atomic_write_bytes(folder / f"{stem}.csv", text.encode(CSV_ENCODING)))
    return written
