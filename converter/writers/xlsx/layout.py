"""Conversion from a Statement into its printed layout: header rows, indented labels, scaled value cells.

The workbook sheet and the per-statement CSV are both drawn from this one layout, so they agree cell for cell.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ...model import (
    Amount, Column, Duration, Fact, FilingMeta, Instant, Period, Report, Statement, dims_text, period_text,
)
from ...memo import last_report_cache
from ...record import record
from .formats import number_format, shown_value

LINE_HEADER = "Source line"
"""Caption of the last column, which holds each body row's line in the source filing."""


@record
class LayoutCell:
    """One cell beside the label: header text, or a value with its display format."""

    text: str = ""  # header, period or unit caption ("" for a value cell)
    value: Decimal | None = None  # full value with the presented sign (292967000), or None
    number_format: str = ""  # accounting format keeping the printed scale
    note: str = ""  # comment text, only on an exceptional value cell (no fact, several facts, off its column)
    line: int = 0  # source line the value was printed on
    shown: Decimal | None = None  # the figure as printed, at the printed scale (-195477 for "(195,477)" in '000)


@record
class LayoutRow:
    """One row of the laid-out statement."""

    kind: str  # "title", "company", "period", "blank", "header", "periods", "dims", "units", "heading", "value"
    label: str  # first-column text
    cells: tuple[LayoutCell | None, ...]  # one per value column; None where blank
    depth: int = 0  # label indent level
    subtotal: bool = False  # printed as a subtotal: bold, top border
    line: int = 0  # source line of a body row (0 for header rows)
    concepts: str = ""  # the row's facts' distinct concept_text()s, "; "-joined ("" for header and heading rows)


@record
class StatementLayout:
    """A statement as it is printed, ready for a sheet or a CSV file."""

    table_id: str  # the statement's id
    n_columns: int  # value columns
    rows: tuple[LayoutRow, ...]  # title, header band, then body rows
    first_body_row: int  # 0-based index of the first row below the header band


def filing_caption(meta: FilingMeta, source: str, statement: Statement) -> str:
    """The period header line: form, period of report and where the table was read."""
    parts = []
    if meta.form_type:
        parts.append(f"Form {meta.form_type}")
    if meta.period_of_report is not None:
        parts.append(f"period of report {meta.period_of_report.isoformat()}")
    parts.append(f"{Path(source).name} lines {statement.first_line}-{statement.last_line}")
    return "; ".join(parts)


def fact_note(fact: Fact) -> str:
    """Where a value came from and what it means, for the cell comment."""
    a = fact.amount
    ext = " (extension)" if fact.concept.extension else ""
    what = [period_text(fact.period), fact.unit.text]
    if fact.dims:
        what.append(dims_text(fact.dims))
    sign = f"; XBRL sign {fact.xbrl_sign:+d}" if fact.xbrl_sign != 1 else ""
    return (
        f"concept {fact.concept.qname}{ext}\n"
        f"line {a.span.line}, chars {a.span.start + 1}-{a.span.end}, printed {a.presented}\n"
        f"{', '.join(what)}{sign}"
    )


def amount_note(amount: Amount) -> str:
    """The note of a printed amount that did not become a fact."""
    return (
        f"no fact (see Checks sheet)\n"
        f"line {amount.span.line}, chars {amount.span.start + 1}-{amount.span.end}, printed {amount.presented}"
    )


def in_column_period(period: Period, column: Column) -> bool:
    """True when a fact's period is its column's: the same, or the instant a duration column ends on (a balance
    at the end of the period is how such a column is read)."""
    if period is column.period or period == column.period:  # most facts share their column's period object
        return True
    return isinstance(period, Instant) and isinstance(column.period, Duration) and period.date == column.period.end


def is_exceptional(facts: list[Fact], column: Column) -> bool:
    """True when a printed amount needs its own note: no fact, several facts, or a fact whose period or
    breakdown is not its column's (an ordinary cell is explained by its row's concept and its column)."""
    if len(facts) != 1:
        return True
    fact = facts[0]
    return fact.dims != column.dims or not in_column_period(fact.period, column)


def value_cell(amount: Amount, facts: list[Fact], column: Column) -> LayoutCell:
    """A value cell for one printed amount and the facts made from it; a note only when it is exceptional."""
    note = ""
    if not facts:
        note = amount_note(amount)
    elif is_exceptional(facts, column):
        note = "\n--\n".join(fact_note(f) for f in facts)
    return LayoutCell("", amount.value, number_format(amount), note, amount.span.line, shown_value(amount))


