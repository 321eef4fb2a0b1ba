"""The workbook's Contents (the filer, the confidence summary and an index of sheets), Checks, Diagnostics and
Facts sheets."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from ...checks.summary import confidence_summary
from ...mapping.evidence import presented_kinds
from ...model import Report, Statement
from .formats import dims_caption, excel_number, period_heading, readable_periods
from .styles import Styles, print_setup

CONTENTS, CHECKS, DIAGNOSTICS, FACTS = "Contents", "Checks", "Diagnostics", "Facts"
"""Names of the sheets around the statements."""

LINK_LIMIT = 65530
"""Excel's limit on hyperlinks in one worksheet: cells past it name their target as plain text."""

UNMAPPED = ("extension", "ambiguous")
"""Mapping outcomes listed on the Diagnostics sheet."""

KIND_WORDS = {"income": "Income statement", "balance": "Balance sheet", "cashflow": "Cash flows",
              "equity": "Equity", "segment": "Segment", "note": "Note", "other": "Other"}
"""A statement kind in words."""

Where = dict[tuple[str, int, int], str]
"""(table id, source line, column) -> the figure's cell on its statement sheet ("C12")."""


def link(ws: Any, styles: Styles, row: int, col: int, sheet: str, cell: str = "A1", text: str = "") -> None:
    """A link to a cell of a sheet of this workbook, showing text (the sheet's name by default); past Excel's
    limit of links a sheet may hold, the text alone."""
    if row > LINK_LIMIT:
        styles.text(ws, row, col, text or sheet)
        return
    target = "internal:'" + sheet.replace("'", "''") + f"'!{cell}"
    ws.write_url(row, col, target, styles.get("link", quoted=text.startswith("=")), string=text or sheet)


Link = tuple[str, str, str]
"""Where a link goes and what it shows: (sheet, cell, text; "" for the sheet's name)."""


def table(ws: Any, styles: Styles, top: int, header: list[str], rows: list[list[Any]], widths: list[float],
          links: dict[tuple[int, int], Link] | None = None) -> int:
    """A bold header then rows from row top (text, numbers, None for blank), row by row; a cell of links
    (keyed by row index and column) is a link instead. Returns the row after the last."""
    links, text, number = links or {}, styles.text, styles.get("number")
    for c, heading in enumerate(header):
        text(ws, top, c, heading, "header")
    for i, values in enumerate(rows):
        r = top + 1 + i
        for c, value in enumerate(values):
            if links and (i, c) in links:
                link(ws, styles, r, c, *links[(i, c)])
            elif isinstance(value, str):
                text(ws, r, c, value)
            elif value is not None:
                ws.write_number(r, c, value if isinstance(value, int) else float(value), number)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    return top + 1 + len(rows)


def listing(ws: Any, styles: Styles, header: list[str], rows: list[list[Any]], widths: list[float],
            colours: dict[str, str], links: dict[tuple[int, int], Link] | None = None) -> None:
    """A table under a frozen header row, with a filter, its first column coloured by value (value -> style)."""
    end = max(table(ws, styles, 0, header, rows, widths, links) - 1, 1)
    for value, style in colours.items():
        ws.conditional_format(1, 0, end, 0, {"type": "cell", "criteria": "==", "value": f'"{value}"',
                                             "format": styles.get(style)})
    ws.autofilter(0, 0, end, len(header) - 1)
    ws.freeze_panes(1, 0)
    print_setup(ws)


def agreed(part: dict[str, Any]) -> str:
    """A check tally in words: "12 of 12 agree"."""
    return f"{part['ok']} of {part['checked']} agree" if part["checked"] else "none checked"


