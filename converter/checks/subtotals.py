"""Conversion from a Statement into subtotal Checks: does each printed subtotal equal its components?

A subtotal row (``LineItem.subtotal``: unlabelled or "Total ...") should equal the value rows above it
back to the previous subtotal or section heading::

    Interconnect and   (195,477)  ...
    Network             (51,616)  ...
                       (247,093)  ...

Components are found by layout, not by label: rows are read top to bottom onto a stack; a heading
opens a section; a subtotal closes the run of items it reconciles with (nested subtotals stand in
for their components), and an unflagged row that equals the run of items just above it
("Gross profit", "Tangible fixed assets (net)") is recognised as a running total and stands in for
that run too. Rounding follows XBRL: every printed figure may be off by half a unit of its last
digit, so the tolerance is the sum of those half-units. A subtotal that has no components in its
unit is "undetermined" and reported as such; totals that do not reconcile are reported, never fixed.
"""

from __future__ import annotations

import re

from bisect import bisect_left
from decimal import Decimal
from typing import Sequence

from ..interpret.numbers import half_unit
from ..memo import Same, text_cache
from ..model import Check, Column, Fact, LineItem, Statement, Unit, period_text
from ..record import record

UNDETERMINED = "subtotal-undetermined"  # Check.kind of a subtotal whose components cannot be found
SUBTOTAL = "subtotal"  # Check.kind of a flagged subtotal
RUNNING = "running-total"  # Check.kind of an unflagged running total recognised by layout
MAX_RUN = 40  # longest run of stack items tried as components (keeps huge tables linear)


@record
class Cell:
    """One figure of a row, reduced to what a sum needs."""

    value: Decimal  # full value with the presented sign
    decimals: int  # XBRL decimals of the printed figure
    unit: Unit | None  # unit of the cell (fact unit, else cell unit, else column unit)


@record
class Entry:
    """An item on the layout stack: a value row, a collapsed total, or a section marker."""

    row: int  # index into Statement.rows
    cells: tuple[Cell | None, ...]  # one per column; empty for a marker
    marker: bool  # True for a section heading
    covers: tuple[int, ...]  # row indices this entry stands for (itself and any collapsed components)


@record
class Outcome:
    """One column of a tested hypothesis."""

    computed: Decimal  # sum of the components
    tolerance: Decimal  # allowed difference from rounding
    ok: bool  # |expected - computed| <= tolerance


@record
class Hypothesis:
    """A candidate run of components with its per-column outcomes."""

    name: str  # "section", "rows", "run of N" (with " minus" or " less last" for the signed forms)
    parts: tuple[Entry, ...]  # components, top to bottom
    difference: str  # "": plain sum; "first": first minus the rest; "last": all minus the last
    outcomes: tuple[Outcome | None, ...]  # per column; None where the column is not checked

    @property
    def score(self) -> int:
        return sum(1 for o in self.outcomes if o is not None and o.ok)

    @property
    def determined(self) -> bool:
        return any(o is not None for o in self.outcomes)


@record
class Scored:
    """A hypothesis without its outcomes: what best_hypothesis needs to choose among hypotheses."""

    name: str  # as Hypothesis.name
    parts: tuple[Entry, ...]  # components, top to bottom
    difference: str  # as Hypothesis.difference
    score: int  # columns reconciled
    determined: bool  # some column is checked


def additive(unit: Unit | None) -> bool:
    """False for units whose figures do not add up down a column: ratios and percentages, per-share amounts."""
    return unit is None or (not unit.denominators and unit.numerators != ("pure",))


def statement_cells(statement: Statement) -> tuple[tuple[Cell | None, ...], ...]:
    """Per row, per column: the cell reduced to value, decimals and unit (None for blanks and non-additive cells).

    Made once per statement object (subtotal and balance checks both read a balance sheet's cells)."""
    return _statement_cells(Same(statement))


@text_cache(maxsize=64)
def _statement_cells(key: Same) -> tuple[tuple[Cell | None, ...], ...]:
    """statement_cells of the statement key holds: a cell's unit is its fact's, else the cell's, else its column's."""
    (statement,) = key.parts
    units_by_span = {(f.amount.span.line, f.amount.span.start, f.amount.span.end): f.unit for f in statement.facts}
    col_units = [c.unit for c in statement.columns]
    adds: dict[int, bool] = {}  # additive() by unit identity: a statement has few unit objects
    out = []
    for row in statement.rows:
        cells: list[Cell | None] = []
        for i, amount in enumerate(row.amounts):
            if amount is None:
                cells.append(None)
                continue
            span = amount.span
            unit = units_by_span.get((span.line, span.start, span.end)) or amount.unit
            if unit is None and i < len(col_units):
                unit = col_units[i]
            add = adds.get(id(unit))
            if add is None:
                add = adds[id(unit)] = additive(unit)
            cells.append(Cell(amount.value, amount.decimals, unit) if add else None)
        out.append(tuple(cells))
    return tuple(out)


