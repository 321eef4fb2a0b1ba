"""Conversion from a Report into an Excel workbook: one sheet per statement as printed, plus Cover,
Checks and Facts sheets."""

from __future__ import annotations

import io
from pathlib import Path

from ..fsutil import atomic_write_bytes
from ..model import Report
from .safety import xml_safe
from .xlsx.cells import ExactSheet, Styles, sheet_names
from .xlsx.extra_sheets import CHECKS, COVER, FACTS, fill_checks, fill_cover, fill_facts
from .xlsx.layout import statement_layout
from .xlsx.package import STREAMED_FACTS, new_workbook, report_timestamp
from .xlsx.statement_sheet import render_statement


def statement_sheet_names(report: Report) -> dict[str, str]:
    """table_id -> its sheet's name (valid, unique, never an extra sheet's name)."""
    ids = [st.table_id for st in report.statements]
    return dict(zip(ids, sheet_names(ids, taken=(COVER, CHECKS, FACTS))))


def xlsx_bytes(report: Report) -> bytes:
    """The workbook file's bytes: Cover, one sheet per statement in source order, Checks, Facts.

    The same report always gives the same bytes."""
    title = " ".join(p for p in (report.meta.company, report.meta.form_type) if p) or Path(report.source).stem
    out = io.BytesIO()
    book = new_workbook(out, report_timestamp(report), xml_safe(title), xml_safe(Path(report.source).name),
                        streamed=len(report.facts) > STREAMED_FACTS)
    styles = Styles(book)
    names = statement_sheet_names(report)
    cover = book.add_worksheet(COVER, ExactSheet)
    cells: dict[tuple[str, int, int], str] = {}
    for st in report.statements:
        ws = book.add_worksheet(names[st.table_id], ExactSheet)
        placed = render_statement(ws, styles, statement_layout(report, st))
        cells.update({(st.table_id, line, col): where for (line, col), where in placed.items()})
    fill_cover(cover, styles, report, names)
    fill_checks(book.add_worksheet(CHECKS, ExactSheet), styles, report)
    fill_facts(book.add_worksheet(FACTS, ExactSheet), styles, report, names, cells)
    book.close()
    return out.getvalue()


def write_xlsx(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/<source stem>.xlsx."""
    return [atomic_write_bytes(out_dir / f"{Path(report.source).stem}.xlsx", xlsx_bytes(report))]
