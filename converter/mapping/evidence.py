"""Evidence for a row's concept besides its label: the filing's EX-27 schedule, equal figures, the table's role."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Sequence

from ..interpret.classify import is_statement_title
from ..model import Duration, Fact, Statement
from .load import Taxonomy

PRIMARY_KINDS = ("income", "balance", "cashflow", "equity")
"""Statement kinds whose consolidated statements own the standard concepts for their periods."""

MONTH_DAYS = Decimal("30.44")

BALANCE_IDENTITY = ("Assets", "LiabilitiesAndStockholdersEquity")
"""The balance-sheet identity: on the liabilities side, the figure of total assets is total liabilities and equity."""


def _months(f: Fact) -> int:
    """Length of a duration in whole months (0 for an instant)."""
    p = f.period
    if not isinstance(p, Duration):
        return 0
    return int((Decimal((p.end - p.start).days + 1) / MONTH_DAYS).to_integral_value())


def _end(f: Fact):
    p = f.period
    return p.end if isinstance(p, Duration) else p.date


class Ex27Evidence:
    """The concepts the filing's own EX-27 schedules give to each (figure, period end, period length)."""

    def __init__(self, facts: tuple[Fact, ...]) -> None:
        self.by_figure: dict[tuple, dict[str, str]] = defaultdict(dict)  # key -> concept -> tag
        for f in facts:
            if not f.table_id.startswith("ex27") or f.concept.extension or f.concept.data_type != "monetary":
                continue
            if f.amount.value == 0:
                continue
            self.by_figure[self._key(f)].setdefault(f.concept.qname.local, f.label)

    @staticmethod
    def _key(f: Fact) -> tuple:
        return abs(f.amount.value), _end(f), f.period.kind, _months(f)

    def concepts(self, f: Fact) -> dict[str, str]:
        """Concept -> EX-27 tag for the schedule figures equal to f's (same period end and length)."""
        if not self.by_figure or f.amount.value == 0 or f.unit.denominators:
            return {}
        return self.by_figure.get(self._key(f), {})


def secondary_member(title: str, taxonomy: Taxonomy) -> tuple[str, str] | None:
    """The (axis, member) of the presentation or scenario a table title names ("selected financial data" ->
    presentation=selected_data, "pro forma" -> scenario=pro_forma), or None."""
    key = f" {taxonomy.key(title)} "
    for axis, member, phrases in _secondary_phrases(taxonomy):
        if any(p in key for p in phrases):
            return axis, member
    return None


@lru_cache(maxsize=4)
def _secondary_phrases(taxonomy: Taxonomy) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The members of SECONDARY_AXES with their phrases' keys, space-padded, in dimensions.csv order (read once)."""
    return tuple((m.axis, m.member, tuple(f" {taxonomy.key(p)} " for p in m.phrases)) for m in taxonomy.members
                 if m.axis in SECONDARY_AXES and m.member)


SECONDARY_AXES = ("presentation", "scenario")
"""Axes whose members a table title may name to say it is not a primary statement (selected data, pro forma)."""

PRESENTATION_AXIS = "presentation"
"""Axis saying what a table other than the primary statements presents (selected data, quarterly, pro forma...)."""


def primary_order(statements: tuple[Statement, ...], kinds: list[str], taxonomy: Taxonomy) -> list[int]:
    """0 for a primary statement whose title names its statement outright ("Consolidated Balance Sheet", a page of
    it "(continued)"), 1 for another table of a primary kind (an untitled table, a note, "Consolidated Earnings"
    highlights), 2 for a table that is no primary statement: its title names another presentation, its columns are
    quarters of a year, or the engine placed all its figures in a scenario (a lead-in "pro forma operating results
    ... are as follows:")."""
    out = []
    for st, kind in zip(statements, kinds):
        if kind not in PRIMARY_KINDS or secondary_member(st.title, taxonomy) or _quarterly(st) or (
                st.facts and all(any(a in SECONDARY_AXES for a, _ in f.dims) for f in st.facts)):
            out.append(2)
        else:
            out.append(0 if is_statement_title(st.title) else 1)
    return out


_QUARTER_NAME = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\b.{0,3}\bquarter", re.IGNORECASE)


def _quarterly(st: Statement) -> bool:
    """Selected quarterly data: two or more columns named as quarters of a year ("First Quarter" ...)."""
    return sum(1 for c in st.columns if _QUARTER_NAME.search(c.header)) >= 2


def row_side(words_home: str) -> str:
    """The balance-sheet side a heading's concept home names ("assets" or "liabilities"), else ""."""
    return words_home if words_home in ("assets", "liabilities") else ""


def presented_kinds(statements: Sequence[Statement], taxonomy: Taxonomy | None = None) -> dict[str, str]:
    """Table id -> the kind a table is presented as: its own kind, or "note" for a table read as income, balance,
    cash-flow or equity data that is not that statement while the filing titles one (an MD&A table, a note, selected
    financial data, a reconciliation beside the "Consolidated Balance Sheet"); in a filing that titles none, every
    such table that names no other presentation keeps its kind."""
    from .load import load_taxonomy

    tax = taxonomy or load_taxonomy()
    kinds = [st.kind for st in statements]
    ranks = primary_order(tuple(statements), kinds, tax)
    titled = {k for k, r in zip(kinds, ranks) if r == 0}
    out = {}
    for st, r in zip(statements, ranks):
        member = secondary_member(st.title, tax) if r else None
        statement = (st.kind not in PRIMARY_KINDS or r == 0 or (r == 1 and st.kind not in titled)
                     or (member is not None and member[1] not in NO_STATEMENT_MEMBERS))
        out[st.table_id] = st.kind if statement else "note"
    return out


NO_STATEMENT_MEMBERS = frozenset({"selected_data", "quarterly", "discussion", "supplementary", "gaap_reconciliation"})
"""Presentations of a statement's figures that are no statement of their own (a parent company's balance sheet and
a pro forma income statement are statements)."""
