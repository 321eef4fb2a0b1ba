"""The workbook's non-statement sheets: Cover (what was converted), Checks and the flat Facts list."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ...model import Report, Statement, period_text
from ..native_out import NATIVE_COLUMNS, fact_row
from .cells import put, put_number, put_text
from .formats import plain_format
from .statement_sheet import BOLD, FONT, landscape_one_page_wide

COVER, CHECKS, FACTS = "Cover", "Checks", "Facts"
"""Names of the extra sheets."""

NUMERIC_FACT_COLUMNS = ("line", "scale", "value", "decimals")
"""Facts sheet columns stored as numbers."""

UNMAPPED = ("extension", "ambiguous")
"""Mapping outcomes listed on the Checks sheet."""

TITLE = Font(name=FONT, bold=True, size=13)


def _link(ws: Worksheet, row: int, col: int, sheet: str, target: str = "A1") -> None:
    """Make a cell a link to a place in the workbook."""
    cell = ws.cell(row, col)
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!{target}")
    cell.font = Font(name=FONT, color="FF0563C1", underline="single")


def _table(ws: Worksheet, top: int, header: list[str], rows: list[list[str | Decimal | int | None]]) -> int:
    """Write a bold header and rows from row `top`; returns the next free row."""
    for c, text in enumerate(header, start=1):
        put_text(ws.cell(top, c), text).font = BOLD
    if not rows:
        put_text(ws.cell(top + 1, 1), "(none)").font = Font(name=FONT, italic=True)
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            put(ws.cell(r, c), value, plain_format(value) if isinstance(value, Decimal) else "")
    return top + max(len(rows), 1) + 2


def _widths(ws: Worksheet, widths: list[float]) -> None:
    """Set column widths left to right, and the print setup."""
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    landscape_one_page_wide(ws)


def statement_periods(statement: Statement) -> str:
    """The distinct periods of a statement's facts, in order of first use."""
    seen: dict[str, None] = {}
    for f in statement.facts:
        seen.setdefault(period_text(f.period), None)
    return ", ".join(seen)


def fill_cover(ws: Worksheet, report: Report, names: dict[str, str]) -> None:
    """What was converted: source, form, company, periods, counts, versions, and a statement index."""
    m = report.meta
    severities = Counter(d.severity for d in report.diagnostics)
    statuses = Counter(d.status for d in report.mappings)
    failed = sum(1 for c in report.checks if c.failed)
    put_text(ws.cell(1, 1), m.company or Path(report.source).name).font = TITLE
    about: list[tuple[str, str | int]] = [
        ("Source file", Path(report.source).name),
        ("Form", m.form_type),
        ("Company", m.company),
        ("CIK", m.cik),
        ("Accession number", m.accession),
        ("Period of report", m.period_of_report.isoformat() if m.period_of_report else ""),
        ("Fiscal year end", m.fiscal_year_end),
        ("Filed", m.filed.isoformat() if m.filed else ""),
        ("Source encoding", report.encoding),
        ("Statements", len(report.statements)),
        ("Facts", len(report.facts)),
        ("Facts outside tables", len(report.extra_facts)),
        ("Checks (failed)", f"{len(report.checks)} ({failed})"),
        ("Labels mapped / extension / ambiguous",
         f"{statuses['matched']} / {statuses['extension']} / {statuses['ambiguous']}"),
        ("Diagnostics (error / warning / info)",
         f"{severities['error']} / {severities['warning']} / {severities['info']}"),
        ("Tool version", f"edgar2xbrl {report.tool_version}".strip()),
        ("Taxonomy version", report.taxonomy_version),
    ]
    for r, (key, value) in enumerate(about, start=3):
        put_text(ws.cell(r, 1), key).font = BOLD
        put(ws.cell(r, 2), str(value) if isinstance(value, str) else value)
        ws.cell(r, 2).alignment = Alignment(horizontal="left")
    top = len(about) + 4
    header = ["Sheet", "Table id", "Title", "Kind", "Document", "Lines", "Columns", "Rows", "Facts", "Periods"]
    rows: list[list[str | Decimal | int | None]] = [
        [names[st.table_id], st.table_id, st.title, st.kind, st.doc_type, f"{st.first_line}-{st.last_line}",
         len(st.columns), len(st.rows), len(st.facts), statement_periods(st)]
        for st in report.statements
    ]
    _table(ws, top, header, rows)
    for r, st in enumerate(report.statements, start=top + 1):
        _link(ws, r, 1, names[st.table_id])
    _widths(ws, [38, 28, 48, 10, 10, 12, 9, 7, 7, 60])