def evaluate(total: Sequence[Cell | None], parts: Sequence[Entry], difference: str) -> tuple[Outcome | None, ...]:
    """Per column: compare the total with the sum of the parts in the same unit, or a signed form of it.

    difference "" adds every part; "first" is the first part minus the others ("Net sales" less
    costs); "last" is all parts minus the last one ("Less allowance for uncollectible accounts").
    """
    return evaluate_all(total, parts, (difference,))[0]


def evaluate_all(total: Sequence[Cell | None], parts: Sequence[Entry],
                 differences: Sequence[str]) -> list[tuple[Outcome | None, ...]]:
    """evaluate() for several differences at once: each column's components are gathered once."""
    out: list[list[Outcome | None]] = [[] for _ in differences]
    last = len(parts) - 1
    for c, t in enumerate(total):
        if t is None:
            for o in out:
                o.append(None)
            continue
        present = [(j, x) for j, x in enumerate(_column(parts, c)) if x is not None and _same_unit(x, t)]
        tol = half_unit(t.decimals)
        plain = Decimal(0)
        for _, x in present:
            plain += x.value
            tol += half_unit(x.decimals)
        for o, difference in zip(out, differences):
            if (not present or difference == "first" and present[0][0] != 0
                    or difference == "last" and present[-1][0] != last):
                o.append(None)  # no figure in this column (or none for the signed part)
                continue
            if difference == "first":
                computed = 2 * present[0][1].value - plain
            elif difference == "last":
                computed = plain - 2 * present[-1][1].value
            else:
                computed = plain
            o.append(Outcome(computed, tol, abs(t.value - computed) <= tol))
    return [tuple(o) for o in out]


def _column(parts: Sequence[Entry], c: int) -> list[Cell | None]:
    """The parts' cells in column c (None where a part has none)."""
    return [p.cells[c] if c < len(p.cells) else None for p in parts]


def _same_unit(x: Cell, t: Cell) -> bool:
    """x is in t's unit (units are mostly shared objects: identity first)."""
    return x.unit is t.unit or x.unit == t.unit


class _Suffixes:
    """Scores of the runs made of the last k stack items, as evaluate_all would score them.

    Each column's figures in the total's unit are gathered once, with the sums of every suffix of them: a run's
    figures are a suffix. Printed figures have far fewer digits than the decimal context keeps, so every sum is
    exact and equals the one evaluate_all adds up top to bottom."""

    def __init__(self, total: Sequence[Cell | None], items: Sequence[Entry], longest: int) -> None:
        self.items, self.n = items, len(items)
        self.columns = [_ColumnRun(t, *_figures(items, self.n - longest, c, t)) for c, t in enumerate(total)
                        if t is not None]

    def scored(self, name: str, k: int) -> list[Scored]:
        """The plain hypothesis on the last k items, with its signed forms when k > 1 (scored as evaluate_all scores them)."""
        if k == 0:
            return []
        n = self.n
        scores, checked = [0, 0, 0], [False, False, False]  # plain, first minus the rest, all minus the last
        for col in self.columns:
            rows = col.rows
            first = bisect_left(rows, n - k)
            if first == len(rows):
                continue  # no figure in this column
            plain, tol, expected = col.sums[first], col.tolerances[first], col.expected
            checked[0] = True
            scores[0] += abs(expected - plain) <= tol
            if rows[first] == n - k:
                checked[1] = True
                scores[1] += abs(expected - (2 * col.values[first] - plain)) <= tol
            if rows[-1] == n - 1:
                checked[2] = True
                scores[2] += abs(col.last_target - plain) <= tol
        run = tuple(self.items[n - k:])
        if k == 1:
            return [Scored(name, run, "", scores[0], checked[0])]
        return [Scored(name, run, "", scores[0], checked[0]),
                Scored(name + " minus", run, "first", scores[1], checked[1]),
                Scored(name + " less last", run, "last", scores[2], checked[2])]


