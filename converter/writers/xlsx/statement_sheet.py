"""One statement on a worksheet as the filing printed it: readable period headers, one unit line, each figure at
its printed scale, failed checks highlighted with a comment naming them."""

from __future__ import annotations

import math
from collections import Counter

from xlsxwriter.utility import xl_col_to_name

from ...model import Check, Report, Statement, Unit, period_text
from ..safety import xml_safe
from .formats import dims_caption, exception_caption, excel_number, period_heading, unit_caption
from .layout import LINE_HEADER, LayoutRow, StatementLayout, filing_caption
from .styles import Styles, print_setup

LABEL_WIDTH = (30, 60)
"""Minimum and maximum width of the label column, in characters."""

VALUE_WIDTH = (13, 22)
"""Minimum and maximum width of a value column, in characters."""

LINE_HEIGHT = 15.0
"""Height in points of one text line (11 pt font)."""

PROMPT_MAX = 255
"""Excel's limit on an input message's text."""

COMMENT = {"author": "edgar2xbrl", "x_scale": 2.2, "y_scale": 1.6}
"""Size and author of a cell comment."""

Key = tuple[Unit, int]
"""A figure's unit and printed scale."""


def column_units(st: Statement) -> list[Key | None]:
    """Each column's usual unit and scale: that of most of its facts, else its header's."""
    counts: list[Counter[Key]] = [Counter() for _ in st.columns]
    for f in st.facts:
        if 0 <= f.column < len(counts):
            counts[f.column][(f.unit, f.amount.scale)] += 1
    return [c.most_common(1)[0][0] if c else ((col.unit, col.scale) if col.unit else None)
            for c, col in zip(counts, st.columns)]


def units_line(st: Statement, units: list[Key | None]) -> str:
    """The one unit line true of every figure: "GBP thousands, except per-share amounts"."""
    mains = list(dict.fromkeys(unit_caption(*k) for k in units if k is not None))
    exceptions = dict.fromkeys(exception_caption(f.unit, f.amount.scale) for f in st.facts
                               if 0 <= f.column < len(units) and units[f.column] != (f.unit, f.amount.scale))
    text = " and ".join(mains) or "Units as printed"
    return text[:1].upper() + text[1:] + (", except " + ", ".join(exceptions) if exceptions else "")


def check_notes(st: Statement, checks: list[Check]) -> dict[tuple[int, int], str]:
    """(line, column) -> the failed checks (of this statement) of that printed figure, one per line."""
    periods: dict[str, list[int]] = {}
    for col in st.columns:
        if col.period is not None:
            periods.setdefault(period_text(col.period), []).append(col.index)
    out: dict[tuple[int, int], str] = {}
    for c in checks:
        if c.line:
            text = f"Failed {c.kind} check: {c.description}\nprinted {c.expected:,f}, computed {c.computed:,f}"
            for col in periods.get(c.period, []) if c.period else range(len(st.columns)):
                out[(c.line, col)] = "\n".join(filter(None, (out.get((c.line, col)), text)))
    return out


BY_ROW = "Periods by row"
"""The period line over a column without a period of its own whose figures take their rows' (balances and the
movements between them)."""


def header_rows(st: Statement, units: list[Key | None]) -> list[tuple[str, list[str]]]:
    """(label, one text per column) of the header band: periods, breakdowns if any, units if columns differ."""
    dated = {f.column for f in st.facts}  # a column whose figures take their rows' periods (an equity statement's)
    rows = [(units_line(st, units), [period_heading(c.period) if c.period is not None or j not in dated else BY_ROW
                                     for j, c in enumerate(st.columns)])]
    if any(c.dims for c in st.columns):
        rows.append(("", [dims_caption(c.dims) for c in st.columns]))
    if len({k for k in units if k is not None}) > 1:
        rows.append(("", [unit_caption(*k) if k else "" for k in units]))
    return rows


def column_widths(body: tuple[LayoutRow, ...], heads: list[tuple[str, list[str]]], n: int) -> list[float]:
    """The label column's width, then each value column's, in characters."""
    label = max((len(r.label) + 2 * r.depth for r in body), default=0)
    widths = [max((len(line) for _, texts in heads for line in texts[i].split("\n")), default=0) for i in range(n)]
    for row in body:
        for i, cell in enumerate(row.cells):
            if cell is not None and cell.shown is not None:
                widths[i] = max(widths[i], len(f"{abs(cell.shown):,}") + 2)
    return [min(max(label + 2, LABEL_WIDTH[0]), LABEL_WIDTH[1])] + [
        min(max(w + 2, VALUE_WIDTH[0]), VALUE_WIDTH[1]) for w in widths]


