"""Calculation checks: Calculations 1.1 intervals, group activation, dimension member sums."""

from __future__ import annotations

import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from converter.checks.calc import active_groups, calc_checks
from converter.mapping.load import load_taxonomy
from converter.mapping.match import map_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_mapping import gold_report  # noqa: E402


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def test_gold_report_checks_all_reconcile(tax):
    checks = calc_checks(map_report(gold_report(), tax), tax)
    assert {c.kind for c in checks} == {"calc", "dimension"}
    assert len(checks) > 200 and all(c.ok for c in checks)
    gp = [c for c in checks if c.description.startswith("Gross profit = Turnover - ") and c.table_id == "pl_3m"]
    assert gp and gp[0].expected == gp[0].computed


def test_a_wrong_subtotal_is_reported_with_its_figures(tax):
    report = gold_report({"balance_sheet"})
    st = report.statements[0]
    facts = tuple(replace(f, amount=replace(f.amount, value=f.amount.value + 2000000))
                  if f.label == "Total current assets" else f for f in st.facts)
    checks = calc_checks(map_report(replace(report, statements=(replace(st, facts=facts),)), tax), tax)
    bad = [c for c in checks if not c.ok]
    assert bad and all(c.expected - c.computed == Decimal(2000000) for c in bad if "[current_assets]" in c.description)


def test_rounding_follows_calculations_1_1(tax):
    # key financial data in GBP m (decimals -5) duplicates the P&L in GBP'000: consistent, checks still pass
    checks = calc_checks(map_report(gold_report({"key_financial_data", "pl_3m"}), tax), tax)
    assert checks and all(c.ok for c in checks)


def test_a_group_is_active_only_when_its_required_parts_are_printed(tax):
    groups = active_groups(map_report(gold_report({"cash_flow"}), tax), tax)
    assert "cash_change_uk" in groups and "cash_change_us" not in groups


def test_segment_totals_equal_member_sums(tax):
    checks = calc_checks(map_report(gold_report({"segments_3m_2003"}), tax), tax)
    dims = [c for c in checks if c.kind == "dimension"]
    assert any("region total = central + north + south" in c.description for c in dims)
    assert all(c.ok for c in dims)
