"""Conversion from a Report's balance sheets into balance Checks: total assets = liabilities + equity.

The totals are found by concept (Assets, LiabilitiesAndStockholdersEquity, ...), else by label
(``taxonomy/statement_keywords.csv`` rows whose ``where`` is ``total_assets``, ...), else by layout:
unlabelled (or bare "TOTAL") totals closing the assets part and the liabilities part, in one table
or in two tables printed one after the other::

                                        $4,487          $ 5,364
    ...
                                        $4,487           $ 5,364

Each (period, unit, dims) column is checked on its own; figures agree within their rounding.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ..interpret.classify import contains_phrase, load_keywords, normalise, phrases_for
from ..memo import Same, report_cache, text_cache
from ..model import Check, Dims, Fact, Period, Report, Statement, Unit, period_text
from ..record import record
from .subtotals import Cell, half_unit, statement_cells

ROLES = ("total_liabilities_equity", "total_assets", "total_equity", "total_liabilities")
"""Balance-sheet roles in matching order (the longer phrases first)."""

Key = tuple[Period, Unit | None, Dims, int]
"""(period, unit, dims, n): n counts earlier columns of the row with the same period, unit and dims."""


@record
class Total:
    """A balance-sheet total row with its figures by (period, unit, dims)."""

    role: str  # one of ROLES, or "grand_total" for an unlabelled last row
    table_id: str  # statement it was printed in
    line: int  # source line
    label: str  # printed label ("" when unlabelled)
    cells: tuple[tuple[Key, Cell], ...]  # figures by column key, in column order
    concepts: tuple[str, ...] = ()  # concept local names its facts were mapped to
    places: tuple[tuple[int, int, int], ...] = ()  # (line, start, end) where each of cells is printed, in order

    def cell(self, key: Key) -> Cell | None:
        return next((c for k, c in self.cells if k == key), None)

    def place(self, key: Key) -> tuple[int, int, int] | None:
        """Where the figure of a column key is printed."""
        return next((p for (k, _), p in zip(self.cells, self.places) if k == key), None)


def row_role(label: str, concepts: Sequence[str]) -> str:
    """The balance-sheet role of a row from its facts' concepts, else its label; "" for none."""
    lowered = {c.lower() for c in concepts}
    for role in ROLES:
        if any(k.phrase in lowered for k in phrases_for(f"concept:{role}")):
            return role
    return _label_role(label)


@text_cache(maxsize=16384)
def _label_role(label: str) -> str:
    """The balance-sheet role a row label starts with ("Total assets ..."), or ""."""
    text = normalise(label)
    for role in ROLES:
        if any(text.startswith(k.phrase) and contains_phrase(text, k.phrase) for k in phrases_for(role)):
            return role
    return ""


def statement_totals(st: Statement) -> list[Total]:
    """Totals of one balance statement: rows with a role, and an unlabelled last subtotal."""
    cells = statement_cells(st)
    concepts_by_line: dict[int, list[str]] = {}
    for f in st.facts:
        concepts_by_line.setdefault(f.amount.span.line, []).append(f.concept.qname.local)
    value_rows = [i for i, r in enumerate(st.rows) if any(a is not None for a in r.amounts)]
    generic = {k.phrase for k in load_keywords() if k.kind == "generic"}
    out: list[Total] = []
    for i in value_rows:
        row = st.rows[i]
        concepts = [c for a in row.amounts if a is not None for c in concepts_by_line.get(a.span.line, [])]
        closes = i == value_rows[-1] or (i + 1 < len(st.rows) and st.rows[i + 1].row_kind == "heading")
        if row.subtotal and closes and normalise(row.label) in generic | {""}:
            role = "grand_total"  # an unlabelled (or bare "TOTAL") total closing the table or a part of it
        else:  # (layout first: a concept given to a bare "TOTAL" is only the label mapper's guess)
            role = row_role(row.label, concepts)
        if role:
            keyed = _keyed(st, cells[i])
            places = tuple((a.span.line, a.span.start, a.span.end) for c, a in enumerate(row.amounts)
                           if a is not None and cells[i][c] is not None and c < len(st.columns)
                           and st.columns[c].period is not None)
            out.append(Total(role, st.table_id, row.line, row.label, keyed, tuple(sorted(set(concepts))), places))
    return out


