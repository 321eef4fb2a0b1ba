"""Checks that test a sum of facts -> the calculation network of each statement, and its Calculations 1.1 checks.

A printed subtotal, a running total and the balance-sheet equation each say "this fact is the sum of those facts"
(Check.total, Check.parts). Each becomes summation-item arcs in the extended link role of its statement, so that
Arelle checks what the tool checks, failing sums included. XBRL allows one summation per total concept in a role
(two would add up as one), no arc twice and no cycle: a sum that would break that stays a check only, and a
diagnostic says which sum the role holds instead. The arcs written are then checked as Arelle checks them: for every
context and unit in which the total and one of its parts are reported, among the facts the instance keeps.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Sequence

from ..mapping.load import Taxonomy
from ..model import Check, Concept, Diagnostic, Fact, QName, Report, Span, dims_text, period_text
from ..record import record
from .calc import ADDITIVE_TYPES, _label, _summation, _value, _Value, calc_checks

LINKBASE = "calc-linkbase"
"""Check.kind of a summation of the statements' calculation networks checked as Arelle checks it (reported beside the
verdict, which judges the printed sums themselves by their subtotal and balance checks)."""
SUMMED_KINDS = ("subtotal", "running-total", "balance")
"""Check kinds whose total and parts are facts of one summation."""
PRIMARY_KINDS = ("balance", "income", "cashflow", "equity")
"""Statement kinds whose figure the XBRL instance keeps when another table prints a conflicting one."""


@record
class Summation:
    """One total concept and its weighted parts in a statement's calculation network."""

    table_id: str  # statement whose extended link role holds it
    parent: Concept  # the total
    items: tuple[tuple[Concept, int], ...]  # (part, weight) in printed order; total = sum of weight * part
    description: str  # the first check that made it ("Total current assets = Cash + ...")
    line: int = 0  # ... and its source line


def summed_checks(report: Report) -> tuple[Check, ...]:
    """The report's checks of a sum (SUMMED_KINDS; computed when the pipeline attached none)."""
    from .summary import checks_of  # summary imports the check modules this one sits beside

    return tuple(c for c in checks_of(report) if c.kind in SUMMED_KINDS)


def calc_networks(report: Report) -> tuple[tuple[Summation, ...], tuple[Diagnostic, ...]]:
    """The summations the calculation linkbase holds, by statement in check order, and a diagnostic for each sum
    left out (a figure that is no fact, a second summation of one total in one role, a part that is the total, two
    parts of one concept, a weight the balance types forbid, a cycle, a failure where its printed sum holds)."""
    written, notes = _networks(report)
    return tuple(s for s, _ in written), notes


def _networks(report: Report) -> tuple[list[tuple[Summation, list[Check]]], tuple[Diagnostic, ...]]:
    """calc_networks, each summation with its checks as Arelle makes them (_bound_where_checked)."""
    kept: dict[tuple[str, QName], Summation] = {}
    edges: dict[str, dict[QName, set[QName]]] = defaultdict(lambda: defaultdict(set))
    notes: dict[tuple[str, QName, tuple], Diagnostic] = {}
    for c in summed_checks(report):
        if c.total is None or not c.parts:
            notes.setdefault((c.table_id, c.line, c.description), Diagnostic(
                "calc.not-in-linkbase", f"{c.description} ({c.table_id}) is checked but not written as calculation "
                "arcs: the total or a part is a printed figure that is no fact", Span(c.line, 0, 0), "info"))
            continue
        parent = c.total.concept
        items = tuple((f.concept, w) for w, f in c.parts)
        key = (c.table_id, parent.qname)
        written = kept.get(key)
        shape = tuple((i.qname, w) for i, w in items)
        if written is not None and tuple((i.qname, w) for i, w in written.items) == shape:
            continue
        reason = _unwritable(parent, items, edges[c.table_id])
        if reason is None and written is not None:
            reason = f"the role already sums {parent.qname} as {written.description}"
        if reason is not None:
            notes.setdefault((c.table_id, parent.qname, shape), Diagnostic(
                "calc.not-in-linkbase", f"{c.description} ({c.table_id}) is checked but not written as calculation "
                f"arcs: {reason}", Span(c.line, 0, 0), "info"))
            continue
        kept[key] = Summation(c.table_id, parent, items, c.description, c.line)
        edges[c.table_id][parent.qname] |= {i.qname for i, _ in items}
    more: list[Diagnostic] = []
    written = _bound_where_checked(report, tuple(kept.values()), more)
    return written, tuple(notes.values()) + tuple(more)


