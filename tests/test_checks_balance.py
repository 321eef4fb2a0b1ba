"""Balance-sheet checks: labelled totals, concept-tagged totals, and two unlabelled grand totals."""

from __future__ import annotations

from decimal import Decimal

from converter.checks.balance import balance_checks, row_role
from test_checks_support import (DEC_2003, JUN_2004, MAR_1997, SEP_1996, excerpt_statement, report,
                                 statement_from_text)


def test_labelled_totals_of_a_single_table_balance() -> None:
    st = excerpt_statement("colt_balance_2004.txt", "t05_balance", [DEC_2003, JUN_2004, JUN_2004], kind="balance")
    checks = balance_checks(report([st]))
    assert [(c.period, c.ok) for c in checks] == [("@2003-12-31", True), ("@2004-06-30", True), ("@2004-06-30", True)]
    assert checks[0].expected == checks[0].computed == Decimal("2423038000")
    assert checks[0].description == "Total assets = Total liabilities, capital and reserves"
    assert checks[0].line == 32


def test_two_tables_with_unlabelled_grand_totals() -> None:
    kw = {"currency": "USD", "scale": 6, "kind": "balance"}
    assets = excerpt_statement("apple_balance_1997.txt", "t02_balance", [MAR_1997, SEP_1996], **kw)
    liabs = excerpt_statement("apple_liabilities_1997.txt", "t03_balance", [MAR_1997, SEP_1996], **kw)
    checks = balance_checks(report([assets, liabs]))
    assert [(c.table_id, c.period, c.expected, c.ok) for c in checks] == [
        ("t03_balance", "@1997-03-28", Decimal("4487000000"), True),
        ("t03_balance", "@1996-09-27", Decimal("5364000000"), True),
    ]


def test_assets_against_liabilities_plus_equity_and_a_failure() -> None:
    text = ("Total assets                    1,000     900\n"
            "Total liabilities                 600     500\n"
            "Total stockholders' equity        400     450\n")
    st = statement_from_text(text, "t1", [DEC_2003, JUN_2004], kind="balance")
    checks = balance_checks(report([st]))
    assert [(c.ok, c.expected, c.computed) for c in checks] == [
        (True, Decimal("1000000"), Decimal("1000000")), (False, Decimal("900000"), Decimal("950000"))]
    assert checks[0].description == "Total assets = Total liabilities + Total stockholders' equity"


def test_only_balance_statements_are_read() -> None:
    st = excerpt_statement("colt_balance_2004.txt", "t1", [DEC_2003, JUN_2004, JUN_2004], kind="other")
    assert balance_checks(report([st])) == ()


def test_roles_from_labels_and_concepts() -> None:
    assert row_role("Total liabilities and shareholders' equity", []) == "total_liabilities_equity"
    assert row_role("TOTAL ASSETS", []) == "total_assets"
    assert row_role("Total liabilities", []) == "total_liabilities"
    assert row_role("Net assets", ["Assets"]) == "total_assets"
    assert row_role("Total current assets", []) == ""


def test_bare_total_rows_closing_each_part_of_one_table() -> None:
    # amazon_8-K_1998-08.txt lines 328-381 in short: "TOTAL" closes the assets, then the liabilities and equity
    text = ("CURRENT ASSETS:\n"
            "Cash and equivalents                $1,576,716   $2,415,200\n"
            "Other assets                          1,509,522    1,373,059\n"
            "TOTAL                               $3,086,238   $3,788,259\n"
            "LIABILITIES AND STOCKHOLDERS' EQUITY\n"
            "Total current liabilities             1,096,465      335,736\n"
            "LINE OF CREDIT                          179,310       48,866\n"
            "Total stockholders' equity            1,810,463    3,403,657\n"
            "TOTAL                               $3,086,238   $3,788,259\n")
    st = statement_from_text(text, "t01", [DEC_2003, JUN_2004], currency="USD", scale=0, kind="balance")
    checks = balance_checks(report([st]))
    assert [(c.line, c.ok, c.expected) for c in checks] == [(9, True, Decimal("3086238")), (9, True, Decimal("3788259"))]
    assert checks[0].description == "TOTAL = TOTAL"


def test_a_summary_table_never_pairs_with_a_balance_sheet_printed_pages_later() -> None:
    # bms_10-K_1997-12 in short: a five-year "financial position" summary, the income statement, then the balance
    # sheet's assets page and its liabilities page, each closed by an unlabelled total
    kw = {"currency": "USD", "scale": 6, "kind": "balance"}
    summary = statement_from_text("Current assets       700     650\nTotal assets       1,000     900\n"
                                  "Total liabilities    600     500\n", "t10_summary", [DEC_2003, JUN_2004], **kw)
    income = statement_from_text("Net sales          5,000   4,000\n", "t12_income", [None, None], currency="USD",
                                 scale=6, kind="income")
    assets = statement_from_text("Cash                 400     300\nOther                600     600\n"
                                 "                   1,000     900\n", "t14_balance", [DEC_2003, JUN_2004], **kw)
    liabilities = statement_from_text("Liabilities          600     500\nEquity               400     400\n"
                                      "                   1,000     900\n", "t15_balance", [DEC_2003, JUN_2004], **kw)
    checks = balance_checks(report([summary, income, assets, liabilities]))
    decided = [(c.table_id, c.ok, c.expected) for c in checks if not c.undetermined]
    assert decided == [("t15_balance", True, Decimal("1000000000")), ("t15_balance", True, Decimal("900000000"))]
    assert {c.table_id for c in checks if c.undetermined} == {"t10_summary"}  # nothing of its own to compare with
