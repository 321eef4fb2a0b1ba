"""A mapped Report -> calculation checks (XBRL Calculations 1.1, round-to-nearest) and dimension sums."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from typing import Iterable

from ..mapping.keys import Binding, BindingKeys, facts_bindings
from ..mapping.load import CalcArc, Taxonomy
from ..memo import Same, report_cache
from ..model import Check, Fact, Report, dims_text, period_text
from ..record import record
from .subtotals import half_unit

ADDITIVE_TYPES = frozenset({"monetary", "shares", "decimal"})
"""Data types whose values add up across members (ratios and per-share amounts do not)."""


@record
class _Value:
    """The facts reported for one concept in one binding, reduced as Calculations 1.1 does."""

    low: Decimal  # intersection of the facts' rounding intervals
    high: Decimal
    best: Fact  # the most precise fact

    @property
    def consistent(self) -> bool:
        return self.low <= self.high


def _value(facts: list[Fact]) -> _Value:
    if len(facts) == 1:
        f = facts[0]
        half = half_unit(f.amount.decimals)
        return _Value(f.xbrl_value - half, f.xbrl_value + half, f)
    low = max(f.xbrl_value - half_unit(f.amount.decimals) for f in facts)
    high = min(f.xbrl_value + half_unit(f.amount.decimals) for f in facts)
    best = max(facts, key=lambda f: (f.amount.decimals, -f.line))
    return _Value(low, high, best)


class _Facts:
    """A report's facts with their bindings numbered once (BindingKeys): model records hash in Python."""

    def __init__(self, bindings: tuple[BindingKeys, tuple[tuple[Fact, int], ...]], taxonomy: Taxonomy) -> None:
        self.keys, self.numbered = bindings  # report_bindings
        self.taxonomy: dict[tuple[str, int], list[Fact]] = {}  # (taxonomy local name, binding) -> facts
        for f, b in self.numbered:
            if f.concept.qname.namespace == taxonomy.namespace:
                self.taxonomy.setdefault((f.concept.qname.local, b), []).append(f)
        self._by_table: dict[tuple[str, int], list[Fact]] | None = None
        self._texts: dict[int, str] = {}
        self._values: dict[tuple[str, int], _Value] = {}

    def by_table(self) -> dict[tuple[str, int], list[Fact]]:
        """Every fact by (table, binding), built on first use."""
        if self._by_table is None:
            self._by_table = {}
            for f, b in self.numbered:
                self._by_table.setdefault((f.table_id, b), []).append(f)
        return self._by_table

    def value(self, key: tuple[str, int]) -> _Value:
        """_value of the taxonomy facts of one (local name, binding), worked out once (groups share concepts)."""
        v = self._values.get(key)
        if v is None:
            v = self._values[key] = _value(self.taxonomy[key])
        return v

    def text(self, b: int) -> str:
        """The binding's period, unit and dims as checks print them."""
        text = self._texts.get(b)
        if text is None:
            text = self._texts[b] = _binding_text(self.keys.bindings[b])
        return text


def facts_index(report: Report, taxonomy: Taxonomy) -> _Facts:
    """The report's fact index, made once for reports sharing their facts (a report with calc_groups replaced):
    groups and checks of one conversion share it (its lazily filled parts are pure functions of the facts)."""
    return _shared_index(Same(report.statements, report.extra_facts, taxonomy))


@report_cache
def _shared_index(key: Same) -> _Facts:
    """The _Facts of key's (statements, extra facts, taxonomy)."""
    statements, extra, taxonomy = key.parts
    return _Facts(facts_bindings(statements, extra), taxonomy)


def calc_groups(taxonomy: Taxonomy) -> dict[str, tuple[CalcArc, ...]]:
    """calculations.csv rows by group, in file order."""
    groups: dict[str, list[CalcArc]] = defaultdict(list)
    for arc in taxonomy.calculations:
        groups[arc.group].append(arc)
    return {g: tuple(arcs) for g, arcs in groups.items()}


@lru_cache(maxsize=4)
def _groups(taxonomy: Taxonomy) -> tuple[dict[str, tuple[CalcArc, ...]], dict[str, set[str]]]:
    """calc_groups and their _descendants, worked out once per taxonomy (read only)."""
    groups = calc_groups(taxonomy)
    return groups, _descendants(groups)


