"""Self-checks on the shared filings converted by the real engine (one conversion per filing per session)."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from converter.checks.subtotals import SUBTOTAL, UNDETERMINED
from converter.checks.summary import confidence_summary
from converter.model import Report
from converter.writers.checks_out import checks_csv_text, confidence_json_text
from conftest import FILINGS

NAMES = sorted(p.stem for p in FILINGS.glob("*.txt"))
TARGET = 0.95  # issue 6: share of detected subtotals that reconcile, on every shared filing
BELOW_TARGET: dict[str, str] = {}  # known reader defects, measured against tests/fixtures/gold (see its NOTES.md)
# (bms_10-K_1993-12 was here: its five-year summary's totals, printed over only some of their parts, and Exhibit 11's
# whole shares read in millions; the summary's totals now add up in the balance sheet, Exhibit 11 is read as printed)


@lru_cache(maxsize=None)
def converted(name: str) -> Report:
    from converter.pipeline import convert_file

    return convert_file(FILINGS / f"{name}.txt")


@pytest.mark.parametrize("name", NAMES)
def test_checks_are_attached_and_report_printed_figures_unchanged(name: str) -> None:
    report = converted(name)
    assert report.checks, "the pipeline attaches the self-checks"
    printed = {(st.table_id, row.line): {a.value for a in row.amounts if a is not None}
               for st in report.statements for row in st.rows}
    for c in report.checks:
        if c.kind in (SUBTOTAL, UNDETERMINED):
            assert c.expected in printed[(c.table_id, c.line)], c  # the printed total, never a corrected one


@pytest.mark.parametrize("name", NAMES)
def test_summary_and_outputs_are_deterministic(name: str) -> None:
    from converter.pipeline import convert_file

    again = convert_file(FILINGS / f"{name}.txt")
    assert checks_csv_text(again) == checks_csv_text(converted(name))
    assert confidence_json_text(again) == confidence_json_text(converted(name))
    json.loads(confidence_json_text(again))


def test_reference_filing_reconciles_completely() -> None:
    s = confidence_summary(converted("colt_6-K_2004-07"))
    assert s["subtotals"]["figures"] >= 100
    assert (s["subtotals"]["failed"], s["subtotals"]["undetermined"], s["subtotals"]["share"]) == (0, 0, 1.0)
    assert s["balance"] == {"status": "ok", "unpaired_assets_totals": 0, "checked": 3, "ok": 3, "failed": 0,
                            "undetermined": 0, "share": 1.0}
    assert s["verdict"] == {"clean": True, "failed": [], "undetermined": [],
                            "not_checked": ["cash_tie", "ex27"]}  # a UK cash flow ends in net debt, not cash
    assert s["statements"]["t06_consolidated_balance_sheet"]["kind"] == "balance"


@pytest.mark.parametrize("name", ["apple_10-Q_1997-03", "sears_8-K_2004-07", "colt_6-K_2004-07"])
def test_balance_sheets_balance(name: str) -> None:
    assert confidence_summary(converted(name))["balance"]["status"] == "ok"


def test_bare_balance_totals_take_their_sides_and_their_equation_can_still_fail() -> None:
    # amazon prints "TOTAL" under the assets and under the liabilities and equity: the two bare grand totals are
    # Assets and LiabilitiesAndStockholdersEquity by the sheet's own identity, and the equation holds
    s = confidence_summary(converted("amazon_8-K_1998-08"))["balance"]
    assert (s["status"], s["ok"], s["failed"]) == ("ok", 4, 0)
    # mutation: the liabilities side's TOTAL misread by 1,000: the concepts are not given, and the check fails
    from converter.pipeline import convert_bytes

    data = (FILINGS / "amazon_8-K_1998-08.txt").read_bytes()
    lines = data.split(b"\n")
    at = [i for i, line in enumerate(lines) if line.startswith(b"TOTAL ") and b"3,086,238" in line][1]
    lines[at] = lines[at].replace(b"3,086,238", b"3,087,238")
    broken = confidence_summary(convert_bytes(b"\n".join(lines), "amazon_mutated.txt"))["balance"]
    assert broken["status"] == "failed" and broken["failed"] >= 1


def test_issue_12_net_loss_printed_without_parentheses_ties_once_its_sign_is_read() -> None:
    # "NET LOSS  $742,411" (no parentheses) was a positive NetIncomeLoss and failed its ties; read by its label's
    # sign it ties to the cash flow and to both parts of the equity statement
    report = converted("amazon_8-K_1998-08")
    ties = [c for c in report.checks if c.kind == "net-income-tie" and c.table_id == "t02_statements_of_operations"]
    assert sorted({(c.expected, c.computed, c.ok) for c in ties}) == [(-4200103, -4200103, True), (-742411, -742411, True)]
    assert len(ties) == 4  # the 1996 period from inception ties in both parts of the equity statement


def test_apple_schedule_reaches_the_report() -> None:
    report = converted("apple_10-Q_1997-03")
    assert [(f.label, f.amount.value) for f in report.extra_facts] == [
        ("CASH", 1273000000), ("SECURITIES", 186000000), ("RECEIVABLES", 1245000000)]
    s = confidence_summary(report)["ex27"]
    assert s["facts"] == 3 and s["failed"] == 0
    # CASH 1,273 and SECURITIES 186 are the balance sheet's first two rows; gross RECEIVABLES is not printed
    assert sorted(c.description.split(" = ")[0] for c in report.checks if c.kind == "ex27") == [
        "EX-27 <CASH> 1,273", "EX-27 <SECURITIES> 186"]


@pytest.mark.parametrize("name", NAMES)
def test_issue_6_subtotal_target(name: str, request: pytest.FixtureRequest) -> None:
    if name in BELOW_TARGET:
        request.applymarker(pytest.mark.xfail(reason=BELOW_TARGET[name], strict=False))
    s = confidence_summary(converted(name))["subtotals"]
    assert s["share"] is not None and s["share"] >= TARGET, s
