"""The workbook's Cover (what was converted) and Checks sheets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from xlsxwriter.worksheet import Worksheet

from ...model import Report, Statement, period_text
from .cells import (LINK, ExactSheet, RowCells, Style, Styles, Value, put, put_text, quoted, safe_text,
                    set_widths)
from .statement_sheet import BOLD, landscape_one_page_wide

COVER, CHECKS = "Cover", "Checks"
"""Names of the sheets."""

UNMAPPED = ("extension", "ambiguous")
"""Mapping outcomes listed on the Checks sheet."""

TITLE: Style = {"bold": True, "font_size": 13}
ITALIC: Style = {"italic": True}


def _link(ws: ExactSheet, styles: Styles, row: int, col: int, text: str, sheet: str, target: str = "A1") -> None:
    """Write text as a link to a place in the workbook (0-based row and column)."""
    put_text(ws, styles, row, col, text, LINK)
    ws.put_link(row, col, f"{quoted(sheet)}!{target}", safe_text(text))


def _table(ws: ExactSheet, styles: Styles, top: int, header: list[str], rows: list[list[Value]],
           links: list[str] | None = None) -> int:
    """Write a bold header and rows from 0-based row `top`, each first cell a link to links[i] when given;
    returns the next free row. None and empty text leave the cell empty."""
    RowCells(ws, styles, BOLD).put(top, header)
    if not rows:
        put_text(ws, styles, top + 1, 0, "(none)", ITALIC)
    cells = RowCells(ws, styles)
    for r, values in enumerate(rows, start=top + 1):
        if links is not None and isinstance(values[0], str):
            _link(ws, styles, r, 0, values[0], links[r - top - 1])
            cells.put(r, values[1:], 1)
        else:
            cells.put(r, values)
    return top + max(len(rows), 1) + 2


def _widths(ws: Worksheet, widths: list[float]) -> None:
    """Set column widths left to right, and the print setup."""
    set_widths(ws, widths)
    landscape_one_page_wide(ws)


def statement_periods(statement: Statement) -> str:
    """The distinct periods of a statement's facts, in order of first use."""
    periods = {id(f.period): f.period for f in statement.facts}  # facts share period objects: each spelt once
    return ", ".join(dict.fromkeys(period_text(p) for p in periods.values()))


def fill_cover(ws: ExactSheet, styles: Styles, report: Report, names: dict[str, str]) -> None:
    """What was converted: source, form, company, periods, counts, versions, and a statement index."""
    m = report.meta
    severities = Counter(d.severity for d in report.diagnostics)
    statuses = Counter(d.status for d in report.mappings)
    failed = sum(1 for c in report.checks if c.failed)
    put_text(ws, styles, 0, 0, m.company or Path(report.source).name, TITLE)
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
    for r, (key, value) in enumerate(about, start=2):
        put_text(ws, styles, r, 0, key, BOLD)
        put(ws, styles, r, 1, value, {"align": "left"})
    top = len(about) + 3
    header = ["Sheet", "Table id", "Title", "Kind", "Document", "Lines", "Columns", "Rows", "Facts", "Periods"]
    rows: list[list[Value]] = [
        [names[st.table_id], st.table_id, st.title, st.kind, st.doc_type, f"{st.first_line}-{st.last_line}",
         len(st.columns), len(st.rows), len(st.facts), statement_periods(st)]
        for st in report.statements
    ]
    _table(ws, styles, top, header, rows, [names[st.table_id] for st in report.statements])
    _widths(ws, [38, 28, 48, 10, 10, 12, 9, 7, 7, 60])


def fill_checks(ws: ExactSheet, styles: Styles, report: Report) -> None:
    """Self-check results, labels that needed an extension concept or were ambiguous, and diagnostics."""
    row = 0
    put_text(ws, styles, row, 0, "Calculation and self-checks", TITLE)
    checks: list[list[Value]] = [
        [c.kind, c.table_id, c.line or None, c.period, c.description, c.expected, c.computed,
         c.computed - c.expected, "ok" if c.ok else ("undetermined" if c.undetermined else "FAILED")]
        for c in report.checks
    ]
    row = _table(ws, styles, row + 1, ["Kind", "Table", "Line", "Period", "Description", "Printed", "Computed",
                               "Difference", "Result"], checks)
    put_text(ws, styles, row, 0, "Unmapped labels", TITLE)
    unmapped: list[list[Value]] = [
        [d.status, d.table_id, d.section, d.label, d.concept, d.note]
        for d in report.mappings if d.status in UNMAPPED
    ]
    row = _table(ws, styles, row + 1, ["Status", "Table", "Section", "Label", "Concept", "Note"], unmapped)
    put_text(ws, styles, row, 0, "Diagnostics", TITLE)
    diags: list[list[Value]] = [
        [d.severity, d.code, d.span.line if d.span else None, d.span.start + 1 if d.span else None, d.message]
        for d in report.diagnostics
    ]
    _table(ws, styles, row + 1, ["Severity", "Code", "Line", "Column", "Message"], diags)
    _widths(ws, [12, 28, 8, 24, 60, 16, 16, 14, 10])
