"""A small hand-made Report shaped like a printed profit and loss account, for the workbook and CSV tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from converter.model import (
    Amount, Check, Column, Concept, Diagnostic, Duration, Fact, FilingMeta, LineItem, MappingDecision, QName,
    Report, Span, Statement, Unit,
)

NS = "http://example.com/e2x"
GBP, USD, PER_SHARE, PURE = Unit(("GBP",)), Unit(("USD",)), Unit(("GBP",), ("shares",)), Unit(("pure",))
Q2_03 = Duration(date(2003, 4, 1), date(2003, 6, 30))
Q2_04 = Duration(date(2004, 4, 1), date(2004, 6, 30))


def amount(text: str, value: str, scale: int, decimals: int, line: int, start: int) -> Amount:
    """A printed amount at a place in the source."""
    return Amount(text, Decimal(value), scale, decimals, Span(line, start, start + len(text)), None)


def concept(local: str, data_type: str = "monetary", extension: bool = False) -> Concept:
    """A duration concept."""
    return Concept(QName("ext" if extension else "e2x", NS, local), data_type, "duration", None, local, extension)


COLUMNS = (
    Column(0, Q2_03, GBP, 3, (("exceptional", "before_exceptional"),), "2003 | Before | Exceptional | GBP'000", (19, 28)),
    Column(1, Q2_04, GBP, 3, (), "2004 | GBP'000", (33, 42)),
    Column(2, Q2_04, USD, 3, (), "2004 | $'000", (46, 55)),
)

# (label, section, line, depth, subtotal, kind, concept, cells) with cells (presented, value, scale, decimals, unit)
ROWS = [
    ("Turnover", "", 10, 0, False, "value", concept("Revenues"),
     [("292,967", "292967000", 3, -3, None), ("301,233", "301233000", 3, -3, None), ("546,015", "546015000", 3, -3, None)]),
    ("Cost of sales", "", 12, 0, False, "heading", None, [None, None, None]),
    ("Interconnect and network", "Cost of sales", 13, 1, False, "value", concept("CostOfServices"),
     [("(195,477)", "-195477000", 3, -3, None), ("(205,028)", "-205028000", 3, -3, None), ("--", "0", 3, -3, None)]),
    ("-LIFO", "Cost of sales", 15, 1, False, "value", concept("LifoReserve", extension=True),
     [("-", "0", 3, -3, None), ("1,234", "1234000", 3, -3, None), None]),
    ("", "Cost of sales", 17, 1, True, "value", concept("CostOfRevenue"),
     [("(195,477)", "-195477000", 3, -3, None), ("(203,794)", "-203794000", 3, -3, None), ("--", "0", 3, -3, None)]),
    ("=SUM(A1:A9)+cmd|' /C calc'!A0", "", 19, 0, False, "value", concept("Weird", extension=True),
     [("7", "7000", 3, -3, None), None, None]),
    ("Gross margin %", "", 21, 0, False, "value", concept("GrossMargin", "pure"),
     [("33.3%", "0.333", -2, 3, PURE), ("(31.9%)", "-0.319", -2, 3, PURE), None]),
    ("Loss per share", "", 23, 0, False, "value", concept("EarningsPerShareBasic", "perShare"),
     [("GBP(0.02)", "-0.02", 0, 2, PER_SHARE), ("GBP0.01", "0.01", 0, 2, PER_SHARE), None]),
]


def sample_statement(table_id: str = "t01_profit_and_loss", title: str = "Consolidated Profit and Loss Account",
                     first: int = 1) -> Statement:
    """The sample statement; the same layout can be given another id and title."""
    items, facts = [], []
    for label, section, line, depth, subtotal, kind, con, cells in ROWS:
        amounts = []
        for i, cell in enumerate(cells):
            if cell is None:
                amounts.append(None)
                continue
            text, value, scale, decimals, unit = cell
            a = amount(text, value, scale, decimals, line, COLUMNS[i].span[0])
            a = Amount(a.presented, a.value, a.scale, a.decimals, a.span, unit)
            amounts.append(a)
            if con is not None:
                facts.append(Fact(con, COLUMNS[i].period, unit or COLUMNS[i].unit, COLUMNS[i].dims, a,
                                  label, section, table_id, i))
        items.append(LineItem(label, section, line, (line,), depth, subtotal, tuple(amounts), kind))
    return Statement(table_id, title, "income", "6-K", first, first + 23, COLUMNS, tuple(items), tuple(facts), "GBP'000")


def sample_report(source: str = "/data/acme_6-K_2004-07.txt") -> Report:
    """A report with two statements, checks, mappings and diagnostics."""
    meta = FilingMeta("6-K", "ACME TELECOM PLC", "1000001", date(2004, 6, 30), "1231", date(2004, 7, 29),
                      "0001000001-04-000001")
    second = sample_statement("t02_profit_and_loss_[six]:months*?/\\ended_30_june_2004_restated",
                              "Six months: restated", 30)
    return Report(
        source=source,
        meta=meta,
        statements=(sample_statement(), second),
        diagnostics=(Diagnostic("cell.no-period", "a value had no period", Span(40, 3, 9), "warning"),
                     Diagnostic("filing.note", "=HYPERLINK(\"http://x\")", None, "info")),
        checks=(Check("subtotal", "t01_profit_and_loss", 17, "Cost of sales = sum of rows above",
                      Decimal("-203794000"), Decimal("-203794000"), True, "@2004"),
                Check("subtotal", "t01_profit_and_loss", 17, "Cost of sales (2003)",
                      Decimal("-195477000"), Decimal("-195476000"), False)),
        mappings=(MappingDecision("-LIFO", "Cost of sales", "t01_profit_and_loss", "ext:LifoReserve", "extension"),
                  MappingDecision("Turnover", "", "t01_profit_and_loss", "e2x:Revenues", "matched"),
                  MappingDecision("Other", "", "t01_profit_and_loss", "e2x:Other", "ambiguous", "two aliases")),
        tool_version="0.1.0",
        taxonomy_version="test",
    )


def test_sample_facts_sit_on_their_printed_rows():
    """Every sample fact's amount is one of its row's printed amounts (the fixture is self-consistent)."""
    st = sample_statement()
    rows = {item.line: item for item in st.rows}
    assert len(st.facts) == 16
    for f in st.facts:
        assert rows[f.line].amounts[f.column] == f.amount
