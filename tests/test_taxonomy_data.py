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