def concept_text(fact: Fact) -> str:
    """A fact's concept as the row names it: "e2x:CostOfServices (XBRL sign -1)", "ext:Other (extension)"."""
    ext = " (extension)" if fact.concept.extension else ""
    sign = f" (XBRL sign {fact.xbrl_sign:+d})" if fact.xbrl_sign != 1 else ""
    return f"{fact.concept.qname}{ext}{sign}"


def row_concepts(facts: list[Fact]) -> str:
    """The distinct concepts of a row's facts in order, "; "-joined."""
    if not facts:
        return ""
    first = facts[0]
    if all(f.concept is first.concept and f.xbrl_sign == first.xbrl_sign for f in facts):
        return concept_text(first)  # the usual row: one concept across its columns
    return "; ".join(dict.fromkeys(concept_text(f) for f in facts))


CSV_SCALES = {3: "'000", 6: " million", 9: " billion"}
"""Unit caption suffix of a printed scale in the statement CSV (GBP'000, USD million)."""


def column_caption(column: Column) -> str:
    """The units row entry of one value column in the statement CSV: GBP'000, USD million, %."""
    unit, scale = column.unit, column.scale
    if unit is None:
        return ""
    if unit.text == "pure" and scale == -2:
        return "%"
    if scale in CSV_SCALES:
        return unit.text + CSV_SCALES[scale]
    return f"{unit.text} x 10^{scale}" if scale else unit.text


def header_rows(statement: Statement) -> list[LayoutRow]:
    """The column headers as printed (bottom-aligned), then normalised period, breakdown and unit rows."""
    stacks = [c.header.split(" | ") if c.header else [] for c in statement.columns]
    height = max((len(s) for s in stacks), default=0)
    rows = []
    for level in range(height):
        cells: list[LayoutCell | None] = []
        for stack in stacks:
            k = level - (height - len(stack))
            cells.append(LayoutCell(text=stack[k].strip()) if k >= 0 and stack[k].strip() else None)
        rows.append(LayoutRow("header", "", tuple(cells)))
    periods = tuple(LayoutCell(text=period_text(c.period)) if c.period else None for c in statement.columns)
    rows.append(LayoutRow("periods", "Period", periods))
    if any(c.dims for c in statement.columns):
        dims = tuple(LayoutCell(text=dims_text(c.dims)) if c.dims else None for c in statement.columns)
        rows.append(LayoutRow("dims", "Breakdown", dims))
    captions = [column_caption(c) for c in statement.columns]
    units = tuple(LayoutCell(text=caption) if caption else None for caption in captions)
    rows.append(LayoutRow("units", statement.scale_text, units))
    return rows


def body_rows(statement: Statement) -> list[LayoutRow]:
    """Printed rows in order; then any fact whose cell is not on a printed row, so nothing is lost."""
    columns = statement.columns
    n = len(columns)
    by_cell: dict[tuple[int, int], list[Fact]] = {}
    for f in statement.facts:
        by_cell.setdefault((f.amount.span.line, f.column), []).append(f)
    placed: set[tuple[int, int]] = set()
    rows = []
    for item in statement.rows:
        cells: list[LayoutCell | None] = [None] * n
        row_facts: list[Fact] = []
        for i, a in enumerate(item.amounts[:n]):
            if a is None:
                continue
            key = (a.span.line, i)
            placed.add(key)
            facts = by_cell.get(key, [])
            row_facts += facts
            cells[i] = value_cell(a, facts, columns[i])
        kind = "heading" if item.row_kind == "heading" else "value"
        rows.append(LayoutRow(kind, item.label, tuple(cells), item.depth, item.subtotal, item.line,
                              row_concepts(row_facts)))
    if placed.issuperset(by_cell):
        return rows
    rows.append(LayoutRow("heading", "Facts not on a printed row", (None,) * n))
    for f in statement.facts:
        if (f.line, f.column) not in placed:
            stray: list[LayoutCell | None] = [None] * n
            if 0 <= f.column < n:
                stray[f.column] = value_cell(f.amount, [f], columns[f.column])
            rows.append(LayoutRow("value", f.label, tuple(stray), 1, False, f.line, row_concepts([f])))
    return rows


@last_report_cache
def statement_layout(report: Report, statement: Statement) -> StatementLayout:
    """Lay out one statement as printed: title, company, period line, header band, body (once per report)."""
    n = len(statement.columns)
    blank = (None,) * n
    top = [
        LayoutRow("title", statement.title or statement.table_id, blank),
        LayoutRow("company", report.meta.company, blank),
        LayoutRow("period", filing_caption(report.meta, report.source, statement), blank),
        LayoutRow("blank", "", blank),
    ]
    head = header_rows(statement)
    body = body_rows(statement)
    return StatementLayout(statement.table_id, n, tuple(top + head + body), len(top) + len(head))
