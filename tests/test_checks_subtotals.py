"""Subtotal self-checks on excerpts of the shared filings (statements built by hand, no engine needed)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from converter.checks.subtotals import RUNNING, SUBTOTAL, UNDETERMINED, half_unit, statement_checks
from test_checks_support import (DEC_2003, H1_2003, H1_2004, JUN_2004, MAR_1997, Q2_2003, Q2_2004, SEP_1996,
                                 excerpt_statement, statement_from_text)

CASES = {
    "colt_pl_q2_2004.txt": ([Q2_2003] * 3 + [Q2_2004] * 2, {}),
    "colt_balance_2004.txt": ([DEC_2003, JUN_2004, JUN_2004], {}),
    "colt_cashflow_2004.txt": ([Q2_2003, Q2_2004, Q2_2004, H1_2003, H1_2004, H1_2004], {}),
    "apple_balance_1997.txt": ([MAR_1997, SEP_1996], {"currency": "USD", "scale": 6}),
    "apple_liabilities_1997.txt": ([MAR_1997, SEP_1996], {"currency": "USD", "scale": 6}),
    "apple_income_1997.txt": ([Q2_2003] * 4, {"currency": "USD", "scale": 6}),
    "colt_segments_q2_2003.txt": ([Q2_2003] * 6, {}),
    "sears_balance_2004.txt": ([JUN_2004] * 3, {"currency": "USD", "scale": 6}),
}


def _checks(name: str):  # type: ignore[no-untyped-def]
    periods, kw = CASES[name]
    return statement_checks(excerpt_statement(name, "t1", periods, **kw))


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_printed_subtotal_of_the_excerpts_reconciles(name: str) -> None:
    checks = [c for c in _checks(name) if c.kind in (SUBTOTAL, UNDETERMINED)]
    assert checks, "each excerpt has flagged subtotals"
    bad = [(c.line, c.description, c.expected, c.computed) for c in checks if not c.ok]
    assert bad == []


def test_balance_sheet_components_are_found_by_layout() -> None:
    by_line = {}
    for c in _checks("colt_balance_2004.txt"):
        by_line.setdefault(c.line, c)
    # "Total fixed assets" uses the net row, which stands in for cost and depreciation (a running total)
    assert by_line[7].kind == RUNNING and "Tangible fixed assets (cost) + Accumulated depreciation" in by_line[7].description
    assert "Intangible fixed assets (net) + Tangible fixed assets (net) + Investments in own shares" in by_line[9].description
    assert by_line[16].description.startswith("Total assets = Total fixed assets + Total current assets")
    assert by_line[31].description.startswith("Total creditors = Amounts falling due within one year + Total amounts")
    # the grand total reaches back over a closed section: equity funds + provisions + creditors
    assert ("Equity shareholders' funds + Provisions for liabilities and charges + Total creditors"
            in by_line[32].description)
    assert by_line[32].expected == Decimal("2423038000") == by_line[32].computed
    assert by_line[32].period == "@2003-12-31"


def test_one_check_per_subtotal_cell() -> None:
    checks = [c for c in _checks("colt_cashflow_2004.txt") if c.kind == SUBTOTAL]
    assert [c.line for c in checks] == [18] * 6
    assert [c.expected for c in checks] == [Decimal(v) * 1000 for v in (-5099, 14944, 27088, -6671, 14857, 26930)]
    assert checks[3].period == "2003-01-01..2003-06-30"


def test_a_wrong_total_is_reported_not_corrected() -> None:
    # four components and a total in thousands: rounding allows 5 x 500 = 2,500; 3,000 off is an error
    text = (excerpt_text("colt_balance_2004.txt")
            .replace("Total current assets                     1,069,065", "Total current assets                     1,069,068"))
    st = statement_from_text(text, "t1", [DEC_2003, JUN_2004, JUN_2004])
    checks = statement_checks(st)
    failed = [c for c in checks if not c.ok]
    # the wrong subtotal fails, and so does "Total assets", which adds the printed (wrong) subtotal
    assert [(c.line, c.period) for c in failed] == [(15, "@2003-12-31"), (16, "@2003-12-31")]
    assert failed[0].expected == Decimal("1069068000") and failed[0].computed == Decimal("1069065000")
    # the statement itself is untouched
    assert next(r for r in st.rows if r.line == 15).amounts[0].value == Decimal("1069068000")
    assert [c.ok for c in checks if c.line == 15] == [False, True, True]


def test_a_subtotal_without_components_is_undetermined() -> None:
    text = "Revenue\n                 1,000    2,000\nCosts      (400)    (500)\n"
    st = statement_from_text(text, "t1", [Q2_2003, Q2_2004])
    checks = statement_checks(st)
    assert [c.kind for c in checks] == [UNDETERMINED, UNDETERMINED]
    assert not any(c.ok for c in checks)


def test_rounding_tolerance_comes_from_printed_decimals() -> None:
    assert half_unit(-3) == Decimal(500)
    assert half_unit(2) == Decimal("0.005")
    # figures in millions with one decimal: 10.1 + 20.1 + 30.1 = 60.3, printed total 60.4 (rounded separately)
    text = "Sales\nA      10.1\nB      20.1\nC      30.1\nTotal  60.4\n"
    st = statement_from_text(text, "t1", [Q2_2004])
    ok = [c for c in statement_checks(st) if c.kind == SUBTOTAL]
    assert len(ok) == 1 and ok[0].ok
    far = statement_from_text(text.replace("60.4", "60.6"), "t1", [Q2_2004])
    assert [c.ok for c in statement_checks(far) if c.kind == SUBTOTAL] == [False]


def test_per_share_rows_do_not_take_part_in_money_totals() -> None:
    checks = _checks("colt_pl_q2_2004.txt")
    assert not any(c.line == 22 for c in checks)  # the loss-per-share row is neither a total nor a component


def excerpt_text(name: str) -> str:
    from test_checks_support import EXCERPTS

    return (EXCERPTS / name).read_text(encoding="utf-8")


def test_a_less_row_printed_positive_is_subtracted() -> None:
    checks = _checks("sears_balance_2004.txt")
    net = [c for c in checks if c.line == 9]
    assert net and all(c.kind == RUNNING for c in net)
    assert net[0].description.startswith("Net credit card receivables = Domestic credit card receivables + Sears "
                                         "Canada credit card receivables - Less allowance")
    assert [c.computed for c in net] == [Decimal("1782000000"), Decimal("29361000000"), Decimal("1956000000")]


def test_a_running_total_must_add_up_exactly() -> None:
    # C happens to be A + B within rounding; it must not be taken for a running total hiding A and B
    text = "Sales\nA      10.1\nB      20.1\nC      30.1\nTotal  60.6\n"
    checks = statement_checks(statement_from_text(text, "t1", [Q2_2004]))
    assert [(c.kind, c.ok, c.computed) for c in checks] == [(SUBTOTAL, False, Decimal("60.3"))]