def active_groups(report: Report, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Groups this filing reports completely, total and parts in one table, wherever it reports the total and a
    part: these become its calculation linkbase (a part borrowed from another table would not be a printed sum)."""
    index = facts_index(report, taxonomy)
    facts = index.taxonomy
    bindings_of: dict[str, list[int]] = defaultdict(list)
    for name, binding in facts:
        bindings_of[name].append(binding)  # (name, binding) keys are unique
    active = []
    groups, descendants = _groups(taxonomy)
    for group, arcs in groups.items():
        bound = complete = 0
        for b in bindings_of.get(arcs[0].parent, ()):
            present = [(a.child, b) in facts for a in arcs]
            if any(present):
                bound += 1
                tables = {f.table_id for f in facts[(arcs[0].parent, b)]}
                same_table = all(any(f.table_id in tables for f in facts[(a.child, b)])
                                 for p, a in zip(present, arcs) if p)
                complete += (same_table and all(p or not a.required for p, a in zip(present, arcs))
                             and (_reconciles(index, arcs, b) or _no_unmapped_parts(index, arcs, b, descendants)))
        if bound and bound == complete:
            active.append(group)
    return tuple(active)


def report_groups(report: Report, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The report's active calculation groups: as found at conversion, else found now (a report built by hand)."""
    return report.calc_groups if report.calc_groups is not None else active_groups(report, taxonomy)


def _reconciles(index: _Facts, arcs: tuple[CalcArc, ...], b: int) -> bool:
    """The group's printed parts add up to its total for this binding."""
    items = [(a.weight, index.value((a.child, b))) for a in arcs if (a.child, b) in index.taxonomy]
    parent = index.value((arcs[0].parent, b))
    return bool(items) and _agrees(parent, items)


def _descendants(groups: dict[str, tuple[CalcArc, ...]]) -> dict[str, set[str]]:
    """Every concept summed, directly or through nested totals, into each total."""
    children: dict[str, set[str]] = defaultdict(set)
    for arcs in groups.values():
        children[arcs[0].parent] |= {a.child for a in arcs}
    out: dict[str, set[str]] = {}
    for top in children:
        seen: set[str] = set()
        todo = list(children[top])
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(children.get(n, ()))
        out[top] = seen
    return out


def _no_unmapped_parts(index: _Facts, arcs: tuple[CalcArc, ...], b: int, descendants: dict[str, set[str]]) -> bool:
    """No other row printed among the parts above the total: a row mapped elsewhere (an extension such as
    "Domestic credit card receivables" among current assets) would leave the printed sum incomplete."""
    facts = index.taxonomy
    names = {arcs[0].parent} | {a.child for a in arcs}
    names |= {d for n in list(names) for d in descendants.get(n, ())}
    for total in facts[(arcs[0].parent, b)]:
        parts = [f.line for a in arcs for f in facts.get((a.child, b), ()) if f.table_id == total.table_id]
        if not parts:
            continue
        first = min(parts)
        for f in index.by_table()[(total.table_id, b)]:
            among = first < f.line < total.line or (total.section and f.section == total.section and f.line < total.line)
            subtotal = not f.label or f.label.lower().startswith("total")  # a printed subtotal is not a part
            if among and not subtotal and f.concept.qname.local not in names and f.amount.value != 0:
                return False
    return True


def _label(f: Fact) -> str:
    return f.label or f.section or f.concept.label


def _binding_text(b: Binding) -> str:
    dims = dims_text(b[2])
    return f"{period_text(b[0])} {b[1].text}" + (f" [{dims}]" if dims else "")


def _bounds(items: list[tuple[int, _Value]]) -> tuple[Decimal, Decimal]:
    """The interval the weighted sum of the items can take."""
    low = sum((min(w * v.low, w * v.high) for w, v in items), Decimal(0))
    high = sum((max(w * v.low, w * v.high) for w, v in items), Decimal(0))
    return low, high


def _agrees(parent: _Value, items: list[tuple[int, _Value]]) -> bool:
    """The parent's interval meets the interval of the weighted sum of the items."""
    low, high = _bounds(items)
    return max(parent.low, low) <= min(parent.high, high)


def _summation(parent: _Value, items: list[tuple[int, _Value]], kind: str, description: str, period: str,
               table_id: str | None = None) -> Check:
    """The check that the parent is the weighted sum of the items, reported in table_id (default: the parent's)."""
    computed = sum((w * v.best.xbrl_value for w, v in items), Decimal(0))
    return Check(kind, parent.best.table_id if table_id is None else table_id, parent.best.line, description,
                 parent.best.xbrl_value, computed, _agrees(parent, items), period, parent.best)


def summation_checks(report: Report, taxonomy: Taxonomy, index: _Facts | None = None) -> tuple[Check, ...]:
    """Calculations 1.1 checks of the active groups, one per total and binding (what Arelle checks)."""
    index = index or facts_index(report, taxonomy)
    facts = index.taxonomy
    groups, _ = _groups(taxonomy)
    totals: dict[str, list[tuple[int, list[Fact]]]] = defaultdict(list)
    for (name, b), fs in facts.items():
        totals[name].append((b, fs))
    out: list[Check] = []
    for group in report_groups(report, taxonomy):
        arcs = groups[group]
        for b, _ in totals.get(arcs[0].parent, ()):
            items = [(a.weight, index.value((a.child, b))) for a in arcs if (a.child, b) in facts]
            parent = index.value((arcs[0].parent, b))
            if not items or not parent.consistent or not all(v.consistent for _, v in items):
                continue
            terms = " ".join(f"{'+' if w > 0 else '-'} {_label(v.best)}" for w, v in items).lstrip("+ ")
            out.append(_summation(parent, items, "calc", f"{_label(parent.best)} = {terms} [{group}]", index.text(b)))
    return tuple(out)


def dimension_checks(report: Report, taxonomy: Taxonomy, index: _Facts | None = None) -> tuple[Check, ...]:
    """Totals across the members of additive axes (segments): the default equals the sum of its members."""
    index = index or facts_index(report, taxonomy)
    by_key: dict[tuple[str, str, int], list[Fact]] = {}  # (namespace, local name, binding): QName identity
    for f, b in index.numbered:
        by_key.setdefault((f.concept.qname.namespace, f.concept.qname.local, b), []).append(f)
    dimmed = [(key, fs) for key, fs in by_key.items() if index.keys.bindings[key[2]][2]]  # only these have members
    out: list[Check] = []
    for axis in sorted(taxonomy.additive_axes):
        split = _split_axis(index.keys, axis)
        members: dict[tuple, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for (ns, local, b), fs in dimmed:
            if b in split and fs[0].concept.data_type in ADDITIVE_TYPES:
                member, rest = split[b]
                for f in fs:
                    members[(ns, local, rest, f.table_id)][member].append(f)
        for (ns, local, rest, table), parts in members.items():
            total = [f for f in by_key.get((ns, local, rest), ()) if f.table_id == table]
            if not total or len(parts) < 2:
                continue
            tv = _value(total)
            values = [(m, _value(fs)) for m, fs in sorted(parts.items())]
            if not tv.consistent or not all(v.consistent for _, v in values):
                continue
            desc = f"{_label(tv.best)}: {axis} total = " + " + ".join(m for m, _ in values)
            out.append(_summation(tv, [(1, v) for _, v in values], "dimension", desc, index.text(rest)))
    return tuple(out)


def _split_axis(keys: BindingKeys, axis: str) -> dict[int, tuple[str, int]]:
    """Bindings with a member of the axis -> (member, the binding without the axis) where a fact has that one."""
    out: dict[int, tuple[str, int]] = {}
    for b, (period, unit, dims) in enumerate(keys.bindings):
        member = dict(dims).get(axis)
        if member:
            rest = keys.find((period, unit, tuple(d for d in dims if d[0] != axis)))
            if rest is not None:  # no fact has the total: nothing to check
                out[b] = (member, rest)
    return out


def _order(report: Report) -> dict[str, int]:
    return {st.table_id: i for i, st in enumerate(report.statements)}


def calc_checks(report: Report, taxonomy: Taxonomy) -> tuple[Check, ...]:
    """All calculation and dimension checks, sorted by table, line and period."""
    order = _order(report)
    index = facts_index(report, taxonomy)
    checks: Iterable[Check] = summation_checks(report, taxonomy, index) + dimension_checks(report, taxonomy, index)
    return tuple(sorted(checks, key=lambda c: (order.get(c.table_id, len(order)), c.line, c.kind, c.description,
                                               c.period)))