def confidence_lines(report: Report) -> list[tuple[str, str]]:
    """The confidence summary in words, one (what, result) per line."""
    s = confidence_summary(report)
    sub, bal = s["subtotals"], s["balance"]
    severities = Counter(d.severity for d in report.diagnostics)
    statuses = Counter(d.status for d in report.mappings)
    lines = [
        ("Printed subtotals", f"{sub['reconciled']} reconciled, {sub['failed']} failed, "
                              f"{sub['undetermined']} undetermined, of {sub['figures']}"),
        ("Balance sheet equation", f"{bal['status']}; {agreed(bal)}"),
        ("Same figure in two tables", agreed(s["cross_table"])),
        ("Taxonomy calculations", agreed(s["calculations"])),
        ("Breakdowns summing to totals", agreed(s["dimension_sums"])),
    ]
    if s["ex27"]["facts"]:
        lines.append(("EX-27 schedule", f"{agreed(s['ex27'])}; {s['ex27']['unmatched']} unmatched"))
    return lines + [
        ("Facts", f"{len(report.facts)} ({len(report.extra_facts)} outside tables)"),
        ("Labels mapped / extension / ambiguous",
         f"{statuses['matched']} / {statuses['extension']} / {statuses['ambiguous']}"),
        ("Diagnostics error / warning / info", f"{severities['error']} / {severities['warning']} / {severities['info']}"),
    ]


def fill_contents(ws: Any, styles: Styles, report: Report, names: dict[str, str]) -> None:
    """The filer, the filing, the confidence summary, then one linked line per sheet."""
    m = report.meta
    styles.text(ws, 0, 0, m.company or Path(report.source).name, "title")
    about = [("Filer", m.company), ("CIK", m.cik), ("Form", m.form_type),
             ("Period of report", m.period_of_report.isoformat() if m.period_of_report else ""),
             ("Filed", m.filed.isoformat() if m.filed else ""), ("Accession number", m.accession),
             ("Source file", Path(report.source).name), ("Source encoding", report.encoding),
             ("Converted by", f"edgar2xbrl {report.tool_version}; taxonomy {report.taxonomy_version}")]
    row = 2
    for heading, lines in (("Filing", about), ("Confidence", confidence_lines(report))):
        styles.text(ws, row, 0, heading, "title")
        for row, (what, value) in enumerate(lines, start=row + 1):
            styles.text(ws, row, 0, what, "bold")
            styles.text(ws, row, 1, value)
        row += 2
    styles.text(ws, row, 0, "Sheets", "title")
    failed = Counter(c.table_id for c in report.checks if c.failed)
    index: list[list[Any]] = []
    kinds = presented_kinds(report.statements)
    for st in report.statements:
        kind = kinds[st.table_id]
        index.append([names.get(st.table_id, "(no sheet: no figures)"), st.title, KIND_WORDS.get(kind, kind),
                      f"{st.first_line}-{st.last_line}", len(st.facts), failed[st.table_id], periods_of(st)])
    index.sort(key=lambda r: list(names.values()).index(r[0]) if r[0] in names.values() else len(names))
    index += [[CHECKS, "Self-checks", "", "", None, sum(failed.values()), ""],
              [DIAGNOSTICS, "Diagnostics and unmapped labels", "", "", None, None, ""],
              [FACTS, "Every fact, in full units", "", "", len(report.facts), None, ""]]
    sheets = set(names.values()) | {CHECKS, DIAGNOSTICS, FACTS}
    links = {(i, 0): (values[0], "A1", "") for i, values in enumerate(index) if values[0] in sheets}
    table(ws, styles, row + 1, ["Sheet", "Title", "Kind", "Lines", "Facts", "Failed checks", "Periods"], index,
          [38, 50, 16, 12, 8, 13, 60], links)
    print_setup(ws)


def periods_of(st: Statement) -> str:
    """The distinct periods of a statement's columns in words, in order."""
    return "; ".join(dict.fromkeys(period_heading(c.period).replace("\n", " ") for c in st.columns if c.period))


RESULTS = ("FAILED", "undetermined", "ok")
"""A check's result, in the order the Checks sheet lists them."""