def fill_checks(ws: Worksheet, report: Report) -> None:
    """Self-check results, labels that needed an extension concept or were ambiguous, and diagnostics."""
    row = 1
    put_text(ws.cell(row, 1), "Calculation and self-checks").font = TITLE
    checks: list[list[str | Decimal | int | None]] = [
        [c.kind, c.table_id, c.line or None, c.period, c.description, c.expected, c.computed,
         c.computed - c.expected, "ok" if c.ok else ("undetermined" if c.undetermined else "FAILED")]
        for c in report.checks
    ]
    row = _table(ws, row + 1, ["Kind", "Table", "Line", "Period", "Description", "Printed", "Computed",
                               "Difference", "Result"], checks)
    put_text(ws.cell(row, 1), "Unmapped labels").font = TITLE
    unmapped: list[list[str | Decimal | int | None]] = [
        [d.status, d.table_id, d.section, d.label, d.concept, d.note]
        for d in report.mappings if d.status in UNMAPPED
    ]
    row = _table(ws, row + 1, ["Status", "Table", "Section", "Label", "Concept", "Note"], unmapped)
    put_text(ws.cell(row, 1), "Diagnostics").font = TITLE
    diags: list[list[str | Decimal | int | None]] = [[d.severity, d.code, d.span.line if d.span else None, d.span.start + 1 if d.span else None,
              d.message] for d in report.diagnostics]
    _table(ws, row + 1, ["Severity", "Code", "Line", "Column", "Message"], diags)
    _widths(ws, [12, 28, 8, 24, 60, 16, 16, 14, 10])


def fill_facts(ws: Worksheet, report: Report, names: dict[str, str],
               cells: dict[tuple[str, int, int], str]) -> None:
    """One row per fact with the native columns, its sheet cell as a link, and an autofilter."""
    header = [*NATIVE_COLUMNS, "cell"]
    for c, text in enumerate(header, start=1):
        put_text(ws.cell(1, c), text).font = BOLD
    kinds = {st.table_id: st.kind for st in report.statements}
    headers = {(st.table_id, col.index): col.header for st in report.statements for col in st.columns}
    r = 1
    for fact in report.facts:
        r += 1
        fields = fact_row(fact, kinds.get(fact.table_id, ""), headers.get((fact.table_id, fact.column), ""))
        for c, name in enumerate(NATIVE_COLUMNS, start=1):
            if name in NUMERIC_FACT_COLUMNS and fields[name]:
                number = Decimal(fields[name])
                put_number(ws.cell(r, c), number, plain_format(number) if name == "value" else "0")
            else:
                put_text(ws.cell(r, c), fields[name])
        where = cells.get((fact.table_id, fact.line, fact.column))
        if where is not None:
            sheet = names[fact.table_id]
            put_text(ws.cell(r, len(header)), f"{sheet}!{where}")
            _link(ws, r, len(header), sheet, where)
    last = get_column_letter(len(header))
    ws.auto_filter.ref = f"A1:{last}{max(r, 2)}"
    ws.freeze_panes = "B2"
    _widths(ws, [30, 40, 24, 22, 7, 9, 11, 11, 11, 6, 12, 16, 8, 30, 10, 30, 30])
