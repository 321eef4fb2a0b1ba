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
from .calc import ADDITIVE_TYPES, _label, _summation, _value, calc_checks

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


def kept_facts(report: Report) -> tuple[list[Fact], list[tuple[Fact, Fact]]]:
    """The facts an XBRL instance keeps (one value per element, context and unit), in ranked order, and each fact
    left out with the first kept fact it conflicts with. A primary statement's figure ranks first, then the first
    printed; a fact joins those kept for its element, context and unit when equal decimals give equal values and
    every rounding interval meets the others'."""
    kinds = {st.table_id: st.kind for st in report.statements}
    ranked = sorted(enumerate(report.facts), key=lambda nf: (kinds.get(nf[1].table_id) not in PRIMARY_KINDS, nf[0]))
    groups: dict[tuple, list[Fact]] = {}
    kept: list[Fact] = []
    dropped: list[tuple[Fact, Fact]] = []
    for _, f in ranked:
        group = groups.setdefault(_binding(f), [])
        if group and not consistent_duplicate(group, f):
            dropped.append((f, group[0]))
        else:
            group.append(f)
            kept.append(f)
    return kept, dropped


def _binding(f: Fact) -> tuple:
    """(element, period, dimensions without blank members, unit): what an instance holds one value for."""
    return f.concept.qname, f.period, tuple(sorted((a, m) for a, m in f.dims if m)), f.unit


def consistent_duplicate(kept: Sequence[Fact], new: Fact) -> bool:
    """Whether new may join kept facts of its element, context and unit as XBRL duplicates: equal decimals give
    equal values, and every rounding interval meets the others'."""
    if any(o.amount.decimals == new.amount.decimals and o.xbrl_value != new.xbrl_value for o in kept):
        return False
    return _value([*kept, new]).consistent


def _fact_index(report: Report) -> tuple[dict[tuple, list[Fact]], dict[QName, list[tuple]]]:
    """The kept facts by binding, and the bindings of each element, in first-seen order."""
    facts: dict[tuple, list[Fact]] = defaultdict(list)
    by_parent: dict[QName, list[tuple]] = defaultdict(list)
    for f in kept_facts(report)[0]:
        key = _binding(f)
        facts[key].append(f)
        if len(facts[key]) == 1:
            by_parent[f.concept.qname].append(key)
    return facts, by_parent


def _summation_checks(s: Summation, facts: dict[tuple, list[Fact]],
                      by_parent: dict[QName, list[tuple]]) -> list[tuple[tuple, Check]]:
    """(binding of the total, check) of one summation in every context and unit reporting the total and a part."""
    out: list[tuple[tuple, Check]] = []
    for key in by_parent.get(s.parent.qname, ()):
        rest = key[1:]
        items = [(w, _value(facts[(i.qname, *rest)])) for i, w in s.items if (i.qname, *rest) in facts]
        if not items:
            continue
        parent = _value(facts[key])
        terms = " ".join(f"{'+' if w > 0 else '-'} {_label(v.best)}" for w, v in items).lstrip("+ ")
        period, dims, unit = rest
        where = f"{period_text(period)} {unit.text if unit else ''}" + (f" [{dims_text(dims)}]" if dims else "")
        missing = [_label_of(i) for i, _ in s.items if (i.qname, *rest) not in facts]
        note = f" (not reported here: {', '.join(missing)})" if missing else ""
        out.append((rest, replace(_summation(parent, items, LINKBASE, f"{_label(parent.best)} = {terms} "
                                              f"[{s.table_id}]{note}", where), table_id=s.table_id)))
    return out


def _bound_where_checked(report: Report, summations: Sequence[Summation],
                         notes: list[Diagnostic]) -> list[tuple[Summation, list[Check]]]:
    """The summations that fail, as Arelle binds them, only where the printed sums they come from fail: a sum that
    binds where other tables report its total beside only some of its parts, or round otherwise, and would fail
    there, stays in the checks and out of the linkbase, with a diagnostic (a clean filing gets a clean report)."""
    failing: dict[tuple[str, QName], set[tuple]] = defaultdict(set)
    for c in summed_checks(report):
        if c.total is not None and not c.ok:
            failing[(c.table_id, c.total.concept.qname)].add(_binding(c.total)[1:])
    facts, by_parent = _fact_index(report)
    out = []
    for s in summations:
        allowed = failing.get((s.table_id, s.parent.qname), set())
        checked = _summation_checks(s, facts, by_parent)
        stray = [c for rest, c in checked if not c.ok and rest not in allowed]
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
