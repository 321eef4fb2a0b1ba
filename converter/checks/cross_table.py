"""Conversion from a Report into cross-table Checks: the same figure printed in two tables agrees.

Two facts are "the same figure" when they share period, unit and dims, and either the same taxonomy
concept or (for extension concepts in primary statements: income, balance, cash flow, equity) the
same normalised label, section and preceding row label (so "Percentage of net sales" under
"Research and development" is not the one under "Selling"). For example "Turnover" in a key-data
table in GBP millions and in the profit and loss account in GBP thousands::

    Turnover                     293.0     301.2
    Turnover            292,967         --        292,967       301,233

They agree when their rounding intervals overlap (half a unit of each printed last digit).
Generic labels ("Total", "Other") never match by label alone, and tables whose title says they are
not the reported figures ("Pro forma", keyword rows ``not_comparable``) are left out.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from typing import Hashable

from ..interpret.classify import contains_phrase, load_keywords, normalise, phrases_for, title_names_statement
from ..mapping.keys import report_bindings
from ..memo import text_cache
from ..model import Check, Fact, Report, Statement, dims_text, period_text
from .subtotals import half_unit


LABEL_MATCH_KINDS = frozenset({"income", "balance", "cashflow", "equity"})
"""Statement kinds whose extension facts may match by label (notes and segment tables reuse short labels)."""


def _what(fact: Fact, previous_label: str, kind: str) -> tuple[str, ...] | None:
    """What a fact measures: its taxonomy concept, else its label in context; None when it cannot be matched
    safely. Two facts are the same figure when this and their (period, unit, dims) binding agree."""
    if not fact.concept.extension:
        return ("concept", fact.concept.qname.namespace, fact.concept.qname.local)
    if kind not in LABEL_MATCH_KINDS:
        return None
    return _label_what(fact.label, fact.section, previous_label)


@text_cache(maxsize=16384)
def _label_what(label: str, section: str, previous_label: str) -> tuple[str, ...] | None:
    """An extension fact's normalised label, section and previous row label; None for a generic label."""
    key = normalise(label)
    if not key or key in _generic_labels():
        return None
    return ("label", key, normalise(section), normalise(previous_label))


@lru_cache(maxsize=4)
def _generic_labels() -> frozenset[str]:
    """Labels that say nothing about a figure ("Total", "Other")."""
    return frozenset(k.phrase for k in load_keywords() if k.kind == "generic")


def comparable(st: Statement) -> bool:
    """False for tables whose title says their figures are not the reported ones (pro forma)."""
    title = normalise(st.title)
    return not any(contains_phrase(title, k.phrase) for k in phrases_for("not_comparable"))


def previous_labels(st: Statement) -> dict[int, str]:
    """Source line of each value row -> label of the value row above it in the table ("" for the first)."""
    out: dict[int, str] = {}
    prev = ""
    for row in st.rows:
        if any(a is not None for a in row.amounts):
            for a in row.amounts:
                if a is not None:
                    out[a.span.line] = prev
            out[row.line] = prev
            prev = row.label
    return out


def agree(a: Fact, b: Fact) -> bool:
    """True when the two figures can be roundings of one value (XBRL sign convention applied)."""
    tol = half_unit(a.amount.decimals) + half_unit(b.amount.decimals)
    return abs(a.xbrl_value - b.xbrl_value) <= tol


def cross_table_checks(report: Report) -> tuple[Check, ...]:
    """One Check per later table repeating a figure of an earlier table."""
    first_seen: dict[Hashable, Fact] = {}
    seen_tables: dict[Hashable, set[str]] = {}
    checks: list[Check] = []
    numbered = iter(report_bindings(report)[1])  # facts with their (period, unit, dims) as one number
    for st in report.statements:
        facts = tuple(islice(numbered, len(st.facts)))  # this statement's (Report.facts lists them in order)
        if not comparable(st):
            continue
        context = previous_labels(st)
        for fact, binding in facts:
            what = _what(fact, context.get(fact.line, ""), st.kind)
            if what is None:
                continue
            key = (what, binding)
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
    return tuple(checks) + conflict_checks(report)


_CONFLICT = re.compile(r" in (?P<table>\S+?): \S+ \S+ (?P<value>\S+) differs from (?P<other_value>\S+) in (?P<other>\S+) line")
CONFLICT_KINDS = frozenset({"income", "balance", "cashflow", "equity", "segment"})
"""Statement kinds whose disagreeing figures of one concept and period are a failed tie, for statements whose title
names them (a note's, an MD&A table's or a highlights table's different figure is more often another measure named
alike)."""


def conflict_checks(report: Report) -> tuple[Check, ...]:
    """One failed Check per figure the mapping found printed with another magnitude in another statement for the
    same concept and period (mapping.duplicate-conflict): the mapping keeps them apart, the disagreement is a
    failed tie. Figures differing only in sign are a sign convention (a reconciliation adding back what a
    statement subtracts), not a disagreement; two rows of one table are a naming question, not a tie."""
    kinds = {st.table_id: st.kind for st in report.statements
             if st.kind == "segment" or title_names_statement(st.title)}  # statements by their printed title
    out = []
    for d in report.diagnostics:
        if d.code != "mapping.duplicate-conflict":
            continue
        m = _CONFLICT.search(d.message)
        if (m is None or m["table"] == m["other"] or kinds.get(m["table"]) not in CONFLICT_KINDS
                or kinds.get(m["other"]) not in CONFLICT_KINDS):
            continue
        value, other = Decimal(m["value"]), Decimal(m["other_value"])
        if abs(value) != abs(other):
            out.append(Check("cross-table", m["table"], d.span.line if d.span else 0, d.message, other, value,
                             False, ""))
    return tuple(out)