class _ColumnRun:
    """One column of _Suffixes: the figures in the total's unit and the sums of each suffix of them."""

    __slots__ = ("expected", "last_target", "rows", "sums", "tolerances", "values")

    def __init__(self, total: Cell, rows: list[int], values: list[Decimal], halves: list[Decimal]) -> None:
        self.rows, self.values, self.expected = rows, values, total.value
        self.sums = _suffix_sums(values, Decimal(0))  # sums[i]: the figures from i on
        self.tolerances = _suffix_sums(halves, half_unit(total.decimals))  # the total's half-unit and theirs
        # "all minus the last" computes sum - 2 * last: the total is compared with it as total + 2 * last vs sum
        self.last_target = self.expected + 2 * values[-1] if values else self.expected


def _suffix_sums(values: list[Decimal], start: Decimal) -> list[Decimal]:
    """out[i] = start + values[i] + ... + values[-1]."""
    out = [start] * len(values)
    running = start
    for i in range(len(values) - 1, -1, -1):
        running += values[i]
        out[i] = running
    return out


def _figures(items: Sequence[Entry], start: int, c: int, t: Cell) -> tuple[list[int], list[Decimal], list[Decimal]]:
    """Positions, values and half-units of the figures in column c and t's unit, of the items from start on."""
    rows: list[int] = []
    values: list[Decimal] = []
    halves: list[Decimal] = []
    for j in range(start, len(items)):
        cells = items[j].cells
        x = cells[c] if c < len(cells) else None
        if x is not None and _same_unit(x, t):
            rows.append(j)
            values.append(x.value)
            halves.append(half_unit(x.decimals))
    return rows, values, halves


def _nonzero_parts(parts: Sequence[Entry], col: int) -> int:
    return sum(1 for p in parts if col < len(p.cells) and p.cells[col] is not None and p.cells[col].value != 0)


def best_hypothesis(hyps: Sequence[Hypothesis | Scored]) -> Hypothesis | Scored | None:
    """The hypothesis reconciling the most columns; earlier (more layout-like) ones win ties.

    When none reconciles anything, the first with several components is reported (a single printed
    row standing for a whole total says nothing about the sum).
    """
    determined = [h for h in hyps if h.determined]
    if not determined:
        return None
    best = max(enumerate(determined), key=lambda ih: (ih[1].score, -ih[0]))[1]
    if best.score == 0:
        natural = [h for h in determined if h.name in ("section", "rows")]
        return next((h for h in natural if len(h.parts) > 1), natural[0] if natural else best)
    return best


def _is_heading(row: LineItem) -> bool:
    return row.row_kind == "heading" or (bool(row.label) and all(a is None for a in row.amounts))


def _has_values(row: LineItem) -> bool:
    return any(a is not None for a in row.amounts)


def _scope_start(stack: Sequence[Entry]) -> int:
    """Index after the last marker on the stack."""
    for i in range(len(stack) - 1, -1, -1):
        if stack[i].marker:
            return i + 1
    return 0


def _raw_rows(rows: Sequence[LineItem], cells: Sequence[Sequence[Cell | None]], idx: int) -> tuple[Entry, ...]:
    """Value rows directly above idx, back to the previous subtotal or heading (the literal rule)."""
    parts: list[Entry] = []
    for j in range(idx - 1, -1, -1):
        r = rows[j]
        if _is_heading(r) or r.subtotal:
            break
        if _has_values(r):
            parts.append(Entry(j, tuple(cells[j]), False, (j,)))
    return tuple(reversed(parts))


def _describe(statement: Statement, total: LineItem, parts: Sequence[Entry], difference: str, name: str) -> str:
    def lab(e: Entry) -> str:
        r = statement.rows[e.row]
        text = r.label or f"unlabelled total (line {r.line})"
        return text if len(text) <= 48 else text[:45] + "..."

    signs = ["-" if sign < 0 else "+" for sign in _signs(parts, difference)]
    joined = lab(parts[0]) + "".join(f" {signs[i]} {lab(p)}" for i, p in enumerate(parts) if i > 0)
    head = total.label or f"unlabelled total (line {total.line})"
    return f"{head} = {joined} [{name}]"


def _signs(parts: Sequence[Entry], difference: str) -> list[int]:
    """+1 or -1 per part, as _describe prints them."""
    return [-1 if (difference == "first" and i > 0) or (difference == "last" and i == len(parts) - 1) else 1
            for i in range(len(parts))]


def statement_facts(statement: Statement) -> dict[tuple[int, int, int], Fact]:
    """The statement's facts by the place their figure is printed (line, start, end)."""
    return {(f.amount.span.line, f.amount.span.start, f.amount.span.end): f for f in statement.facts}