def _unwritable(parent: Concept, items: Sequence[tuple[Concept, int]], edges: dict[QName, set[QName]]) -> str | None:
    """Why a summation cannot join a role's network, or None."""
    names = [i.qname for i, _ in items]
    if parent.qname in names:
        return f"a part is the total's own concept {parent.qname}"
    if len(set(names)) < len(names):
        return "two parts are one concept"
    if any(c.data_type not in ADDITIVE_TYPES for c in (parent, *(i for i, _ in items))):
        return "a concept is not an additive number"
    for item, weight in items:  # XBRL 2.1 5.1.1.2: debit and credit parts subtract, like ones add
        if parent.balance and item.balance and (parent.balance == item.balance) != (weight > 0):
            return (f"{item.qname} ({item.balance}) would be {'added to' if weight > 0 else 'taken from'} "
                    f"{parent.qname} ({parent.balance}), which their balance types forbid")
    todo, seen = list(names), set()
    while todo:  # a part from which the total is already reached would close a cycle
        n = todo.pop()
        if n == parent.qname:
            return f"{parent.qname} is already summed into one of its parts"
        if n not in seen:
            seen.add(n)
            todo.extend(edges.get(n, ()))
    return None


class _Contexts:
    """Numbers equal (period, dimensions without blank members, unit) 0, 1, 2... in order of first sight: what an
    instance holds one context and unit for. A fact is looked up by the ids of its period and unit objects and its
    dims (facts of one column share those objects; model records hash field by field); every object whose id is a
    key is kept here, so no other object can take its id while the numbers are in use."""

    def __init__(self) -> None:
        self._by_ids: dict[tuple, int] = {}
        self._by_value: dict[tuple, int] = {}
        self._kept: list[tuple] = []  # the objects behind the ids of _by_ids
        self.contexts: list[tuple] = []  # number -> (period, dims without blank members, unit)

    def of(self, f: Fact) -> int:
        """The number of f's context and unit."""
        n = self._by_ids.get((id(f.period), id(f.unit), f.dims))
        if n is None:
            context = (f.period, tuple(sorted((a, m) for a, m in f.dims if m)), f.unit)
            n = self._by_value.setdefault(context, len(self.contexts))
            if n == len(self.contexts):
                self.contexts.append(context)
            self._kept.append((f.period, f.unit))
            self._by_ids[(id(f.period), id(f.unit), f.dims)] = n
        return n


@record(eq=False)
class _Kept:
    """kept_facts with the groups of kept facts by (element namespace, local name, context number), in first-seen
    order, and the numbering of contexts."""

    kept: list[Fact]
    dropped: list[tuple[Fact, Fact]]
    groups: dict[tuple[str, str, int], list[Fact]]
    contexts: _Contexts
    values: dict[tuple[str, str, int], _Value]  # _value of each group, filled as needed

    def value(self, key: tuple[str, str, int]) -> _Value:
        """_value of a group of kept facts, worked out once (summations share totals and parts)."""
        v = self.values.get(key)
        if v is None:
            v = self.values[key] = _value(self.groups[key])
        return v


def _kept_facts(report: Report) -> _Kept:
    """kept_facts, with the index of the facts kept."""
    kinds = {st.table_id: st.kind for st in report.statements}
    ranked = sorted(enumerate(report.facts), key=lambda nf: (kinds.get(nf[1].table_id) not in PRIMARY_KINDS, nf[0]))
    contexts = _Contexts()
    groups: dict[tuple[str, str, int], list[Fact]] = {}  # QName identity is (namespace, local)
    kept: list[Fact] = []
    dropped: list[tuple[Fact, Fact]] = []
    for _, f in ranked:
        group = groups.setdefault((f.concept.qname.namespace, f.concept.qname.local, contexts.of(f)), [])
        if group and not consistent_duplicate(group, f):
            dropped.append((f, group[0]))
        else:
            group.append(f)
            kept.append(f)
    return _Kept(kept, dropped, groups, contexts, {})


def kept_facts(report: Report) -> tuple[list[Fact], list[tuple[Fact, Fact]]]:
    """The facts an XBRL instance keeps (one value per element, context and unit), in ranked order, and each fact
    left out with the first kept fact it conflicts with. A primary statement's figure ranks first, then the first
    printed; a fact joins those kept for its element, context and unit when equal decimals give equal values and
    every rounding interval meets the others'."""
    found = _kept_facts(report)
    return found.kept, found.dropped


