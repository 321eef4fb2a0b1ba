"""A mapped Report -> calculation checks (XBRL Calculations 1.1, round-to-nearest) and dimension sums."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Iterable

from ..mapping.load import CalcArc, Taxonomy
from ..model import Check, Fact, Period, Report, Unit, dims_text, period_text
from ..record import record
from .subtotals import half_unit

Binding = tuple[Period, Unit, tuple[tuple[str, str], ...]]
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


def _taxonomy_facts(report: Report, taxonomy: Taxonomy) -> dict[tuple[str, Binding], list[Fact]]:
    out: dict[tuple[str, Binding], list[Fact]] = defaultdict(list)
    for f in report.facts:
        if f.concept.qname.namespace == taxonomy.namespace:
            out[(f.concept.qname.local, (f.period, f.unit, f.dims))].append(f)
    return out


def calc_groups(taxonomy: Taxonomy) -> dict[str, tuple[CalcArc, ...]]:
    """calculations.csv rows by group, in file order."""
    groups: dict[str, list[CalcArc]] = defaultdict(list)
    for arc in taxonomy.calculations:
        groups[arc.group].append(arc)
    return {g: tuple(arcs) for g, arcs in groups.items()}


def active_groups(report: Report, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Groups this filing reports completely, total and parts in one table, wherever it reports the total and a
    part: these become its calculation linkbase (a part borrowed from another table would not be a printed sum)."""
    facts = _taxonomy_facts(report, taxonomy)
    bindings_of: dict[str, set[Binding]] = defaultdict(set)
    for name, binding in facts:
        bindings_of[name].add(binding)
    by_table: dict[tuple[str, Binding], list[Fact]] = defaultdict(list)
    for f in report.facts:
        by_table[(f.table_id, (f.period, f.unit, f.dims))].append(f)
    active = []
    descendants = _descendants(calc_groups(taxonomy))
    for group, arcs in calc_groups(taxonomy).items():
        bound = complete = 0
        for b in bindings_of.get(arcs[0].parent, ()):
            present = [(a.child, b) in facts for a in arcs]
            if any(present):
                bound += 1
                tables = {f.table_id for f in facts[(arcs[0].parent, b)]}
                same_table = all(any(f.table_id in tables for f in facts[(a.child, b)])
                                 for p, a in zip(present, arcs) if p)
                complete += (same_table and all(p or not a.required for p, a in zip(present, arcs))
                             and (_reconciles(facts, arcs, b) or _no_unmapped_parts(facts, by_table, arcs, b, descendants)))
        if bound and bound == complete:
            active.append(group)
    return tuple(active)


