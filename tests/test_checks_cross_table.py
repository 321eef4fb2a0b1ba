"""Cross-table agreement: the same figure in two tables, within the coarser rounding."""

from __future__ import annotations

from decimal import Decimal

from converter.checks.cross_table import cross_table_checks
from test_checks_support import H1_2004, Q2_2004, fact, report, statement_from_text, with_facts

EMPTY = statement_from_text("Row   1\n", "x", [Q2_2004])


def _table(table_id: str, *facts, kind: str = "income"):  # type: ignore[no-untyped-def]
    return with_facts(EMPTY.__class__(table_id, "", kind, "6-K", 1, 1, EMPTY.columns, EMPTY.rows, (), ""), facts)


def test_millions_and_thousands_agree_within_the_coarser_rounding() -> None:
    # key financial data: Turnover 301.2 (GBP millions, one decimal) vs P&L 301,233 (GBP thousands)
    key = _table("t01_key", fact("Revenues", Q2_2004, "301200000", -5, table_id="t01_key", label="Turnover", line=157))
    pl = _table("t02_pl", fact("Revenues", Q2_2004, "301233000", -3, table_id="t02_pl", label="Turnover", line=318))
    checks = cross_table_checks(report([key, pl]))
    assert len(checks) == 1
    c = checks[0]
    assert (c.kind, c.table_id, c.line, c.ok) == ("cross-table", "t02_pl", 318, True)
    assert (c.expected, c.computed) == (Decimal("301200000"), Decimal("301233000"))
    assert c.period == "2004-04-01..2004-06-30"


def test_disagreement_is_reported() -> None:
    a = _table("t1", fact("Revenues", Q2_2004, "301200000", -5, table_id="t1"))
    b = _table("t2", fact("Revenues", Q2_2004, "302233000", -3, table_id="t2"))
    assert [c.ok for c in cross_table_checks(report([a, b]))] == [False]


def test_different_period_unit_or_dims_are_different_figures() -> None:
    a = _table("t1", fact("Revenues", Q2_2004, "100000", table_id="t1"))
    b = _table("t2", fact("Revenues", H1_2004, "200000", table_id="t2"),
               fact("Revenues", Q2_2004, "180000", unit="USD", table_id="t2"),
               fact("Revenues", Q2_2004, "50000", table_id="t2", dims=(("region", "north"),)))
    assert cross_table_checks(report([a, b])) == ()


def test_extension_facts_match_by_label_but_never_generic_labels() -> None:
    a = _table("t1", fact("ExchangeDifferences", Q2_2004, "2316000", table_id="t1", label="Exchange differences",
                          extension=True),
               fact("Total", Q2_2004, "5", table_id="t1", label="Total", extension=True))
    b = _table("t2", fact("ExchangeDifferences2", Q2_2004, "2316000", table_id="t2", label="Exchange  differences",
                          extension=True),
               fact("Total2", Q2_2004, "6", table_id="t2", label="Total", extension=True))
    checks = cross_table_checks(report([a, b]))
    assert [(c.ok, c.expected) for c in checks] == [(True, Decimal("2316000"))]


def test_notes_do_not_match_by_label() -> None:
    # "Small" car segment share in an industry table and in the company's own table: different figures
    a = _table("t1", fact("Small", Q2_2004, "0.293", 3, "pure", "t1", extension=True), kind="segment")
    b = _table("t2", fact("Small", Q2_2004, "0.266", 3, "pure", "t2", extension=True), kind="segment")
    assert cross_table_checks(report([a, b])) == ()
