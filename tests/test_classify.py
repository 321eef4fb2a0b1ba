"""Statement classification by title, row labels and column periods."""

from __future__ import annotations

import pytest

from converter.interpret.classify import classify_statement, kind_scores, load_keywords, normalise
from test_checks_support import EXCERPTS


def _labels(name: str) -> list[str]:
    out = []
    for ln in (EXCERPTS / name).read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            out.append(" ".join(w for w in ln.split() if not any(ch.isdigit() for ch in w) and w not in "$--"))
    return out


@pytest.mark.parametrize("title, excerpt, periods, kind", [
    ("Consolidated Profit and Loss Account", "colt_pl_q2_2004.txt", ["duration"] * 5, "income"),
    ("Consolidated Balance Sheet", "colt_balance_2004.txt", ["instant"] * 3, "balance"),
    ("Consolidated Cash Flow Statement", "colt_cashflow_2004.txt", ["duration"] * 6, "cashflow"),
    ("CONSOLIDATED STATEMENTS OF OPERATIONS (Unaudited)", "apple_income_1997.txt", ["duration"] * 4, "income"),
    ("CONSOLIDATED BALANCE SHEETS ASSETS", "apple_balance_1997.txt", ["instant"] * 2, "balance"),
    ("LIABILITIES AND SHAREHOLDERS' EQUITY", "apple_liabilities_1997.txt", ["instant"] * 2, "balance"),
])
def test_titled_statements(title: str, excerpt: str, periods: list[str], kind: str) -> None:
    assert classify_statement(title, _labels(excerpt), periods) == kind


@pytest.mark.parametrize("excerpt, periods, kind", [
    ("colt_pl_q2_2004.txt", ["duration"] * 5, "income"),
    ("colt_balance_2004.txt", ["instant"] * 3, "balance"),
    ("colt_cashflow_2004.txt", ["duration"] * 6, "cashflow"),
    ("apple_income_1997.txt", ["duration"] * 4, "income"),
    ("apple_balance_1997.txt", ["instant"] * 2, "balance"),
    ("apple_liabilities_1997.txt", ["instant"] * 2, "balance"),
])
def test_untitled_statements_are_classified_by_content(excerpt: str, periods: list[str], kind: str) -> None:
    assert classify_statement("", _labels(excerpt), periods) == kind


def test_equity_statement_titles() -> None:
    labels = ["Loss for period", "Exchange differences", "Total recognised losses"]
    assert classify_statement("Consolidated Statement of Total Recognised Gains and Losses", labels,
                              ["duration"] * 6) == "equity"
    labels = ["Loss for period", "Issue of share capital", "Shares to be issued", "Exchange differences",
              "Net changes in equity shareholders' funds", "Opening equity shareholders' funds",
              "Closing equity shareholders' funds"]
    assert classify_statement("", labels, ["duration"] * 6) == "equity"


def test_segment_and_other_tables() -> None:
    labels = ["Switched", "Non-switched", "Other", "Total"]
    assert classify_statement("", labels, ["duration"] * 6) == "other"
    assert classify_statement("Segmental information", labels, ["duration"] * 6) == "segment"
    assert classify_statement("Segment information", ["Revenues", "Operating income", "Total assets"],
                              ["duration"] * 3) == "segment"


def test_a_balance_sheet_title_over_duration_columns_is_not_a_balance_sheet() -> None:
    # content wins over the title: columns of periods of time cannot be balances
    labels = ["Net cash provided by operating activities", "Purchases of property", "Net cash used in investing "
              "activities"]
    assert classify_statement("Balance sheet and cash flow data", labels, ["duration"] * 2) == "cashflow"
    scores = kind_scores("Balance sheet", [], ["duration"])
    assert scores["balance"] < 2


def test_keywords_file_is_well_formed() -> None:
    kws = load_keywords()
    assert kws
    wheres = {k.where for k in kws}
    assert {"title", "label", "total_assets", "total_liabilities_equity"} <= wheres
    assert all(k.phrase == normalise(k.phrase) or k.where.startswith("concept:") for k in kws)
    assert len({(k.kind, k.where, k.phrase) for k in kws}) == len(kws)


def test_instant_columns_alone_do_not_make_a_balance_sheet() -> None:
    labels = ["1994", "1995", "1996", "Thereafter"]
    assert classify_statement("", labels, ["instant"] * 2) == "other"
    assert classify_statement("", ["Inventories", "Accounts payable"], ["instant"] * 2) == "balance"


@pytest.mark.parametrize("title,kind", [
    ("CONSOLIDATED STATEMENTS OF CONDITION", "balance"), ("STATEMENT OF NET ASSETS", "balance"),
    ("STATEMENTS OF REVENUES AND EXPENSES", "income"), ("STATEMENTS OF PARTNERS' CAPITAL", "equity"),
    ("CONSOLIDATED STATEMENTS OF SHAREHOLDERS' INVESTMENT", "equity"), ("STATEMENTS OF MEMBERS' EQUITY", "equity"),
    ("STATEMENT OF STOCKHOLDERS' DEFICIT", "equity"),
    ("CONSOLIDATED STATEMENTS OF OPERATIONS AND CHANGES IN STOCKHOLDERS' DEFICIT", "income"),  # a combined statement
])
def test_titles_of_banks_partnerships_and_development_stage_companies(title: str, kind: str) -> None:
    assert classify_statement(title, [], []) == kind