def fill_checks(ws: Any, styles: Styles, report: Report, names: dict[str, str], where: Where) -> None:
    """Every self-check, failures first, its result coloured, a failed or undetermined one linked to the checked
    figure, with a filter."""
    results = sorted(((RESULTS.index("FAILED" if c.failed else "undetermined" if c.undetermined else "ok"), c)
                      for c in report.checks), key=itemgetter(0))
    checks, periods = [c for _, c in results], lru_cache(None)(readable_periods)  # periods repeat: once per workbook
    rows: list[list[Any]] = [
        [RESULTS[n], c.kind, names.get(c.table_id, c.table_id), c.line or None, periods(c.period),
         c.description, c.expected, c.computed, c.computed - c.expected] for n, c in results]
    first_cell: dict[tuple[str, int], str] = {}
    for (tid, line, col), cell in sorted(where.items()):
        first_cell.setdefault((tid, line), cell)
    links = {(i, 2): (names[c.table_id], first_cell.get((c.table_id, c.line), "A1"), "")
             for i, c in enumerate(checks) if c.table_id in names and not c.ok}  # a link where there is a question
    listing(ws, styles, ["Result", "Kind", "Sheet", "Line", "Period", "Description", "Printed total", "Computed",
                         "Difference"], rows, [13, 14, 30, 8, 24, 70, 16, 16, 14], {r: r.lower() for r in RESULTS}, links)


def fill_diagnostics(ws: Any, styles: Styles, report: Report, names: dict[str, str]) -> None:
    """Diagnostics (figures not made facts, warnings), then labels mapped to extension or ambiguous concepts."""
    rows: list[list[Any]] = [
        [d.severity, d.code, d.span.line if d.span else None, d.span.start + 1 if d.span else None, d.message]
        for d in report.diagnostics]
    rows += [["label", f"mapping.{d.status}", None, None,
              f"{names.get(d.table_id, d.table_id)}: \"{d.label}\" ({d.section or 'no section'}) -> {d.concept}"
              + (f"; {d.note}" if d.note else "")] for d in report.mappings if d.status in UNMAPPED]
    listing(ws, styles, ["Severity", "Code", "Line", "Column", "Message"], rows, [10, 28, 8, 8, 100],
            {"error": "failed", "warning": "undetermined"})


FACT_HEADER = ("Concept", "Label", "Figure", "Period", "Unit", "Breakdown", "Value")
"""The Facts sheet's columns: the fact, its figure's cell on its statement sheet, and its value in full units."""

FACT_WIDTHS = [34, 44, 34, 30, 12, 30, 18]
"""The Facts sheet's column widths, in characters."""


def fill_facts(ws: Any, styles: Styles, report: Report, names: dict[str, str], where: Where) -> None:
    """One row per fact, its value in full units, linked to its figure on the statement sheet, with a filter."""
    for c, text in enumerate(FACT_HEADER):
        styles.text(ws, 0, c, text, "header")
        ws.set_column(c, c, FACT_WIDTHS[c])
    number, text = styles.get("number"), styles.text
    qname, unit, caption = lru_cache(None)(str), lru_cache(None)(attrgetter("text")), lru_cache(None)(dims_caption)
    period = lru_cache(None)(lambda p: period_heading(p).replace("\n", " "))  # each made once per workbook
    for r, f in enumerate(report.facts, start=1):
        text(ws, r, 0, qname(f.concept.qname))
        text(ws, r, 1, f.label)
        cell, sheet = where.get((f.table_id, f.line, f.column)), names.get(f.table_id)
        if cell and sheet:
            link(ws, styles, r, 2, sheet, cell, f"{sheet}!{cell}")
        text(ws, r, 3, period(f.period))
        text(ws, r, 4, unit(f.unit))
        text(ws, r, 5, caption(f.dims))
        ws.write_number(r, 6, excel_number(f.amount.value), number)
    ws.autofilter(0, 0, max(len(report.facts), 1), len(FACT_HEADER) - 1)
    ws.freeze_panes(1, 1)
    print_setup(ws)