def report_groups(report: Report, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The report's active calculation groups: as found at conversion, else found now (a report built by hand)."""
    return report.calc_groups if report.calc_groups is not None else active_groups(report, taxonomy)


def _reconciles(facts: dict[tuple[str, Binding], list[Fact]], arcs: tuple[CalcArc, ...], b: Binding) -> bool:
    """The group's printed parts add up to its total for this binding."""
    items = [(a.weight, _value(facts[(a.child, b)])) for a in arcs if (a.child, b) in facts]
    parent = _value(facts[(arcs[0].parent, b)])
    return bool(items) and _summation(parent, items, "calc", "", b).ok


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


def _no_unmapped_parts(facts: dict[tuple[str, Binding], list[Fact]], by_table: dict[tuple[str, Binding], list[Fact]],
                       arcs: tuple[CalcArc, ...], b: Binding, descendants: dict[str, set[str]]) -> bool:
    """No other row printed among the parts above the total: a row mapped elsewhere (an extension such as
    "Domestic credit card receivables" among current assets) would leave the printed sum incomplete."""
    names = {arcs[0].parent} | {a.child for a in arcs}
    names |= {d for n in list(names) for d in descendants.get(n, ())}
    for total in facts[(arcs[0].parent, b)]:
        parts = [f.line for a in arcs for f in facts.get((a.child, b), ()) if f.table_id == total.table_id]
        if not parts:
            continue
        first = min(parts)
        for f in by_table[(total.table_id, b)]:
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


def _summation(parent: _Value, items: list[tuple[int, _Value]], kind: str, description: str, b: Binding) -> Check:
    low = sum((min(w * v.low, w * v.high) for w, v in items), Decimal(0))
    high = sum((max(w * v.low, w * v.high) for w, v in items), Decimal(0))
    computed = sum((w * v.best.xbrl_value for w, v in items), Decimal(0))
    ok = max(parent.low, low) <= min(parent.high, high)
    return Check(kind, parent.best.table_id, parent.best.line, description, parent.best.xbrl_value, computed, ok,
                 _binding_text(b))


def summation_checks(report: Report, taxonomy: Taxonomy) -> tuple[Check, ...]:
    """Calculations 1.1 checks of the active groups, one per total and binding (what Arelle checks)."""
    facts = _taxonomy_facts(report, taxonomy)
    groups = calc_groups(taxonomy)
    totals: dict[str, list[tuple[Binding, list[Fact]]]] = defaultdict(list)
    for (name, b), fs in facts.items():
        totals[name].append((b, fs))
    out: list[Check] = []
    for group in report_groups(report, taxonomy):
        arcs = groups[group]
        for b, pfacts in totals.get(arcs[0].parent, ()):
            items = [(a.weight, _value(facts[(a.child, b)])) for a in arcs if (a.child, b) in facts]
            parent = _value(pfacts)
            if not items or not parent.consistent or not all(v.consistent for _, v in items):
                continue
            terms = " ".join(f"{'+' if w > 0 else '-'} {_label(v.best)}" for w, v in items).lstrip("+ ")
            out.append(_summation(parent, items, "calc", f"{_label(parent.best)} = {terms} [{group}]", b))
    return tuple(out)


def dimension_checks(report: Report, taxonomy: Taxonomy) -> tuple[Check, ...]:
    """Totals across the members of additive axes (segments): the default equals the sum of its members."""
    by_key: dict[tuple, list[Fact]] = defaultdict(list)
    for f in report.facts:
        by_key[(f.concept.qname, f.period, f.unit, f.dims)].append(f)
    out: list[Check] = []
    for axis in sorted(taxonomy.additive_axes):
        members: dict[tuple, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for (qn, period, unit, dims), fs in by_key.items():
            member = dict(dims).get(axis)
            if member and fs[0].concept.data_type in ADDITIVE_TYPES:
                rest = tuple(d for d in dims if d[0] != axis)
                for f in fs:
                    members[(qn, period, unit, rest, f.table_id)][member].append(f)
        for (qn, period, unit, rest, table), parts in members.items():
            total = [f for f in by_key.get((qn, period, unit, rest), ()) if f.table_id == table]
            if not total or len(parts) < 2:
                continue
            tv = _value(total)
            values = [(m, _value(fs)) for m, fs in sorted(parts.items())]
            if not tv.consistent or not all(v.consistent for _, v in values):
                continue
            desc = f"{_label(tv.best)}: {axis} total = " + " + ".join(m for m, _ in values)
            out.append(_summation(tv, [(1, v) for _, v in values], "dimension", desc, (period, unit, rest)))
    return tuple(out)


def _order(report: Report) -> dict[str, int]:
    return {st.table_id: i for i, st in enumerate(report.statements)}


def calc_checks(report: Report, taxonomy: Taxonomy) -> tuple[Check, ...]:
    """All calculation and dimension checks, sorted by table, line and period."""
    order = _order(report)
    checks: Iterable[Check] = summation_checks(report, taxonomy) + dimension_checks(report, taxonomy)
    return tuple(sorted(checks, key=lambda c: (order.get(c.table_id, len(order)), c.line, c.kind, c.description,
                                               c.period)))
