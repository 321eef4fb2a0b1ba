"""Conversion from a Report into an Excel workbook: Contents, the primary statements, the other financial tables,
then Checks, Diagnostics and Facts sheets, written through XlsxWriter's public API."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import IO

from xlsxwriter import Workbook

from ..fsutil import atomic_write_stream
from ..model import Check, Report
from .safety import xml_safe
from .xlsx.extra_sheets import CHECKS, CONTENTS, DIAGNOSTICS, FACTS, fill_checks, fill_contents, fill_diagnostics, \
    fill_facts
from .xlsx.layout import statement_layout
from .xlsx.names import sheet_names, sheet_order
from .xlsx.statement_sheet import write_statement
from .xlsx.styles import Styles

EPOCH = datetime(1980, 1, 1)
"""The document date of a report without one (the earliest a zip entry can carry)."""


def report_timestamp(report: Report) -> datetime:
    """A fixed document date from the report (filing date, else period of report), never now()."""
    day: date | None = report.meta.filed or report.meta.period_of_report
    return EPOCH if day is None or day.year < EPOCH.year else datetime(day.year, day.month, day.day)


def statement_sheet_names(report: Report) -> dict[str, str]:
    """table_id -> its sheet's name, for the statements that get a sheet."""
    return sheet_names(sheet_order(report.statements), taken=(CONTENTS, CHECKS, DIAGNOSTICS, FACTS))


def render_xlsx(report: Report, target: IO[bytes] | str) -> None:
    """Write the workbook to a binary file object or path; the same report always gives the same bytes."""
    book = Workbook(target, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                             "strings_to_urls": False})  # in memory: XlsxWriter's streamed mode copies "<r>..</r>"
    # text unescaped, and its zip entries carry fixed times
    title = " ".join(p for p in (report.meta.company, report.meta.form_type) if p) or Path(report.source).stem
    book.set_properties({"title": xml_safe(title), "subject": xml_safe(Path(report.source).name),
                         "author": "edgar2xbrl", "created": report_timestamp(report)})
    styles = Styles(book)
    order = sheet_order(report.statements)
    names = sheet_names(order, taken=(CONTENTS, CHECKS, DIAGNOSTICS, FACTS))
    fill_contents(book.add_worksheet(CONTENTS), styles, report, names)
    where: dict[tuple[str, int, int], str] = {}
    failed: dict[str, list[Check]] = {}
    for check in report.checks:
        if check.failed:
            failed.setdefault(check.table_id, []).append(check)
    sheets: dict[str, tuple[object, int]] = {}  # sheet name -> its worksheet and last row (a statement's next
    widest: dict[str, int] = {}  # page shares its first page's sheet) and its widest page's column count
    for st in order:
        widest[names[st.table_id]] = max(widest.get(names[st.table_id], 0), len(st.columns))
    for st in order:
        name = names[st.table_id]
        ws, below = sheets[name] if name in sheets else (book.add_worksheet(name), None)
        placed, last = write_statement(ws, styles, report, st, statement_layout(report, st),
                                       failed.get(st.table_id, []), below, widest[name] + 1)
        sheets[name] = (ws, last)
        where.update({(st.table_id, line, col): cell for (line, col), cell in placed.items()})
    fill_checks(book.add_worksheet(CHECKS), styles, report, names, where)
    fill_diagnostics(book.add_worksheet(DIAGNOSTICS), styles, report, names)
    fill_facts(book.add_worksheet(FACTS), styles, report, names, where)
    book.close()


def xlsx_bytes(report: Report) -> bytes:
    """The workbook file's bytes."""
    out = io.BytesIO()
    render_xlsx(report, out)
    return out.getvalue()


def write_xlsx(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/<source stem>.xlsx atomically."""
    path = out_dir / f"{Path(report.source).stem}.xlsx"
    atomic_write_stream(path, lambda fh: render_xlsx(report, fh))
    return [path]
