"""Label mapping: normalisation, aliases, context, extensions, XBRL signs, duplicates (gold-built Report)."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from converter.mapping.load import load_taxonomy
from converter.mapping.match import fact_data_type, map_report
from converter.mapping.normalise import camel_name, label_variants, normalise_label
from converter.model import (Amount, Column, Concept, Duration, Fact, FilingMeta, Instant, LineItem, QName, Report,
                             Span, Statement, Unit)

GOLD = Path(__file__).resolve().parent / "fixtures" / "gold" / "colt_6-K_2004-07.facts.csv"
PRIMARY = {"pl_3m": "income", "pl_6m": "income", "balance_sheet": "balance", "cash_flow": "cashflow",
           "strgl": "equity", "equity_changes": "equity"}
TITLES = {"cf_reconciliation_5a": "Reconciliation of operating loss to net cash inflow from operating activities",
          "strgl": "Consolidated Statement of Total Recognised Gains and Losses"}
KINDS = {**PRIMARY, "segments_3m_2003": "segment", "segments_3m_2004": "segment", "segments_6m_2003": "segment",
         "segments_6m_2004": "segment"}
META = FilingMeta("6-K", "SAMPLE TELECOM GROUP PLC", "1000001", date(2004, 6, 30), "1231", date(2004, 7, 29),
                  "0000000000-04-000001")


def unit_of(text: str) -> Unit:
    """Gold unit spelling -> Unit."""
    num, _, den = text.partition("/")
    return Unit((num,), (den,) if den else ())


def provisional(label: str, unit: Unit, period_kind: str) -> Concept:
    """The engine's provisional extension concept."""
    dtype = fact_data_type(unit)
    return Concept(QName("ext", "http://edgar2xbrl.invalid/provisional", camel_name(label or "Amount")), dtype,
                   period_kind, None, label, extension=True)


def gold_report(tables: set[str] | None = None) -> Report:
    """A Report built from the hand-checked gold facts, grouped into statements by table."""
    by_table: dict[str, list[Fact]] = defaultdict(list)
    with GOLD.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if tables is not None and r["table_id"] not in tables:
                continue
            unit = unit_of(r["unit"])
            period = (Instant(date.fromisoformat(r["end"])) if r["period_type"] == "instant"
                      else Duration(date.fromisoformat(r["start"]), date.fromisoformat(r["end"])))
            dims = tuple(sorted(tuple(p.split("=", 1)) for p in r["dims"].split(";") if p))
            line = int(r["line"])
            amount = Amount(r["presented"], Decimal(r["value"]), int(r["scale"]), int(r["decimals"]),
                            Span(line, 0, len(r["presented"])), None)
            by_table[r["table_id"]].append(Fact(provisional(r["row_label"], unit, period.kind), period, unit, dims,
                                                amount, r["row_label"], r["section"], r["table_id"], 0))
    statements = []
    for tid, facts in by_table.items():
        rows = tuple(LineItem(f.label, f.section, f.line, (f.line,), 0, False, ()) for f in facts)
        col = Column(0, facts[0].period, facts[0].unit, 3, (), "", (0, 0))
        statements.append(Statement(tid, TITLES.get(tid, ""), KINDS.get(tid, "other"), "6-K", facts[0].line,
                                    facts[-1].line, (col,), rows, tuple(facts), "GBP'000"))
    statements.sort(key=lambda s: s.first_line)
    return Report(source="tests/fixtures/filings/sample_6-K.txt", meta=META, statements=tuple(statements),
                  diagnostics=())


