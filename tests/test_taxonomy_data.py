"""The local taxonomy's own consistency: unique keys, known targets, balance-consistent calculation weights."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from converter.errors import TaxonomyError
from converter.mapping.load import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent / "taxonomy"


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def test_taxonomy_loads_with_version_and_namespace(tax):
    assert tax.version and tax.namespace.startswith("http") and tax.prefix == "e2x"
    assert "Revenues" in tax.concepts and tax.concepts["Revenues"].balance == "credit"


def test_every_concept_has_one_standard_label(tax):
    with (ROOT / "labels.csv").open(encoding="utf-8") as fh:
        rows = [(r["concept"], r["role"]) for r in csv.DictReader(fh)]
    assert len(rows) == len(set(rows))
    assert {c for c, role in rows if role == "label"} == set(tax.concepts)


def test_aliases_point_at_existing_concepts_and_never_conflict(tax):
    targets = defaultdict(set)
    for a in tax.aliases:
        assert a.concept in tax.concepts, a
        assert a.key, a
        d = tax.concepts[a.concept]
        targets[(a.key, a.statements, a.section, d.data_type, d.period_type)].add(a.concept)
    conflicts = {k: v for k, v in targets.items() if len(v) > 1}
    assert conflicts == {}


def test_calculation_weights_agree_with_balances(tax):
    for arc in tax.calculations:
        p, c = tax.concepts[arc.parent], tax.concepts[arc.child]
        assert arc.weight in (1, -1)
        assert p.data_type == c.data_type == "monetary" and p.period_type == c.period_type, arc
        if p.balance and c.balance:
            assert (arc.weight == 1) == (p.balance == c.balance), arc


def test_calculation_groups_have_one_parent_and_no_repeated_child(tax):
    groups = defaultdict(list)
    for arc in tax.calculations:
        groups[arc.group].append(arc)
    for arcs in groups.values():
        assert len({a.parent for a in arcs}) == 1
        assert len({a.child for a in arcs}) == len(arcs)


def test_units_and_dimensions_are_well_formed(tax):
    assert all(kind in ("currency", "scale", "count") for kind, *_ in tax.units)
    assert all(m.axis for m in tax.members)
    assert tax.additive_axes <= {m.axis for m in tax.members}
    named = defaultdict(set)
    for m in tax.members:
        if m.member:
            named[m.member].add(m.label)
    assert all(len(labels) == 1 for labels in named.values())


def test_statement_titles_name_known_kinds(tax):
    assert {k for _, k in tax.statement_titles} <= {"income", "balance", "cashflow", "equity", "segment"}


def test_a_broken_taxonomy_is_a_taxonomy_error(tmp_path):
    for f in ROOT.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "concepts.csv").write_text("name,data_type,period_type,balance,abstract,home\nX,money,duration,,,\n")
    with pytest.raises(TaxonomyError):
        load_taxonomy(tmp_path)


def test_term_rules_name_existing_concepts_of_their_statements(tax):
    homes = {"income": {"income", "comprehensive", "cashflow", "equity"}, "balance": {"assets", "liabilities"},
             "cashflow": {"cashflow", "income", "assets", "liabilities"}, "equity": {"equity", "comprehensive", "income"}}
    assert len(tax.terms) > 300
    for r in tax.terms:
        d = tax.concepts[r.concept]
        assert not d.abstract and (r.label or r.section), r
        assert r.role in ("", "total", "item"), r
        for kind in r.statements:
            assert kind in homes, r
    # breadth: the EX-27 articles' line items of C&I companies, banks, insurers, utilities have a concept and a rule
    named = {r.concept for r in tax.terms}
    for concept in ("InterestAndFeeIncomeLoansAndLeases", "InterestExpenseDeposits", "LoansAndLeasesReceivableAllowance",
                    "Deposits", "PremiumsEarnedNet", "PolicyholderBenefitsAndClaimsIncurredNet",
                    "LiabilityForFuturePolicyBenefits", "FuelCosts", "CostOfPurchasedPower", "Revenues",
                    "NetCashProvidedByUsedInOperatingActivities", "LiabilitiesAndStockholdersEquity"):
        assert concept in named


def test_ex27_tags_with_a_concept_name_a_taxonomy_concept_of_their_type(tax):
    with (ROOT / "ex27.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["article"] != "currency" and r["concept"]]
    assert rows
    for r in rows:
        d = tax.concepts.get(r["concept"])
        assert d is not None, r
        assert d.period_type == r["period_type"], r
        assert (d.balance or "") == r["balance"] or r["data_type"] != "monetary", r


def test_sign_words_are_balances(tax):
    assert tax.sign_words["loss"] == ("debit", True) and tax.sign_words["income"] == ("credit", False)
    assert all(b in ("debit", "credit", "none") for b, _ in tax.sign_words.values())


def test_a_term_rule_naming_an_unknown_concept_is_a_taxonomy_error(tmp_path):
    for f in ROOT.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    with (tmp_path / "terms.csv").open("a", encoding="utf-8") as fh:
        fh.write("NoSuchConcept,income,,sales,\n")
    with pytest.raises(TaxonomyError):
        load_taxonomy(tmp_path)
