"""Conversion from a Report into an Excel workbook: one sheet per statement as printed, plus Cover,
Checks and Facts sheets."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from ..fsutil import atomic_write_stream
from ..model import Report
from .safety import xml_safe
from .xlsx.cells import ExactSheet, Styles, sheet_names
from .xlsx.extra_sheets import CHECKS, COVER, fill_checks, fill_cover
from .xlsx.facts_sheet import FACTS, fill_facts
from .xlsx.layout import statement_layout
from .xlsx.package import STREAMED_FACTS, finish_sheet, new_workbook, report_timestamp
from .xlsx.statement_sheet import render_statement


def statement_sheet_names(report: Report) -> dict[str, str]:
    """table_id -> its sheet's name (valid, unique, never an extra sheet's name)."""
    ids = [st.table_id for st in report.statements]
    return dict(zip(ids, sheet_names(ids, taken=(COVER, CHECKS, FACTS))))


def render_xlsx(report: Report, target: IO[bytes]) -> None:
    """Write the workbook to a binary file object: Cover, one sheet per statement in source order, Checks, Facts.

    The same report always gives the same bytes."""
    title = " ".join(p for p in (report.meta.company, report.meta.form_type) if p) or Path(report.source).stem
    book = new_workbook(target, report_timestamp(report), xml_safe(title), xml_safe(Path(report.source).name),
                        streamed=len(report.facts) > STREAMED_FACTS)
    styles = Styles(book)
    names = statement_sheet_names(report)
    cover = book.add_worksheet(COVER, ExactSheet)
    cells: dict[tuple[str, int, int], str] = {}
    for st in report.statements:
        ws = book.add_worksheet(names[st.table_id], ExactSheet)
        placed = render_statement(ws, styles, statement_layout(report, st))
        finish_sheet(ws)
        cells.update({(st.table_id, line, col): where for (line, col), where in placed.items()})
    fill_cover(cover, styles, report, names)
    finish_sheet(cover)
    fill_checks(book.add_worksheet(CHECKS, ExactSheet), styles, report)
    fill_facts(book.add_worksheet(FACTS, ExactSheet), styles, report, names, cells)
    book.close()


def xlsx_bytes(report: Report) -> bytes:
    """The workbook file's bytes."""
    out = io.BytesIO()
    render_xlsx(report, out)
    return out.getvalue()


def write_xlsx(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/<source stem>.xlsx atomically, straight to disk (a large workbook is never held as bytes)."""
    path = out_dir / f"{Path(report.source).stem}.xlsx"
    atomic_write_stream(path, lambda fh: render_xlsx(report, fh))
    return [path]