def lines_needed(texts: list[str], widths: list[float]) -> int:
    """How many text lines a row needs once its texts wrap in their columns."""
    return max([1] + [sum(math.ceil(max(len(part), 1) / max(w - 1, 1)) for part in t.split("\n"))
                      for t, w in zip(texts, widths) if t])


def prompt(row: LayoutRow) -> str:
    """The row's concepts and source line, shown when one of its figures is selected (Excel's limit kept)."""
    text = xml_safe(f"{row.concepts}\nSource line {row.line}")
    return text if len(text) <= PROMPT_MAX else text[:PROMPT_MAX - 1] + "\u2026"


def write_statement(ws, styles: Styles, report: Report, st: Statement,  # type: ignore[no-untyped-def]
                    layout: StatementLayout, failed: list[Check], below: int | None = None,
                    line_col: int = 0) -> tuple[dict[tuple[int, int], str], int]:
    """Draw one statement on ws (titled as printed, else by its sheet's name), or its next page below row `below`
    of the sheet holding its first, source lines in column line_col (after the figures, and the same for every
    page of a sheet); returns (source line, column index) -> the figure's cell ("C12"), and the last row drawn."""
    n = layout.n_columns
    line_col = max(line_col, n + 1)
    units = column_units(st)
    heads = header_rows(st, units)
    body = layout.rows[layout.first_body_row:]
    widths = column_widths(body, heads, n)
    notes = check_notes(st, failed)
    if below is None:
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.set_column(line_col, line_col, len(LINE_HEADER) + 2)
        ws.write_string(0, 0, xml_safe(st.title or ws.get_name()), styles.get("title"))
        ws.write_string(1, 0, xml_safe(report.meta.company), styles.get("bold"))
        ws.write_string(2, 0, xml_safe(filing_caption(report.meta, report.source, st)), styles.get("caption"))
        top = 4
    else:  # the statement's next page: its own column headers, under the rows of the page before
        ws.write_string(below + 2, 0, xml_safe(st.title), styles.get("bold"))
        top = below + 3
    for r, (label, texts) in enumerate(heads, start=top):
        ws.set_row(r, LINE_HEIGHT * lines_needed([label, *texts], widths))
        styles.text(ws, r, 0, label, "unit_line" if r == top else "header")
        for c, text in enumerate(texts, start=1):
            styles.text(ws, r, c, text, "header")
    first = top + len(heads)
    styles.text(ws, first - 1, line_col, LINE_HEADER, "line_header")
    where: dict[tuple[int, int], str] = {}
    letters = [xl_col_to_name(c) for c in range(n + 1)]
    for r, row in enumerate(body, start=first):
        if (lines := lines_needed([row.label], widths)) > 1:
            ws.set_row(r, LINE_HEIGHT * lines)
        bold = row.subtotal or row.kind == "heading"
        styles.text(ws, r, 0, row.label, "label", bold=bold, indent=row.depth)
        for c, cell in enumerate(row.cells, start=1):
            if cell is None or cell.shown is None:
                continue
            check_note = notes.get((cell.line, c - 1), "")
            fmt = styles.get("figure", num_format=cell.number_format, bold=row.subtotal, failed=bool(check_note))
            ws.write_number(r, c, excel_number(cell.shown), fmt)
            where[(cell.line, c - 1)] = f"{letters[c]}{r + 1}"
            if check_note or cell.note:
                ws.write_comment(r, c, xml_safe("\n--\n".join(filter(None, (check_note, cell.note)))), COMMENT)
        if row.concepts:
            ws.data_validation(r, 1, r, n, {"validate": "any", "input_title": "Concept", "input_message": prompt(row)})
        if row.line:
            ws.write_number(r, line_col, row.line, styles.get("line"))
    last = max(first + len(body) - 1, first)
    if below is None:
        ws.freeze_panes(first, 1)
        ws.repeat_rows(0, first - 1)
        ws.hide_gridlines(2)
        print_setup(ws)
    ws.print_area(0, 0, last, line_col - 1)
    return where, last