def consistent_duplicate(kept: Sequence[Fact], new: Fact) -> bool:
    """Whether new may join kept facts of its element, context and unit as XBRL duplicates: equal decimals give
    equal values, and every rounding interval meets the others'."""
    if any(o.amount.decimals == new.amount.decimals and o.xbrl_value != new.xbrl_value for o in kept):
        return False
    return _value([*kept, new]).consistent


def _by_parent(groups: dict[tuple[str, str, int], list[Fact]]) -> dict[tuple[str, str], list[int]]:
    """The context numbers of each element's kept facts, in first-seen order."""
    out: dict[tuple[str, str], list[int]] = defaultdict(list)
    for ns, local, n in groups:
        out[(ns, local)].append(n)
    return out


def _summation_checks(s: Summation, found: _Kept, by_parent: dict[tuple[str, str], list[int]],
                      wheres: dict[int, str]) -> list[tuple[int, Check]]:
    """(context number of the total, check) of one summation in every context and unit reporting the total and a
    part (wheres: the text of each context number, filled as needed)."""
    out: list[tuple[int, Check]] = []
    facts = found.groups
    names = [(i.qname.namespace, i.qname.local, i, w) for i, w in s.items]
    ns, local = s.parent.qname.namespace, s.parent.qname.local
    for n in by_parent.get((ns, local), ()):
        items = [(w, found.value((ins, ilocal, n))) for ins, ilocal, _, w in names if (ins, ilocal, n) in facts]
        if not items:
            continue
        parent = found.value((ns, local, n))
        terms = " ".join(f"{'+' if w > 0 else '-'} {_label(v.best)}" for w, v in items).lstrip("+ ")
        where = wheres.get(n)
        if where is None:
            period, dims, unit = found.contexts.contexts[n]
            where = wheres[n] = (f"{period_text(period)} {unit.text if unit else ''}"
                                 + (f" [{dims_text(dims)}]" if dims else ""))
        missing = [_label_of(i) for ins, ilocal, i, _ in names if (ins, ilocal, n) not in facts]
        note = f" (not reported here: {', '.join(missing)})" if missing else ""
        out.append((n, _summation(parent, items, LINKBASE, f"{_label(parent.best)} = {terms} [{s.table_id}]{note}",
                                  where, s.table_id)))
    return out


def _bound_where_checked(report: Report, summations: Sequence[Summation],
                         notes: list[Diagnostic]) -> list[tuple[Summation, list[Check]]]:
    """The summations that fail, as Arelle binds them, only where the printed sums they come from fail: a sum that
    binds where other tables report its total beside only some of its parts, or round otherwise, and would fail
    there, stays in the checks and out of the linkbase, with a diagnostic (a clean filing gets a clean report)."""
    found = _kept_facts(report)
    failing: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for c in summed_checks(report):
        if c.total is not None and not c.ok:
            qname = c.total.concept.qname
            failing[(c.table_id, qname.namespace, qname.local)].add(found.contexts.of(c.total))
    by_parent = _by_parent(found.groups)
    wheres: dict[int, str] = {}
    out = []
    for s in summations:
        allowed = failing.get((s.table_id, s.parent.qname.namespace, s.parent.qname.local), set())
        checked = _summation_checks(s, found, by_parent, wheres)
        stray = [c for n, c in checked if not c.ok and n not in allowed]
        if stray:
            notes.append(Diagnostic(
                "calc.not-in-linkbase", f"{s.description} ({s.table_id}) is checked but not written as calculation "
                f"arcs: bound in every context as XBRL binds it, it fails where the printed sum does not "
                f"({stray[0].description}; {stray[0].period})", Span(s.line, 0, 0), "info"))
            continue
        out.append((s, [c for _, c in checked]))
    return out


def _label_of(c: Concept) -> str:
    return c.label or c.qname.local


def with_calculations(report: Report, taxonomy: Taxonomy) -> Report:
    """The report with its calculation checks added (the taxonomy's groups, then the statements' networks, as
    Arelle makes them) and a diagnostic for each checked sum the calculation linkbase leaves out."""
    written, notes = _networks(report)
    network = tuple(c for _, checks in written for c in checks)
    return replace(report, checks=report.checks + calc_checks(report, taxonomy) + network,
                   diagnostics=report.diagnostics + notes, calc_networks=tuple(s for s, _ in written))
