"""Conversion from a Report into an Excel workbook: one sheet per statement as printed, plus Cover,
Checks and Facts sheets."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ..fsutil import atomic_write_bytes
from ..model import Report
from .safety import xml_safe
from .xlsx.cells import sheet_names
from .xlsx.extra_sheets import CHECKS, COVER, FACTS, fill_checks, fill_cover, fill_facts
from .xlsx.layout import statement_layout
from .xlsx.package import report_timestamp, workbook_bytes
from .xlsx.statement_sheet import render_statement


def statement_sheet_names(report: Report) -> dict[str, str]:
    """table_id -> its sheet's name (valid, unique, never an extra sheet's name)."""
    ids = [st.table_id for st in report.statements]
    return dict(zip(ids, sheet_names(ids, taken=(COVER, CHECKS, FACTS))))


def build_workbook(report: Report) -> Workbook:
    """The workbook for a report: Cover, one sheet per statement in source order, Checks, Facts."""
    wb = Workbook()
    cover = wb.active
    cover.title = COVER
    names = statement_sheet_names(report)
    cells: dict[tuple[str, int, int], str] = {}
    for st in report.statements:
        ws = wb.create_sheet(names[st.table_id])
        placed = render_statement(ws, statement_layout(report, st))
        cells.update({(st.table_id, line, col): where for (line, col), where in placed.items()})
    fill_cover(cover, report, names)
    fill_checks(wb.create_sheet(CHECKS), report)
    fill_facts(wb.create_sheet(FACTS), report, names, cells)
    props = wb.properties
    props.creator = "edgar2xbrl"
    props.lastModifiedBy = "edgar2xbrl"
    title = " ".join(p for p in (report.meta.company, report.meta.form_type) if p) or Path(report.source).stem
    props.title = xml_safe(title)
    props.subject = xml_safe(Path(report.source).name)
    return wb


def xlsx_bytes(report: Report) -> bytes:
    """The workbook file's bytes; the same report always gives the same bytes."""
    return workbook_bytes(build_workbook(report), report_timestamp(report))


def write_xlsx(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/<source stem>.xlsx."""
    return [atomic_write_bytes(out_dir / f"{Path(report.source).stem}.xlsx", xlsx_bytes(report))]
