"""The workbook's flat Facts sheet: one row per fact with the native CSV columns and a link to its cell."""

from __future__ import annotations

from decimal import Decimal

from ...model import Fact, Report
from ..native_out import NATIVE_COLUMNS, FactTexts
from ..safety import is_formula_like
from .cells import LINK, ExactSheet, RowCells, Styles, joined, quoted, set_widths
from .statement_sheet import BOLD, landscape_one_page_wide

FACTS = "Facts"
"""The sheet's name."""

HEADER = (*NATIVE_COLUMNS, "cell")
"""Column captions: the native columns, then the fact's cell on its statement sheet."""

WIDTHS = [30, 40, 24, 22, 7, 9, 11, 11, 11, 6, 12, 16, 8, 30, 10, 30, 30]
"""Column widths in characters."""

Field = str | int | Decimal


class FactFields:
    """One fact's cells in NATIVE_COLUMNS order: the native CSV fields, with line, scale, value and decimals as
    numbers (the value exact, with its presented sign). The texts of what facts share (concept, period, unit,
    dims) are made once, as facts.csv makes them (FactTexts)."""

    def __init__(self) -> None:
        self.texts = FactTexts()

    def __call__(self, fact: Fact, kind: str, header: str) -> tuple[Field, ...]:
        """The cells of a fact in a statement of that kind, in the column of that header."""
        a, t = fact.amount, self.texts
        period_type, start, end = t.period(fact.period)
        return (t.concept(fact.concept), fact.label, fact.section, fact.table_id, a.span.line, period_type, start,
                end, t.unit(fact.unit), a.scale, a.presented, a.value, a.decimals, t.dims(fact.dims), kind, header)


def fill_facts(ws: ExactSheet, styles: Styles, report: Report, names: dict[str, str],
               cells: dict[tuple[str, int, int], str]) -> None:
    """One row per fact with the native columns, its sheet cell as a link, and an autofilter."""
    RowCells(ws, styles, BOLD).put(0, HEADER)
    row = RowCells(ws, styles, int_style={"num_format": "0"})  # line, scale and decimals as whole numbers
    link_format, quoted_link_format = styles.get(LINK), styles.get({**LINK, "quote_prefix": True})
    links = {tid: (sheet, quoted(sheet), quoted_link_format if is_formula_like(sheet) else link_format)
             for tid, sheet in names.items()}  # table id -> (sheet name, as a link names it, link cell format)
    context = {(st.table_id, col.index): (st.kind, col.header) for st in report.statements for col in st.columns}
    kinds = {st.table_id: st.kind for st in report.statements}
    cell_col = len(NATIVE_COLUMNS)
    fact_fields = FactFields()
    r = 0
    for r, fact in enumerate(report.facts, start=1):
        kind, header = context.get((fact.table_id, fact.column), (kinds.get(fact.table_id, ""), ""))
        run = row.cells(r, fact_fields(fact, kind, header))
        where = cells.get((fact.table_id, fact.line, fact.column))
        if where is not None:
            sheet, location, fmt = links[fact.table_id]
            run = joined(run, (cell_col, cell_col, ws.text_cell(r, cell_col, f"{sheet}!{where}", fmt)))
            ws.put_link(r, cell_col, f"{location}!{where}", f"{sheet}!{where}")  # past Excel's limit: text only
        if run is not None:
            ws.store_run(r, *run)
    ws.autofilter(0, 0, max(r, 1), len(HEADER) - 1)
    ws.freeze_panes(1, 1)
    set_widths(ws, WIDTHS)
    landscape_one_page_wide(ws)