def _keyed(st: Statement, cells: Sequence[Cell | None]) -> tuple[tuple[Key, Cell], ...]:
    out = []
    seen: dict[tuple, int] = {}  # type: ignore[type-arg]
    for c, cell in enumerate(cells):
        if cell is None or c >= len(st.columns) or st.columns[c].period is None:
            continue
        col = st.columns[c]
        base = (col.period, cell.unit, col.dims)
        seen[base] = seen.get(base, -1) + 1
        out.append(((col.period, cell.unit, col.dims, seen[base]), cell))
    return tuple(out)


def sheet_totals(report: Report) -> tuple[tuple[Total, ...], ...]:
    """statement_totals of each balance sheet, in order: worked out once for the checks and summaries of one
    report's statements (they depend on nothing else)."""
    return _sheet_totals(Same(report.statements))


@report_cache
def _sheet_totals(key: Same) -> tuple[tuple[Total, ...], ...]:
    """sheet_totals of key's statements."""
    (statements,) = key.parts
    return tuple(tuple(statement_totals(st)) for st in statements if st.kind == "balance")


def find_balance_totals(report: Report) -> tuple[list[tuple[Total, list[Total]]], int]:
    """Pairs (total assets, [liabilities-and-equity parts]) over the balance sheets, and the number of them."""
    pairs, sheets = balance_pairings(report)
    return [(a, parts) for a, parts, _ in pairs], sheets


def balance_pairings(report: Report) -> tuple[list[tuple[Total, list[Total], str]], int]:
    """Pairs (total assets, [liabilities-and-equity parts], doubt) over the balance sheets, and their number.

    A total-assets row pairs with a liabilities-and-equity total below it in its own table, else in
    the next balance table when that table is a continuation: the table printed right after it, with no
    total-assets row of its own (a five-year summary's total assets never pairs with a balance sheet pages on).
    doubt is "" for a clean pairing, else why the pair cannot decide anything: several candidate totals that
    disagree, or both sides mapped to one concept.
    """
    per_sheet = sheet_totals(report)
    at = [i for i, st in enumerate(report.statements) if st.kind == "balance"]
    pairs: list[tuple[Total, list[Total], str]] = []
    for n, totals in enumerate(per_sheet):
        follow = list(per_sheet[n + 1]) if n + 1 < len(per_sheet) and at[n + 1] == at[n] + 1 else []
        if any(t.role == "total_assets" for t in follow):
            follow = []
        assets = [t for t in totals if t.role == "total_assets"]
        for a in assets:
            scope = [t for t in totals if t.line > a.line] + follow
            ends = [t for t in scope if t.role in ("total_liabilities_equity", "grand_total") and _shares_key(a, t)]
            if ends:
                labelled = [t for t in ends if t.role == "total_liabilities_equity"]
                pairs.append((a, [ends[0]], _doubt(a, [ends[0]], [labelled])))
                continue
            tl = [t for t in scope if t.role == "total_liabilities" and _shares_key(a, t)]
            te = [t for t in scope if t.role == "total_equity" and _shares_key(a, t)]
            if tl and te:
                pairs.append((a, [tl[0], te[0]], _doubt(a, [tl[0], te[0]], [tl, te])))
        grand = [t for t in totals if t.role == "grand_total"]
        if not assets and len(grand) >= 2 and _shares_key(grand[0], grand[-1]):
            pairs.append((grand[0], [grand[-1]], _doubt(grand[0], [grand[-1]], [])))  # assets part, liabilities part
        elif not assets and n > 0 and at[n - 1] == at[n] - 1 \
                and not any(t.role == "total_assets" for t in per_sheet[n - 1]):
            # two printed grand totals (an assets table, then its liabilities-and-equity table) must agree
            first = [t for t in per_sheet[n - 1] if t.role == "grand_total"]
            second = [t for t in totals if t.role in ("grand_total", "total_liabilities_equity")]
            if first and second and _shares_key(first[-1], second[-1]):
                pairs.append((first[-1], [second[-1]], _doubt(first[-1], [second[-1]], [])))
    return pairs, len(per_sheet)


