"""Checks between statements and on scale (issue 12): each passes on right figures and fails on the wrong ones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Sequence

from converter.checks.balance import balance_checks
from converter.checks.columns import column_checks
from converter.checks.scale import jump_checks, money_per_share_checks, per_share_checks
from converter.checks.summary import confidence_summary
from converter.checks.ties import balance_date_checks, cash_checks, eps_checks, net_income_checks
from converter.model import Amount, Column, Duration, Fact, Instant, LineItem, Span, Statement, Unit
from test_checks_support import DEC_2003, JUN_2004, fact, report, statement_from_text, with_facts

FY_2003 = Duration(date(2003, 1, 1), date(2003, 12, 31))
FY_2004 = Duration(date(2004, 1, 1), date(2004, 12, 31))
DEC_2004 = Instant(date(2004, 12, 31))


def stmt(table_id: str, kind: str, facts: Sequence[Fact], title: str = "") -> Statement:
    return Statement(table_id, title, kind, "10-K", 1, 99, (), (), tuple(facts), "")


def sheet(cash_2004: str = "1000000", cash_2003: str = "900000") -> Statement:
    return stmt("t1", "balance", [fact("CashAndCashEquivalentsAtCarryingValue", DEC_2004, cash_2004, unit="USD", line=10),
                                  fact("CashAndCashEquivalentsAtCarryingValue", DEC_2003, cash_2003, unit="USD", line=10)])


def flows(end_2004: str = "1000000", period: Duration = FY_2004, unit: str = "USD") -> Statement:
    begin = fact("CashBegin", period, "900000", unit=unit, label="Cash and cash equivalents at beginning of year",
                 line=40, extension=True, table_id="t2")
    end = fact("CashEnd", Instant(period.end), end_2004, unit=unit, label="Cash and cash equivalents at end of year",
               line=41, extension=True, table_id="t2")
    return stmt("t2", "cashflow", [begin, end])


def test_cash_ties_closing_and_opening_cash_to_the_balance_sheet() -> None:
    checks = cash_checks(report([sheet(), flows()]))
    assert [(c.kind, c.period, c.ok) for c in checks] == [("cash-tie", "@2003-12-31", True),
                                                          ("cash-tie", "@2004-12-31", True)]


def test_cash_tie_fails_on_a_wrong_figure_or_scale() -> None:
    checks = cash_checks(report([sheet(), flows(end_2004="1000", unit="pure")]))
    assert [(c.period, c.ok) for c in checks] == [("@2003-12-31", True), ("@2004-12-31", False)]
    assert checks[1].expected == Decimal("1000000") and checks[1].computed == Decimal("1000")


def test_cash_tie_without_a_figure_on_the_balance_date_is_undetermined() -> None:
    moved = Duration(date(2006, 1, 1), date(2006, 12, 31))  # the cash flow read two years later
    checks = cash_checks(report([sheet(), flows(period=moved)]))
    assert [(c.kind, c.ok, c.undetermined, c.failed) for c in checks] == [
        ("cash-tie-undetermined", False, True, False), ("cash-tie-undetermined", False, True, False)]


def test_cash_tie_on_dates_a_few_days_apart_fails_even_when_figures_agree() -> None:
    near = Duration(date(2004, 1, 4), date(2005, 1, 2))  # a 52/53-week year read as December 31 in the sheet
    checks = cash_checks(report([sheet(), flows(period=near)]))
    assert [(c.period, c.ok) for c in checks] == [("@2003-12-31", False), ("@2004-12-31", False)]
    assert "read different dates" in checks[1].description


def test_no_cash_flow_statement_means_no_cash_check() -> None:
    assert cash_checks(report([sheet()])) == ()


def test_balance_dates_end_or_open_a_flow_period() -> None:
    flows_2004 = income({FY_2004: "500"})
    assert [(c.period, c.ok) for c in balance_date_checks(report([sheet(), flows_2004]))] == [
        ("@2003-12-31", True), ("@2004-12-31", True)]  # the day before 2004 opens, the day 2004 ends
    moved = stmt("t1", "balance", [fact("Assets", Instant(date(2005, 1, 3)), "1", unit="USD"),
                                   fact("Assets", Instant(date(2004, 6, 30)), "1", unit="USD")])
    checks = balance_date_checks(report([moved, flows_2004]))
    assert [(c.kind, c.period, c.ok) for c in checks] == [("balance-dates-undetermined", "@2004-06-30", False),
                                                          ("balance-dates", "@2005-01-03", False)]
    assert "3 days from the flow period end 2004-12-31" in checks[1].description
    assert balance_date_checks(report([sheet()])) == ()


def income(values: dict[Duration, str], table_id: str = "t3") -> Statement:
    return stmt(table_id, "income", [fact("NetIncomeLoss", p, v, unit="USD", line=20, table_id=table_id)
                                     for p, v in values.items()])


def cash_flow_income(values: dict[Duration, str]) -> Statement:
    return stmt("t4", "cashflow", [fact("NetIncomeLoss", p, v, unit="USD", line=30, table_id="t4", label="Net income")
                                   for p, v in values.items()])


def test_net_income_agrees_across_statements() -> None:
    checks = net_income_checks(report([income({FY_2004: "500", FY_2003: "400"}),
                                       cash_flow_income({FY_2004: "500", FY_2003: "400"})]))
    assert [(c.period, c.ok) for c in checks] == [("2004-01-01..2004-12-31", True), ("2003-01-01..2003-12-31", True)]


def test_net_income_of_swapped_years_fails() -> None:
    checks = net_income_checks(report([income({FY_2004: "400000", FY_2003: "500000"}),
                                       cash_flow_income({FY_2004: "500000", FY_2003: "400000"})]))
    assert [c.ok for c in checks] == [False, False]
    assert (checks[0].expected, checks[0].computed) == (Decimal("400000"), Decimal("500000"))


def test_net_income_by_label_and_statements_sharing_no_period() -> None:
    eq = stmt("t5", "equity", [fact("X", Duration(date(1999, 1, 1), date(1999, 12, 31)), "500", unit="USD",
                                    label="Net earnings", extension=True, table_id="t5")])
    checks = net_income_checks(report([income({FY_2004: "500"}), eq]))
    assert [(c.kind, c.undetermined) for c in checks] == [("net-income-tie-undetermined", True)]


def test_labels_that_are_not_net_income_are_left_out() -> None:
    eq = stmt("t5", "cashflow", [fact("X", FY_2004, "7", unit="USD", label="Net income per share", extension=True),
                                 fact("Y", FY_2004, "9", unit="USD", label="Net income before taxes", extension=True)])
    assert net_income_checks(report([income({FY_2004: "500"}), eq])) == ()


def eps_statement(eps: str, shares: str, net: str = "1000000", preferred: str = "", shares_decimals: int = -3
                  ) -> Statement:
    facts = [fact("NetIncomeLoss", FY_2004, net, decimals=-3, unit="USD", line=20, table_id="t6"),
             fact("EarningsPerShareBasic", FY_2004, eps, decimals=2, unit="USD/shares", line=22, table_id="t6"),
             fact("W", FY_2004, shares, decimals=shares_decimals, unit="shares", line=24, table_id="t6", extension=True,
                  label="Weighted average shares outstanding")]
    if preferred:
        facts.append(fact("P", FY_2004, preferred, decimals=-3, unit="USD", line=21, table_id="t6", extension=True,
                          label="Preferred stock dividends"))
    return stmt("t6", "income", facts)


def test_eps_is_net_income_over_weighted_shares_within_rounding() -> None:
    assert [c.ok for c in eps_checks(report([eps_statement("2.50", "400000")]))] == [True]
    lost = eps_statement("2.50", "400", shares_decimals=0)  # "(in thousands)" on the share row not read
    assert [c.ok for c in eps_checks(report([lost]))] == [False]
    assert [c.ok for c in eps_checks(report([eps_statement("2.70", "400000")]))] == [False]


def test_eps_after_preferred_dividends() -> None:
    checks = eps_checks(report([eps_statement("2.25", "400000", preferred="100000")]))
    assert [c.ok for c in checks] == [True]
    assert "Preferred stock dividends" in checks[0].description


def test_eps_needs_all_three_printed() -> None:
    st = eps_statement("2.50", "400000")
    only = stmt("t6", "income", [f for f in st.facts if f.unit.denominators or f.label != "W"][:2])
    assert eps_checks(report([only])) == ()


def amounts_statement(rows: list[tuple[str, list[tuple[str, Decimal, int, int]]]], kind: str = "income",
                      periods: Sequence[Duration | None] = (FY_2004, FY_2003)) -> Statement:
    """A statement whose rows are (label, [(printed, value, scale, decimals)]) with one USD fact per figure."""
    cols = tuple(Column(i, p, Unit(("USD",)), 3, (), str(i), (0, 0)) for i, p in enumerate(periods))
    items, facts = [], []
    for n, (label, cells) in enumerate(rows, start=10):
        amts = []
        for c, (printed, value, scale, decimals) in enumerate(cells):
            a = Amount(printed, value, scale, decimals, Span(n, 10 * c, 10 * c + 5), None)
            amts.append(a)
            if periods[c] is not None:
                facts.append(Fact(fact("X", periods[c], "0").concept, periods[c], Unit(("USD",)), (), a, label, "",
                                  "t7", c))
        items.append(LineItem(label, "", n, (n,), 0, False, tuple(amts)))
    return Statement("t7", "", kind, "10-K", 9, 99, cols, tuple(items), tuple(facts), "")


def test_a_row_jumping_by_a_thousand_between_columns_fails() -> None:
    good = amounts_statement([("Sales", [("1,234", Decimal(1234000), 3, -3), ("1,198", Decimal(1198000), 3, -3)])])
    assert [c.ok for c in jump_checks(good)] == [True]
    bad = amounts_statement([("Sales", [("1,234", Decimal(1234000), 3, -3), ("1,198", Decimal(1198), 0, 0)])])
    assert [(c.kind, c.line, c.ok) for c in jump_checks(bad)] == [("scale-jump", 10, False)]
    small = amounts_statement([("Other", [("1", Decimal(1000), 3, -3), ("1,100", Decimal(1100000), 3, -3)])])
    assert [c.ok for c in jump_checks(small)] == [True]  # a genuine "1" next to "1,100" is no scale sign


def test_per_share_figures_read_as_money_fail() -> None:
    rows = [("Sales", [("1,234", Decimal(1234000), 3, -3), ("1,198", Decimal(1198000), 3, -3)]),
            ("Costs", [("934", Decimal(934000), 3, -3), ("898", Decimal(898000), 3, -3)]),
            ("Net income", [("300", Decimal(300000), 3, -3), ("300", Decimal(300000), 3, -3)]),
            ("Other", [("3", Decimal(3000), 3, -3), ("2", Decimal(2000), 3, -3)])]
    assert [c.ok for c in per_share_checks(amounts_statement(rows))] == [True]
    rows.append(("Net income a share", [("1.23", Decimal(1230), 3, -1), ("1.10", Decimal(1100), 3, -1)]))
    assert [(c.kind, c.line, c.ok) for c in per_share_checks(amounts_statement(rows))] == [
        ("per-share-as-money", 14, False)]


def test_whole_balance_sheet_figures_read_per_share_fail() -> None:
    def sheet_with(printed: str, value: str, decimals: int) -> Statement:
        f = fact("RetainedEarnings", DEC_2004, value, decimals=decimals, unit="USD/shares", line=12, label="Retained earnings")
        return stmt("t1", "balance", [f, fact("Assets", DEC_2004, "1000000", unit="USD", line=14)])

    checks = money_per_share_checks(sheet_with("9,260", "9260", 0))
    assert [(c.kind, c.line, c.ok) for c in checks] == [("money-as-per-share", 12, False)]
    assert [c.ok for c in money_per_share_checks(sheet_with("6.57", "6.57", 2))] == [True]  # book value per share
    assert money_per_share_checks(stmt("t2", "income", sheet_with("9,260", "9260", 0).facts)) == ()


def test_figures_of_an_undated_column_fail_the_column_check() -> None:
    rows = [("Sales", [("1,234", Decimal(1234000), 3, -3), ("1,198", Decimal(1198000), 3, -3)])]
    assert [c.ok for c in column_checks(amounts_statement(rows))] == [True]
    undated = amounts_statement(rows, periods=(FY_2004, None))
    assert [(c.kind, c.ok, c.expected) for c in column_checks(undated)] == [("column-periods", False, Decimal(1))]
    assert column_checks(amounts_statement(rows, kind="other", periods=(FY_2004, None))) == ()


BALANCE = ("Total assets                              1,000     900\n"
           "Total liabilities and stockholders' equity  1,000     900\n")


def test_balance_sides_mapped_to_one_concept_are_undetermined_not_passed() -> None:
    st = statement_from_text(BALANCE, "t1", [DEC_2003, JUN_2004], kind="balance")
    mapped = with_facts(st, [fact("Assets", p, v, line=line) for line, v in ((1, "1000000"), (2, "1000000"))
                             for p in (DEC_2003,)])
    assert [c.ok for c in balance_checks(report([st]))] == [True, True]
    checks = balance_checks(report([mapped]))  # both rows now read as total assets: nothing left to compare
    assert len(checks) >= 2 and {(c.kind, c.ok, c.undetermined) for c in checks} == {("balance-undetermined", False, True)}
    text = ("Cash                    1,000     900\n"
            "TOTAL                   1,000     900\n"
            "LIABILITIES AND EQUITY\n"
            "Equity                  1,000     900\n"
            "TOTAL                   1,000     900\n")
    st = statement_from_text(text, "t1", [DEC_2003, JUN_2004], kind="balance")
    assert [c.ok for c in balance_checks(report([st]))] == [True, True]
    same = with_facts(st, [fact("Assets", p, "1000000", line=line) for line in (2, 5) for p in (DEC_2003,)])
    checks = balance_checks(report([same]))
    assert [(c.kind, c.ok) for c in checks] == [("balance-undetermined", False)] * 2
    assert checks[0].description == "TOTAL = TOTAL: both sides are mapped to Assets"


def test_balance_date_missing_on_one_side_is_undetermined() -> None:
    text = ("Total assets                              1,000     900\n"
            "Total liabilities and stockholders' equity  1,000\n")
    checks = balance_checks(report([statement_from_text(text, "t1", [DEC_2003, JUN_2004], kind="balance")]))
    assert [(c.kind, c.period, c.ok) for c in checks] == [("balance", "@2003-12-31", True),
                                                          ("balance-undetermined", "@2004-06-30", False)]


def test_balance_with_candidate_totals_that_disagree_is_undetermined() -> None:
    text = BALANCE + "Total liabilities and stockholders' equity  1,200     900\n"
    checks = balance_checks(report([statement_from_text(text, "t1", [DEC_2003, JUN_2004], kind="balance")]))
    assert {c.kind for c in checks} == {"balance-undetermined"}
    assert "2 candidate totals (line 2, line 3) disagree" in checks[0].description


def test_total_assets_with_nothing_to_pair_is_undetermined() -> None:
    st = statement_from_text("Total assets    1,000     900\n", "t1", [DEC_2003, JUN_2004], kind="balance")
    assert [c.kind for c in balance_checks(report([st]))] == ["balance-undetermined"] * 2


def test_verdict_is_clean_only_when_nothing_failed_or_stayed_undetermined() -> None:
    ok = confidence_summary(report([sheet(), flows()]))
    assert ok["cash_tie"]["status"] == "ok" and "cash_tie" not in ok["verdict"]["failed"] + ok["verdict"]["undetermined"]
    assert ok["verdict"]["undetermined"] == ["balance"]  # a balance sheet without totals decides nothing
    bad = confidence_summary(report([sheet(), flows(end_2004="1000", unit="pure")]))
    assert bad["cash_tie"] | {"share": None} == {"status": "failed", "checked": 2, "ok": 1, "failed": 1,
                                                 "undetermined": 0, "share": None}
    assert bad["verdict"]["failed"] == ["cash_tie"] and not bad["verdict"]["clean"]
    moved = confidence_summary(report([sheet(), flows(period=Duration(date(2006, 1, 1), date(2006, 12, 31)))]))
    assert moved["verdict"]["undetermined"] == ["balance", "balance_dates", "cash_tie"] and not moved["verdict"]["clean"]


def test_check_roles_name_concepts_of_the_taxonomy() -> None:
    import csv

    from converter.checks.roles import ROLES_PATH, load_roles

    with (ROLES_PATH.parent / "concepts.csv").open(encoding="utf-8") as fh:
        names = {row["name"] for row in csv.DictReader(fh)}
    concepts = {c for (_, match), values in load_roles().items() if match == "concept" for c in values}
    assert concepts and concepts <= names, concepts - names
    assert {role for role, _ in load_roles()} >= {"cash", "cash_end", "cash_begin", "net_income", "weighted_shares"}


def test_a_malformed_roles_file_is_a_taxonomy_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from converter.checks.roles import load_roles
    from converter.errors import TaxonomyError

    bad = tmp_path / "check_roles.csv"
    bad.write_text("role,match,phrase\ncash,regex,cash\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"check_roles.csv:2: expected role,match,phrase"):
        load_roles(bad)
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_roles(tmp_path / "missing.csv")