def gold_tiers() -> dict[tuple[str, int], str]:
    with GOLD.open(encoding="utf-8") as fh:
        return {(r["table_id"], int(r["line"])): r["tier"] for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def mapped(taxonomy):
    return map_report(gold_report(), taxonomy)


@pytest.mark.parametrize("printed, key", [
    ("Profit/(loss) on ordinary activites before taxation", "profit on ordinary activities before taxation"),
    ("Loss on ordinary activities before taxation", "profit on ordinary activities before taxation"),
    ("Selling, general & administrative", "selling general and administrative"),
    ("Deferred compensation (i), (ii)", "deferred compensation"),
    ("EBITDA (1)", "ebitda"),
    ("Net cash (outflow)/ inflow from financing", "net cash inflow from financing"),
    ("Interest expense b/", "interest expenses"),
])
def test_normalise_label(taxonomy, printed, key):
    assert normalise_label(printed, taxonomy.typos, taxonomy.synonyms) == key


def test_label_variants_drop_parentheticals_and_total(taxonomy):
    assert label_variants("Loss for the period (before exceptional items)", taxonomy.typos, taxonomy.synonyms) == (
        "profit for period before exceptional items", "profit for period")
    assert "current assets" in label_variants("Total current assets", taxonomy.typos, taxonomy.synonyms)


def test_every_core_primary_cell_maps_to_a_taxonomy_concept(mapped):
    tiers = gold_tiers()
    bad = [(f.table_id, f.line, f.label, f.section, str(f.concept.qname)) for f in mapped.facts
           if f.table_id in PRIMARY and tiers[(f.table_id, f.line)] == "core" and f.concept.extension]
    assert bad == []
    assert sum(1 for f in mapped.facts if f.table_id in PRIMARY) == 399


def test_no_fact_lost_and_unknown_rows_become_extensions(mapped):
    assert len(mapped.facts) == 923
    ebitda = [f for f in mapped.facts if f.label == "EBITDA (1)"]
    assert ebitda and all(f.concept.extension and f.concept.qname.local == "Ebitda" for f in ebitda)
    assert any(m.status == "extension" and m.label == "EBITDA (1)" for m in mapped.mappings)
    assert any(d.code == "mapping.extension" for d in mapped.diagnostics)


@pytest.mark.parametrize("table, label, section, concept", [
    ("pl_3m", "Turnover", "", "Revenues"),
    ("pl_3m", "", "Cost of sales", "CostOfRevenue"),
    ("pl_3m", "", "Other income (expense)", "NonoperatingIncomeExpense"),
    ("pl_3m", "Interest receivable", "Other income (expense)", "InvestmentIncomeInterest"),
    ("pl_6m", "Selling, general & administrative", "Operating expenses", "SellingGeneralAndAdministrativeExpense"),
    ("pl_3m", "Profit/(loss) on ordinary activites before taxation", "", "IncomeLossBeforeIncomeTaxes"),
    ("strgl", "Exchange differences", "", "OtherComprehensiveIncomeForeignCurrencyTranslation"),
    ("cf_reconciliation_5a", "Exchange differences", "", "ForeignExchangeNoncashAdjustment"),
    ("balance_sheet", "Shares to be issued", "Capital and reserves", "SharesToBeIssued"),
    ("equity_changes", "Shares to be issued", "", "SharesToBeIssuedPeriodIncreaseDecrease"),
    ("equity_changes", "Opening equity shareholders' funds", "", "StockholdersEquity"),
    ("loss_per_share", "Weighted average number of ordinary shares ('000)", "",
     "WeightedAverageNumberOfSharesOutstandingBasicAndDiluted"),
    ("key_financial_data", "Loss for the period (before exceptional items)", "", "NetIncomeLoss"),
])
def test_context_decides_the_concept(mapped, table, label, section, concept):
    got = {f.concept.qname.local for f in mapped.facts if (f.table_id, f.label, f.section) == (table, label, section)}
    assert got == {concept}


def test_percent_row_is_not_the_monetary_concept(mapped):
    pct = {f.concept for f in mapped.facts if f.label == "Gross profit before depreciation %"}
    assert len(pct) == 1 and next(iter(pct)).extension and next(iter(pct)).data_type == "pure"


def test_signs_follow_balance_and_presentation(mapped):
    def value(table, label, section=""):
        return [f.xbrl_value for f in mapped.facts if (f.table_id, f.label, f.section) == (table, label, section)]
    assert value("pl_3m", "Interconnect and network", "Cost of sales")[-1] == Decimal("371634000")  # cost printed (x)
    assert value("pl_3m", "Operating loss")[-1] == Decimal("-26143000")  # a loss stays negative
    assert value("balance_sheet", "Accumulated depreciation", "Fixed assets")[0] == Decimal("1590218000")  # contra
    assert value("balance_sheet", "Profit and loss account", "Capital and reserves")[0] == Decimal("-1518339000")
    assert value("cash_flow", "Purchase of tangible fixed assets", "Capital expenditure and financial investment")[
        0] == Decimal("33762000")
    assert value("cf_reconciliation_5a", "(Increase)/ decrease in debtors")[0] == Decimal("882000")
    assert value("cf_reconciliation_5a", "Operating loss")[0] == Decimal("-23587000")


def test_inconsistent_duplicates_are_flagged_and_renamed(taxonomy):
    rep = gold_report({"pl_3m", "usgaap_net_loss_7a"})
    # make the US GAAP note print a different "Loss for period" than the P&L
    st = rep.statements[1]
    from dataclasses import replace
    facts = tuple(replace(f, amount=replace(f.amount, value=f.amount.value - 5000)) if f.label == "Loss for period"
                  else f for f in st.facts)
    rep = replace(rep, statements=(rep.statements[0], replace(st, facts=facts)))
    out = map_report(rep, taxonomy)
    moved = {f.concept.qname.local for f in out.facts if f.table_id == "usgaap_net_loss_7a"
             and f.label == "Loss for period" and f.period.start.month == 4}
    assert moved and "NetIncomeLoss" not in moved
    assert any(d.code == "mapping.duplicate-conflict" for d in out.diagnostics)
    assert any(m.status == "ambiguous" and "differs" in m.note for m in out.mappings)


def test_consistent_duplicates_across_scales_keep_the_concept(mapped):
    turnover = {f.concept.qname.local for f in mapped.facts if f.label == "Turnover"}
    assert turnover == {"Revenues"}


def test_extension_names_never_carry_two_types(mapped):
    types: dict[QName, set] = defaultdict(set)
    for f in mapped.facts:
        types[f.concept.qname].add((f.concept.data_type, f.concept.period_type))
    assert all(len(v) == 1 for v in types.values())


def test_mapping_is_deterministic(taxonomy):
    a, b = map_report(gold_report(), taxonomy), map_report(gold_report(), taxonomy)
    assert a == b
