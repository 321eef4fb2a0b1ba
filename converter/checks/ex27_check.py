"""Conversion from a Report's EX-27 facts into Checks against the figures extracted from its statements.

An EX-27 value such as::

    <TOTAL-ASSETS>                                  13,873

is compared with the statement fact of the same concept, unit and (consolidated) period; flows match
when their end dates agree and their starts lie within a week (52/53-week fiscal years). Total assets
and total liabilities-and-equity fall back on the balance-sheet totals found by layout when no fact
carries the concept (an unlabelled grand total).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Sequence

from ..model import Check, Duration, Fact, Instant, Period, Report, period_text
from ..readers.ex27 import intended_concept
from .balance import find_balance_totals
from .subtotals import half_unit

START_SLACK = timedelta(days=7)  # how far two flow periods' starts may differ and still be the same period
FALLBACK_ROLES = {"Assets": "total_assets", "LiabilitiesAndStockholdersEquity": "total_liabilities_equity"}


def is_ex27(fact: Fact) -> bool:
    """True for a fact read from an EX-27 schedule."""
    return fact.table_id.startswith("ex27")


def same_period(a: Period, b: Period) -> bool:
    """Instants on the same day, or durations ending the same day and starting within START_SLACK."""
    if isinstance(a, Instant) and isinstance(b, Instant):
        return a.date == b.date
    if isinstance(a, Duration) and isinstance(b, Duration):
        return a.end == b.end and abs(a.start - b.start) <= START_SLACK
    return False


def concept_name(ex: Fact) -> str:
    """The local name an EX-27 fact stands for: its mapping-file concept, else the concept it carries."""
    return intended_concept(ex) or ex.concept.qname.local


def candidates(ex: Fact, facts: Sequence[Fact]) -> list[Fact]:
    """Statement facts that report the same figure as an EX-27 fact (exact periods first)."""
    name = concept_name(ex)
    out = [f for f in facts if f.concept.qname.local == name and f.unit == ex.unit
           and not f.dims and same_period(f.period, ex.period)]
    return sorted(out, key=lambda f: f.period != ex.period)


def _agree(ex: Fact, value, decimals: int) -> bool:  # type: ignore[no-untyped-def]
    return abs(ex.xbrl_value - value) <= half_unit(ex.amount.decimals) + half_unit(decimals)


def ex27_checks(report: Report) -> tuple[Check, ...]:
    """One Check per EX-27 fact that has a counterpart in the statements."""
    ex_facts = [f for f in report.extra_facts if is_ex27(f)]
    if not ex_facts:
        return ()
    table_facts = [f for st in report.statements for f in st.facts]
    pairs, _ = find_balance_totals(report)
    checks: list[Check] = []
    for ex in ex_facts:
        found = candidates(ex, table_facts)
        where = f"EX-27 <{ex.label}> {ex.amount.presented}"
        if found:
            match = next((f for f in found if _agree(ex, f.xbrl_value, f.amount.decimals)), found[0])
            desc = f"{where} = {match.label or 'unlabelled row'} ({match.table_id} line {match.line})"
            checks.append(Check("ex27", match.table_id, match.line, desc, ex.xbrl_value, match.xbrl_value,
                                _agree(ex, match.xbrl_value, match.amount.decimals), period_text(ex.period)))
            continue
        role = FALLBACK_ROLES.get(concept_name(ex))
        if role is None or not isinstance(ex.period, Instant):
            continue
        for assets, parts in pairs:
            total = assets if role == "total_assets" else (parts[0] if len(parts) == 1 else None)
            cell = None
            if total is not None:
                cell = next((c for k, c in total.cells if k[0] == ex.period and c.unit == ex.unit and not k[2]), None)
            if cell is not None and total is not None:
                desc = f"{where} = {total.label or 'unlabelled total'} ({total.table_id} line {total.line})"
                checks.append(Check("ex27", total.table_id, total.line, desc, ex.xbrl_value, cell.value,
                                    _agree(ex, cell.value, cell.decimals), period_text(ex.period)))
                break
    return tuple(checks)