def _doubt(assets: Total, parts: Sequence[Total], candidates: Sequence[Sequence[Total]]) -> str:
    """Why a pairing decides nothing ("" when it does): one concept on both sides, or candidates that disagree."""
    shared = set(assets.concepts) & {c for p in parts for c in p.concepts}
    if shared:
        return f"both sides are mapped to {', '.join(sorted(shared))}"
    if any(p.table_id == assets.table_id and p.line == assets.line for p in parts):
        return "both sides are the same row"
    for p in (assets, *parts):
        if p.role == "grand_total" and not all(any(k == key for k, _ in p.cells) for key, _ in assets.cells):
            return f"the unlabelled total on line {p.line} prints only some of the dates"
    for group in candidates:
        if len(group) > 1 and not _agreeing(group):
            return f"{len(group)} candidate totals ({', '.join(f'line {t.line}' for t in group)}) disagree"
    return ""


def _agreeing(group: Sequence[Total]) -> bool:
    """Every candidate total prints the same figures for the keys they share."""
    first = group[0]
    for other in group[1:]:
        for key, cell in first.cells:
            c = other.cell(key)
            if c is not None and abs(c.value - cell.value) > half_unit(c.decimals) + half_unit(cell.decimals):
                return False
    return True


def unpaired_assets_totals(report: Report) -> int:
    """How many total-assets rows of the balance sheets found nothing to be compared with."""
    pairs, _ = find_balance_totals(report)
    paired = {(a.table_id, a.line) for a, _ in pairs}
    found = {(t.table_id, t.line) for totals in sheet_totals(report) for t in totals if t.role == "total_assets"}
    return len(found - paired)


def _shares_key(a: Total, b: Total) -> bool:
    keys = {k for k, _ in b.cells}
    return any(k in keys for k, _ in a.cells)


def _terms(facts: dict[tuple[int, int, int], Fact], assets: Total, parts: Sequence[Total],
           key: Key) -> tuple[Fact | None, tuple[tuple[int, Fact], ...]]:
    """The facts of one column of the equation: total assets', and (weight, fact) of each part (XBRL values);
    (None, ()) when a figure is no fact."""
    head = facts.get(assets.place(key) or (0, 0, 0))
    terms = [facts.get(p.place(key) or (0, 0, 0)) for p in parts]
    if head is None or any(f is None for f in terms):
        return None, ()
    return head, tuple((f.xbrl_sign * head.xbrl_sign, f) for f in terms if f is not None)


BALANCE = "balance"  # Check.kind of a balance-sheet equation
UNDECIDED = "balance-undetermined"  # Check.kind of a balance date the pairing cannot decide


def balance_checks(report: Report) -> tuple[Check, ...]:
    """One Check per balance-sheet date (and unit, dims): total assets against liabilities plus equity.

    A date where the other side prints no figure, a pairing in doubt (_doubt), and a total-assets row with
    nothing to pair are undetermined: they are reported and never pass."""
    pairs, _ = balance_pairings(report)
    facts = {(f.amount.span.line, f.amount.span.start, f.amount.span.end): f for f in report.facts}
    checks: list[Check] = []
    for assets, parts, doubt in pairs:
        names = " + ".join(p.label or f"unlabelled total (line {p.line})" for p in parts)
        desc = f"{assets.label or f'unlabelled total (line {assets.line})'} = {names}"
        last = parts[-1]
        for key, cell in assets.cells:
            others = [p.cell(key) for p in parts]
            if any(o is None for o in others):
                checks.append(Check(UNDECIDED, last.table_id, last.line, f"{desc}: no figure on the other side",
                                    cell.value, Decimal(0), False, period_text(key[0])))
                continue
            computed = sum((o.value for o in others), Decimal(0))  # type: ignore[union-attr]
            tol = half_unit(cell.decimals) + sum((half_unit(o.decimals) for o in others), Decimal(0))  # type: ignore[union-attr]
            if doubt:
                checks.append(Check(UNDECIDED, last.table_id, last.line, f"{desc}: {doubt}", cell.value, computed,
                                    False, period_text(key[0])))
                continue
            head, terms = _terms(facts, assets, parts, key)
            checks.append(Check(BALANCE, last.table_id, last.line, desc, cell.value, computed,
                                abs(cell.value - computed) <= tol, period_text(key[0]), head, terms))
    paired = {(a.table_id, a.line) for a, _, _ in pairs}
    for totals in sheet_totals(report):
        for t in totals:
            if t.role == "total_assets" and (t.table_id, t.line) not in paired:
                for key, cell in t.cells:
                    checks.append(Check(UNDECIDED, t.table_id, t.line,
                                        f"{t.label}: no liabilities-and-equity total found to compare with",
                                        cell.value, Decimal(0), False, period_text(key[0])))
    return tuple(checks)
