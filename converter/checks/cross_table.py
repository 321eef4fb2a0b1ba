"""Conversion from a Report into cross-table Checks: the same figure printed in two tables agrees.

Two facts are "the same figure" when they share period, unit and dims, and either the same taxonomy
concept or (for extension concepts) the same normalised label and section, e.g. "Turnover" in a
key-data table in GBP millions and in the profit and loss account in GBP thousands::

    Turnover                     293.0     301.2
    Turnover            292,967         --        292,967       301,233

They agree when their rounding intervals overlap (half a unit of each printed last digit).
Generic labels ("Total", "Other") never match by label alone.
"""

from __future__ import annotations

from typing import Hashable

from ..interpret.classify import load_keywords, normalise
from ..model import Check, Fact, Report, dims_text, period_text
from .subtotals import half_unit


def figure_key(fact: Fact) -> Hashable | None:
    """What makes two facts the same figure; None when a fact cannot be matched safely."""
    if not fact.concept.extension:
        what: tuple[str, ...] = ("concept", fact.concept.qname.namespace, fact.concept.qname.local)
    else:
        label = normalise(fact.label)
        generic = {k.phrase for k in load_keywords() if k.kind == "generic"}
        if not label or label in generic:
            return None
        what = ("label", label, normalise(fact.section))
    return (what, fact.period, fact.unit, fact.dims)


def agree(a: Fact, b: Fact) -> bool:
    """True when the two figures can be roundings of one value (XBRL sign convention applied)."""
    tol = half_unit(a.amount.decimals) + half_unit(b.amount.decimals)
    return abs(a.xbrl_value - b.xbrl_value) <= tol


def cross_table_checks(report: Report) -> tuple[Check, ...]:
    """One Check per later table repeating a figure of an earlier table."""
    first_seen: dict[Hashable, Fact] = {}
    seen_tables: dict[Hashable, set[str]] = {}
    checks: list[Check] = []
    for st in report.statements:
        for fact in st.facts:
            key = figure_key(fact)
            if key is None:
                continue
            if key not in first_seen:
                first_seen[key] = fact
                seen_tables[key] = {fact.table_id}
                continue
            if fact.table_id in seen_tables[key]:
                continue
            seen_tables[key].add(fact.table_id)
            base = first_seen[key]
            dims = f" [{dims_text(fact.dims)}]" if fact.dims else ""
            desc = (f"{fact.label} ({fact.table_id} line {fact.line}) = {base.label} "
                    f"({base.table_id} line {base.line}){dims} in {fact.unit.text}")
            checks.append(Check("cross-table", fact.table_id, fact.line, desc, base.xbrl_value, fact.xbrl_value,
                                agree(base, fact), period_text(fact.period)))
    return tuple(checks)
