"""Conversion from a primary Statement into column checks: every printed figure of a value column is a fact.

A header such as::

                                  AS OF DECEMBER 31, 2000 AND JANUARY 2, 2000
                                                     2000          1999

whose "1999" column cannot be dated leaves that column's figures out of the facts (diagnostics only). Such a
statement fails this check instead of passing the others on the columns that were read.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Check, Statement
from .roles import is_money, is_per_share, is_shares

PERIODS = "column-periods"  # Check.kind of a primary statement's columns all having periods
PRIMARY = frozenset({"income", "balance", "cashflow", "equity"})  # statement kinds checked


def column_checks(st: Statement) -> tuple[Check, ...]:
    """One passing check per primary statement, or one failing check per column whose figures of money or shares
    did not become facts (a column left undated; equity statements dated by their rows pass)."""
    if st.kind not in PRIMARY or not st.columns:
        return ()
    made = {(f.amount.span.line, f.amount.span.start) for f in st.facts}
    counts = [0] * len(st.columns)
    first_line = [0] * len(st.columns)
    figures = 0
    for row in st.rows:
        for c, a in enumerate(row.amounts):
            if a is None or c >= len(counts):
                continue
            unit = a.unit or st.columns[c].unit
            if not (is_money(unit) or is_per_share(unit) or is_shares(unit)):
                continue
            figures += 1
            if (a.span.line, a.span.start) not in made:
                counts[c] += 1
                first_line[c] = first_line[c] or row.line
    lost = [(c, n) for c, n in enumerate(counts) if n]
    if not lost:
        return (Check(PERIODS, st.table_id, st.first_line, f"every figure of money or shares is a fact ({figures})",
                      Decimal(figures), Decimal(figures), True),)
    return tuple(Check(PERIODS, st.table_id, first_line[c],
                       f"column {c + 1} ({st.columns[c].header or 'no header'}"
                       f"{'' if st.columns[c].period is None else ', dated'}): {n} figures are not facts",
                       Decimal(n), Decimal(0), False) for c, n in lost)
