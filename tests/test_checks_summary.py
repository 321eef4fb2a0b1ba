"""EX-27 cross-checks, the confidence summary and the 'checks' writer (checks.csv, confidence.json)."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from converter.checks.ex27_check import ex27_checks
from converter.checks.summary import all_checks, confidence_summary
from converter.model import Duration
from converter.pipeline import write_report
from converter.readers.edgar_text import read_filing_bytes
from converter.readers.ex27 import parse_ex27
from converter.writers import WRITERS
from test_checks_support import (DEC_2003, EXCERPTS, JUN_2004, MAR_1997, Q2_2003, Q2_2004, SEP_1996,
                                 excerpt_statement, fact, report, with_facts)

USD6 = {"currency": "USD", "scale": 6, "kind": "balance"}


def _apple_ex27():  # type: ignore[no-untyped-def]
    path = EXCERPTS / "apple_ex27_1997.txt"
    facts, _ = parse_ex27(read_filing_bytes(path.read_bytes(), path.name))
    return facts


def _apple_balance():  # type: ignore[no-untyped-def]
    assets = excerpt_statement("apple_balance_1997.txt", "t02_balance", [MAR_1997, SEP_1996], **USD6)
    liabs = excerpt_statement("apple_liabilities_1997.txt", "t03_balance", [MAR_1997, SEP_1996], **USD6)
    return assets, liabs


def test_ex27_values_agree_with_the_balance_sheet() -> None:
    assets, liabs = _apple_balance()
    # the engine would tag these rows; here the facts are made by hand from the excerpt's figures
    cash = fact("CashAndCashEquivalentsAtCarryingValue", MAR_1997, "1273000000", -6, "USD", "t02_balance",
                "Cash and cash equivalents", 3)
    sti = fact("ShortTermInvestments", MAR_1997, "188000000", -6, "USD", "t02_balance", "Short-term investments", 4)
    assets = with_facts(assets, [cash, sti])
    ex = _apple_ex27()
    checks = ex27_checks(report([assets, liabs], ex))
    assert [(c.kind, c.line, c.ok, c.expected, c.computed, c.period) for c in checks] == [
        ("ex27", 3, True, Decimal("1273000000"), Decimal("1273000000"), "@1997-03-28"),
        ("ex27", 4, False, Decimal("186000000"), Decimal("188000000"), "@1997-03-28"),
    ]
    assert checks[0].description.startswith("EX-27 <CASH> 1,273 = Cash and cash equivalents (t02_balance line 3)")


def test_ex27_total_assets_falls_back_on_the_printed_grand_total() -> None:
    assets, liabs = _apple_balance()
    ex = fact("Assets", MAR_1997, "4487000000", -6, "USD", "ex27", "TOTAL-ASSETS", 9)
    checks = ex27_checks(report([assets, liabs], [ex]))
    assert [(c.table_id, c.line, c.ok) for c in checks] == [("t02_balance", 24, True)]


def test_ex27_flows_match_across_a_52_week_year_start() -> None:
    pl = excerpt_statement("apple_income_1997.txt", "t01_income", [Q2_2003] * 4, **{**USD6, "kind": "income"})
    six = Duration(MAR_1997.date.replace(year=1996, month=9, day=28), MAR_1997.date)
    stmt = fact("NetIncomeLoss", six, "-828000000", -6, "USD", "t01_income", "Net loss", 15)
    ex = fact("NetIncomeLoss", Duration(six.start.replace(day=29), six.end), "-828000000", -6, "USD", "ex27",
              "NET-INCOME", 30)
    checks = ex27_checks(report([with_facts(pl, [stmt])], [ex]))
    assert [c.ok for c in checks] == [True]


def test_summary_counts_subtotals_balance_and_ex27() -> None:
    assets, liabs = _apple_balance()
    pl = excerpt_statement("colt_pl_q2_2004.txt", "t01_pl", [Q2_2003] * 3 + [Q2_2004] * 2, kind="income")
    r = report([pl, assets, liabs], _apple_ex27())
    s = confidence_summary(r)
    json.dumps(s)  # serialisable
    assert s["statements"]["t01_pl"] == {
        "kind": "income", "figures": 15, "reconciled": 15, "failed": 0, "undetermined": 0, "share": 1.0,
        "share_of_all": 1.0, "rows": 3, "rows_reconciled": 3, "rows_failed": 0, "rows_undetermined": 0,
        "running_totals": 15}
    assert s["statements"]["t02_balance"]["rows"] == 4
    assert s["subtotals"]["figures"] == 15 + 8 + 6
    assert s["balance"] == {"status": "ok", "unpaired_assets_totals": 0, "checked": 2, "ok": 2, "failed": 0,
                            "undetermined": 0, "share": 1.0}
    assert s["ex27"] == {"facts": 3, "unmatched": 3, "checked": 0, "ok": 0, "failed": 0, "undetermined": 0,
                         "share": None}
    assert s["cross_table"]["checked"] == 0


def test_summary_separates_undetermined_subtotals() -> None:
    from test_checks_support import statement_from_text

    st = statement_from_text("Revenue\n          1,000    2,000\nA   1   2\nB   3   4\nTotal  4  9\n", "t1",
                             [Q2_2003, Q2_2004])
    s = confidence_summary(report([st]))["statements"]["t1"]
    assert (s["reconciled"], s["failed"], s["undetermined"], s["share"], s["share_of_all"]) == (1, 1, 2, 0.5, 0.25)
    assert confidence_summary(report([st]))["balance"]["status"] == "no balance sheet"


def test_checks_writer_is_registered_and_deterministic(tmp_path: Path) -> None:
    assert "checks" in WRITERS
    pl = excerpt_statement("colt_balance_2004.txt", "t05_balance", [DEC_2003, JUN_2004, JUN_2004], kind="balance")
    r = report([pl])
    r = replace(r, checks=all_checks(r))
    written = write_report(r, tmp_path / "a", ["checks"])
    assert sorted(p.name for p in written) == ["checks.csv", "confidence.json"]
    write_report(r, tmp_path / "b", ["checks"])
    for name in ("checks.csv", "confidence.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = list(csv.DictReader((tmp_path / "a" / "checks.csv").open(encoding="utf-8")))
    total_assets = [x for x in rows if x["line"] == "16" and x["kind"] == "subtotal"]
    assert total_assets[0] == {
        "kind": "subtotal", "table_id": "t05_balance", "line": "16", "period": "@2003-12-31", "ok": "yes",
        "expected": "2423038000", "computed": "2423038000", "difference": "0",
        "description": "Total assets = Total fixed assets + Total current assets [section]"}
    assert {x["kind"] for x in rows} == {"subtotal", "running-total", "balance", "column-periods", "scale-jump",
                                         "per-share-as-money"} - {"per-share-as-money", "scale-jump"}
    assert [x["ok"] for x in rows if x["kind"] == "column-periods"] == ["no"] * 3  # hand-made: no facts
    summary = json.loads((tmp_path / "a" / "confidence.json").read_text(encoding="utf-8"))
    assert summary["balance"]["status"] == "ok" and summary["subtotals"]["share"] == 1.0


def test_ex27_check_follows_the_mapping_file_even_if_the_concept_was_renamed() -> None:
    assets, liabs = _apple_balance()
    cash = fact("CashAndCashEquivalentsAtCarryingValue", MAR_1997, "1273000000", -6, "USD", "t02_balance",
                "Cash and cash equivalents", 3)
    ex = [replace(f, concept=replace(f.concept, qname=replace(f.concept.qname, local="Cash"), extension=True))
          for f in _apple_ex27()]
    checks = ex27_checks(report([with_facts(assets, [cash]), liabs], ex))
    assert [(c.line, c.ok) for c in checks] == [(3, True)]