def sum_terms(statement: Statement, facts: dict[tuple[int, int, int], Fact], row: int, total: Cell,
              parts: Sequence[Entry], signs: Sequence[int], c: int) -> tuple[Fact | None, tuple[tuple[int, Fact], ...]]:
    """The facts of a checked sum in column c: the total's and (weight, fact) of each part figured in its unit, the
    weights applying to XBRL values; (None, ()) when the total or a part is no fact (the sum cannot be written)."""
    def fact(r: int) -> Fact | None:
        amount = statement.rows[r].amounts[c] if c < len(statement.rows[r].amounts) else None
        return None if amount is None else facts.get((amount.span.line, amount.span.start, amount.span.end))

    head = fact(row)
    if head is None:
        return None, ()
    terms = []
    for p, sign in zip(parts, signs):
        cell = p.cells[c] if c < len(p.cells) else None
        if cell is None or not _same_unit(cell, total):
            continue
        f = fact(p.row)
        if f is None:
            return None, ()
        terms.append((sign * f.xbrl_sign * head.xbrl_sign, f))
    return head, tuple(terms)


def _period(columns: Sequence[Column], c: int) -> str:
    if c < len(columns) and columns[c].period is not None:
        return period_text(columns[c].period)  # type: ignore[arg-type]
    return ""


def statement_checks(statement: Statement) -> tuple[Check, ...]:
    """Subtotal checks of one statement: one Check per (subtotal row, column) plus running totals found."""
    rows = statement.rows
    cells = statement_cells(statement)
    facts = statement_facts(statement)
    stack: list[Entry] = []
    checks: list[Check] = []
    section = ""
    for idx, row in enumerate(rows):
        if _is_heading(row):
            stack.append(Entry(idx, (), True, (idx,)))
            section = row.label
            continue
        if not _has_values(row):
            continue
        if row.section and row.section != section:
            stack.append(Entry(idx, (), True, ()))  # a new section without a heading row of its own
            section = row.section
        total = tuple(cells[idx])
        if row.subtotal:
            checks.extend(_flagged(statement, idx, total, stack, cells, facts))
        else:
            checks.extend(_running(statement, idx, total, stack, facts))
    return tuple(checks)


def _flagged(statement: Statement, idx: int, total: tuple[Cell | None, ...], stack: list[Entry],
             cells: Sequence[Sequence[Cell | None]], facts: dict[tuple[int, int, int], Fact]) -> list[Check]:
    """Test a flagged subtotal against layout runs, record the outcome, and collapse its components."""
    row = statement.rows[idx]
    start = _scope_start(stack)
    scope = tuple(stack[start:])
    items = [e for e in stack if not e.marker]
    longest = min(len(items), MAX_RUN)
    # the scope holds no marker: it is the run of the last len(scope) items, tested as "section" and not again
    runs = _Suffixes(total, items, max(longest, len(scope)))
    raw = _raw_rows(statement.rows, cells, idx)
    hyps: list[Hypothesis | Scored] = [
        *runs.scored("section", len(scope)), *_Suffixes(total, raw, len(raw)).scored("rows", len(raw)),
        *(h for k in range(2, longest + 1) if k != len(scope) for h in runs.scored(f"run of {k}", k))]
    best = _outcomes(total, best_hypothesis(hyps))
    checks: list[Check] = []
    if best is None:
        for c, t in enumerate(total):
            if t is not None:
                checks.append(Check(UNDETERMINED, statement.table_id, row.line,
                                    f"{row.label or 'unlabelled total'}: no components found above it",
                                    t.value, Decimal(0), False, _period(statement.columns, c)))
        stack.append(Entry(idx, total, False, (idx,)))
        return checks
    desc = _describe(statement, row, best.parts, best.difference, best.name)
    signs = _signs(best.parts, best.difference)
    for c, t in enumerate(total):
        if t is None:
            continue
        o = best.outcomes[c]
        if o is None:
            checks.append(Check(UNDETERMINED, statement.table_id, row.line,
                                f"{desc}: no component has a figure in this column", t.value, Decimal(0), False,
                                _period(statement.columns, c)))
        elif len(best.parts) == 1 and not o.ok:
            checks.append(Check(UNDETERMINED, statement.table_id, row.line,
                                f"{desc}: one printed row cannot make up this total; its other parts are not shown",
                                t.value, o.computed, False, _period(statement.columns, c)))
        else:
            head, terms = sum_terms(statement, facts, idx, t, best.parts, signs, c)
            if head is not None and any(f.period.kind != head.period.kind for _, f in terms):
                checks.append(Check(UNDETERMINED, statement.table_id, row.line,
                                    f"{desc}: a balance cannot be a sum of flows (its rows are of both kinds)",
                                    t.value, o.computed, False, _period(statement.columns, c)))
                continue
            checks.append(Check(SUBTOTAL, statement.table_id, row.line, desc, t.value, o.computed, o.ok,
                                _period(statement.columns, c), head, terms))
    _collapse(stack, best.parts, Entry(idx, total, False, (idx,)))
    return checks


