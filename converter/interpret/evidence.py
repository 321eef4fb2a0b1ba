"""Readings chosen by the filing's own evidence: the scale of a table that prints none, from its EX-27 schedule.

A table without "(in thousands)" takes the scale of the table above it, or of most tables of its document; when the
filing carries an EX-27 financial data schedule, the scale at which the table's figures equal the schedule's values
is better evidence::

    <TOTAL-ASSETS>      13,872,000      (MULTIPLIER 1,000: 13,872,000,000)
    Total assets        $13,872          -> the table is in millions
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterable

from ..model import Column, Fact, LineItem, Statement, period_end

CANDIDATE_SCALES = (0, 3, 6, 9)  # powers of ten a printed table may be in
MIN_SCHEDULE_MATCHES = 2  # figures that must equal schedule values at a scale for it to be chosen


def schedule_values(facts: Iterable[Fact]) -> frozenset[Decimal]:
    """The absolute money values of an EX-27 schedule (per-share and zero values say nothing about scale)."""
    return frozenset(abs(f.amount.value) for f in facts
                     if f.unit is not None and not f.unit.denominators and f.unit.numerators[0] != "pure"
                     and f.amount.value)


def schedule_scale(items: tuple[LineItem, ...], columns: tuple[Column, ...], values: frozenset[Decimal]) -> int | None:
    """The scale at which more of the table's money figures equal schedule values than at the columns' own scale,
    or None when the schedule does not say better (fewer than MIN_SCHEDULE_MATCHES figures, or a tie)."""
    if not values or not columns:
        return None
    current = max((c.scale for c in columns), key=[c.scale for c in columns].count)
    printed = [a.value.scaleb(-a.scale) for it in items for a in it.amounts
               if a is not None and a.unit is not None and not a.unit.denominators and a.value and a.scale == current]
    matches = {s: sum(1 for v in printed if abs(v).scaleb(s) in values) for s in CANDIDATE_SCALES}
    best = max(CANDIDATE_SCALES, key=lambda s: (matches[s], s == current))
    if best == current or matches[best] < MIN_SCHEDULE_MATCHES or matches[best] <= matches.get(current, 0):
        return None
    return best


MIN_SHARED_MATCHES = 3  # figures that must equal other tables' figures at a scale for it to be chosen
MIN_SHARED_SHARE = Decimal("0.25")  # ... and this share of the table's money figures


def stated_figures(statements: Iterable[Statement]) -> frozenset[tuple[Decimal, date]]:
    """(absolute value, period end) of the money facts of tables that print their scale."""
    return frozenset((abs(f.amount.value), period_end(f.period)) for st in statements for f in st.facts
                     if f.amount.value and not f.unit.denominators and f.unit.numerators[0] != "pure")


def shared_scale(items: tuple[LineItem, ...], columns: tuple[Column, ...],
                 known: frozenset[tuple[Decimal, date]]) -> int | None:
    """The scale at which a table printing none repeats the figures, for the same period ends, of the filing's
    tables that print theirs ("Cardiovascular  2,911" in the business section, "$2,911" in the segment note "in
    millions"), or None when they do not say better than the scale it has (MIN_SHARED_MATCHES, MIN_SHARED_SHARE)."""
    if not known or not columns:
        return None
    current = max((c.scale for c in columns), key=[c.scale for c in columns].count)
    printed = [(a.value.scaleb(-a.scale), period_end(columns[j].period)) for it in items for j, a in enumerate(it.amounts)
               if a is not None and j < len(columns) and columns[j].period is not None and a.unit is not None
               and not a.unit.denominators and a.unit.numerators[0] != "pure" and a.value and a.scale == current]
    if not printed:
        return None
    matches = {s: sum(1 for v, end in printed if (abs(v).scaleb(s), end) in known) for s in CANDIDATE_SCALES}
    best = max(CANDIDATE_SCALES, key=lambda s: (matches[s], s == current))
    if (best == current or matches[best] < MIN_SHARED_MATCHES or matches[best] < MIN_SHARED_SHARE * len(printed)
            or matches[best] <= matches.get(current, 0)):
        return None
    return best
