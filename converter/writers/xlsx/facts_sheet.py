"""The workbook's flat Facts sheet: one row per fact with the native CSV columns and a link to its cell."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from ...model import Duration, Fact, Report, dims_text
from ..native_out import NATIVE_COLUMNS
from ..safety import is_formula_like
from .cells import LINK, Styles, TextCells, quoted, set_widths
from .formats import excel_number, plain_format
from .statement_sheet import BOLD, landscape_one_page_wide

FACTS = "Facts"
"""The sheet's name."""

HEADER = (*NATIVE_COLUMNS, "cell")
"""Column captions: the native columns, then the fact's cell on its statement sheet."""

WIDTHS = [30, 40, 24, 22, 7, 9, 11, 11, 11, 6, 12, 16, 8, 30, 10, 30, 30]
"""Column widths in characters."""

LINK_LIMIT = 65530
"""Excel's limit on hyperlinks in one worksheet; cells past it keep their text without a link."""

Field = str | int | Decimal


def fact_fields(fact: Fact, kind: str, header: str) -> tuple[Field, ...]:
    """One fact's cells in NATIVE_COLUMNS order: the native CSV fields, with line, scale, value and decimals
    as numbers (the value exact, with its presented sign)."""
    p, a = fact.period, fact.amount
    start = p.start.isoformat() if isinstance(p, Duration) else ""
    end = p.end.isoformat() if isinstance(p, Duration) else p.date.isoformat()
    return (str(fact.concept.qname), fact.label, fact.section, fact.table_id, fact.line, p.kind, start, end,
            fact.unit.text, a.scale, a.presented, a.value, a.decimals, dims_text(fact.dims) if fact.dims else "",
            kind, header)


def fill_facts(ws: Worksheet, styles: Styles, report: Report, names: dict[str, str],
               cells: dict[tuple[str, int, int], str]) -> None:
    """One row per fact with the native columns, its sheet cell as a link, and an autofilter."""
    bold = TextCells(ws, styles, BOLD)
    for c, caption in enumerate(HEADER):
        bold.put(0, c, caption)
    text = TextCells(ws, styles)
    whole = styles.get({"num_format": "0"})
    value_formats = {fmt: styles.get({"num_format": fmt}) for fmt in (plain_format(Decimal(1)),
                                                                     plain_format(Decimal("0.1")))}
    link_format, quoted_link_format = styles.get(LINK), styles.get({**LINK, "quote_prefix": True})
    links = {tid: (sheet, f"internal:{quoted(sheet)}", quoted_link_format if is_formula_like(sheet) else link_format)
             for tid, sheet in names.items()}  # table id -> (sheet name, link target, link format)
    context = {(st.table_id, col.index): (st.kind, col.header) for st in report.statements for col in st.columns}
    kinds = {st.table_id: st.kind for st in report.statements}
    cell_col = len(NATIVE_COLUMNS)
    r = linked = 0
    for r, fact in enumerate(report.facts, start=1):
        kind, header = context.get((fact.table_id, fact.column), (kinds.get(fact.table_id, ""), ""))
        for c, value in enumerate(fact_fields(fact, kind, header)):
            if isinstance(value, str):
                text.put(r, c, value)
            elif isinstance(value, int):
                ws._write_number(r, c, value, whole)  # line, scale, decimals
            else:
                ws._write_number(r, c, excel_number(value), value_formats[plain_format(value)])
        where = cells.get((fact.table_id, fact.line, fact.column))
        if where is None:
            continue
        sheet, target, fmt = links[fact.table_id]
        linked += 1
        if linked <= LINK_LIMIT:
            ws._write_url(r, cell_col, f"{target}!{where}", fmt, f"{sheet}!{where}")
        else:
            ws._write_string(r, cell_col, f"{sheet}!{where}", fmt)
    ws.autofilter(0, 0, max(r, 1), len(HEADER) - 1)
    ws.freeze_panes(1, 1)
    set_widths(ws, WIDTHS)
    landscape_one_page_wide(ws)