def _outcomes(total: Sequence[Cell | None], h: Hypothesis | Scored | None) -> Hypothesis | None:
    """The chosen hypothesis with its outcomes (a scored one is evaluated again)."""
    if h is None or isinstance(h, Hypothesis):
        return h
    return Hypothesis(h.name, h.parts, h.difference, evaluate(total, h.parts, h.difference))


def _collapse(stack: list[Entry], parts: Sequence[Entry], total: Entry) -> None:
    """Replace the components (and a section marker they reach back to) by the total on the stack."""
    ids = {id(p) for p in parts}
    positions = [i for i, e in enumerate(stack) if id(e) in ids]
    covers: list[int] = []
    if positions:
        first = positions[0]
        if first > 0 and stack[first - 1].marker and first == _scope_start(stack[:first]):
            first -= 1
        for e in stack[first:]:
            covers.extend(e.covers)
        del stack[first:]
    else:
        raw_rows = {p.row for p in parts}
        while stack and not stack[-1].marker and set(stack[-1].covers) & raw_rows:
            covers.extend(stack.pop().covers)
        if stack and stack[-1].marker and raw_rows:
            stack.pop()
    stack.append(Entry(total.row, total.cells, False, tuple(sorted(set(covers))) + (total.row,)))


def _recent_scope(stack: Sequence[Entry], limit: int) -> list[Entry]:
    """The last `limit` items above the nearest section marker, top of the stack last."""
    out: list[Entry] = []
    for e in reversed(stack):
        if e.marker or len(out) == limit:
            break
        out.append(e)
    return out[::-1]


def _candidate_runs(total: Sequence[Cell | None], scope: Sequence[Entry]) -> list[tuple[int, str]]:
    """(k, form) pairs whose first checked column adds up exactly: a cheap filter before the full test."""
    c0 = next((c for c, t in enumerate(total) if t is not None), None)
    if c0 is None:
        return []
    t = total[c0]
    vals: list[Decimal | None] = []
    for e in reversed(scope):
        cell = e.cells[c0] if c0 < len(e.cells) else None
        vals.append(cell.value if cell is not None and _same_unit(cell, t) else None)  # type: ignore[arg-type]
    out: list[tuple[int, str]] = []
    running = Decimal(0)
    for k, v in enumerate(vals, start=1):
        running += v or 0
        if k < 2:
            continue
        if running == t.value:  # type: ignore[union-attr]
            out.append((k, ""))
        if v is not None and 2 * v - running == t.value:  # type: ignore[union-attr]
            out.append((k, "first"))
        if vals[0] is not None and running - 2 * vals[0] == t.value:  # type: ignore[union-attr]
            out.append((k, "last"))
    return out


_DEDUCTION = re.compile(r"\s*(less|deduct|minus)\b", re.IGNORECASE)
"""A row printed as a deduction: a component of the sum below it, never a running total of the rows above."""


def _running(statement: Statement, idx: int, total: tuple[Cell | None, ...], stack: list[Entry],
             facts: dict[tuple[int, int, int], Fact]) -> list[Check]:
    """Recognise an unflagged row equal to the run of items just above it; otherwise push it."""
    row = statement.rows[idx]
    scope = _recent_scope(stack, MAX_RUN)
    entry = Entry(idx, total, False, (idx,))
    if _DEDUCTION.match(row.label):
        stack.append(entry)  # "Less common stock held in treasury" is taken away, never a result
        return []
    for k, difference in _candidate_runs(total, scope):
        parts = tuple(scope[-k:])
        outcomes = evaluate(total, parts, difference)
        checked = [(c, o) for c, o in enumerate(outcomes) if o is not None]
        if not checked or not all(o.computed == total[c].value for c, o in checked):  # type: ignore[union-attr]
            continue  # a total found by layout alone must add up exactly as printed
        if not any(_nonzero_parts(parts, c) >= 2 for c, _ in checked):
            continue
        if any(total[c] is not None and outcomes[c] is None for c in range(len(total))):
            continue
        desc = _describe(statement, row, parts, difference, "running total")
        signs = _signs(parts, difference)
        checks = []
        for c, o in checked:
            t = total[c]
            assert t is not None  # a checked column has a total
            head, terms = sum_terms(statement, facts, idx, t, parts, signs, c)
            checks.append(Check(RUNNING, statement.table_id, row.line, desc, t.value, o.computed, True,
                                _period(statement.columns, c), head, terms))
        _collapse(stack, parts, entry)
        return checks
    stack.append(entry)
    return []
