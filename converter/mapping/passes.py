"""Evidence passes over a report's row choices: the EX-27 schedule, equal figures, arithmetic, segment members,
and the dimensions that tell apart figures differing from the primary statements."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ..interpret.numbers import half_unit
from ..interpret.share import shared
from ..model import Concept, Duration, Fact, Instant, LineItem, Statement
from .choose import (Choice, Extensions, Index, RowContext, choose_named, fact_data_type, member_texts,
                     subtractive)
from .evidence import BALANCE_IDENTITY, Ex27Evidence
from .load import Taxonomy
from .normalise import member_slug
from .terms import words_of

def _fits(f: Fact, concept: Concept) -> bool:
    """Whether a fact may carry a concept: the same period type and the data type its unit calls for."""
    return f.period.kind == concept.period_type and fact_data_type(f.unit) == concept.data_type


def _allowed(concept: str, like: Concept, taxonomy: Taxonomy) -> bool:
    d = taxonomy.concepts.get(concept)
    return bool(d and not d.abstract and d.data_type == like.data_type and d.period_type == like.period_type)


def apply_ex27(facts: tuple[Fact, ...], choices: list[Choice], ex27: Ex27Evidence, index: Index,
                ext: Extensions) -> None:
    """A row whose figure equals an EX-27 tag's value for the same period states the tag's concept.

    A row its label (or its place: an equity statement's balance row) maps keeps its concept; an extension gives way
    to a single EX-27 concept of the same type; agreement is noted."""
    if not ex27.by_figure:
        return  # no schedule figure to compare (Ex27Evidence.concepts finds none for any fact)
    by_row: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        by_row.setdefault((f.line, f.period.kind, f.unit), []).append(i)
    tax = index.tax
    for idx in by_row.values():
        c = choices[idx[0]]
        found: dict[str, str] = {}
        plain = [i for i in idx if not facts[i].dims]
        for i in plain or idx:  # a component's figure (an equity statement's common stock column) names no row
            found.update(ex27.concepts(facts[i]))  # that prints its total
        if not found:
            continue
        local = c.concept.qname.local
        if not c.concept.extension and local in found:
            agreed = replace(c, note=f"{c.note}; EX-27 {found[local]} agrees")
            for i in idx:
                if choices[i] == c:
                    choices[i] = agreed
            continue
        if not c.concept.extension:
            continue  # the label's own words stand: a schedule's figure may equal the row's by chance ("Accrued
            # compensation  99" beside <ALLOWANCES> 99) or be filed under the wrong tag (<COMMON> for preferred stock)
        names = [n for n in found if _allowed(n, c.concept, tax)]
        if len(names) != 1:
            continue
        concept = tax.concept(names[0])
        new = Choice(concept, "matched", f"EX-27 {found[names[0]]} has the same figure for the period"
                      + (f" (label rule said {local})" if not c.concept.extension else ""), False,
                      subtractive(concept, tax), evidence="ex27")
        for i in idx:
            if _fits(facts[i], concept):
                choices[i] = new


def apply_identity(groups: list[tuple[Statement | None, tuple[Fact, ...]]], chosen: dict[int, list[Choice]],
                    index: Index) -> None:
    """An unlabelled total left on an extension takes the standard concept of a row elsewhere in the filing that
    prints the same figures for the same periods (one figure printed twice is one fact), when only one fits."""
    tax = index.tax
    rows: dict[int, dict[tuple, list[int]]] = {}  # the unlabelled totals left on an extension, by statement
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        items = {it.line: it for it in st.rows}
        by_row: dict[tuple, list[int]] = {}
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            if c.concept.extension or c.evidence == "heading":
                item = items.get(f.line)
                if item is not None and item.subtotal and not f.label.strip():
                    by_row.setdefault((f.line, f.period.kind, f.unit), []).append(i)
        if by_row:
            rows[gi] = by_row
    if not rows:
        return  # no such total: the figures of the other rows are not read
    known: dict[tuple, set[str]] = {}
    homes: dict[int, Counter[str]] = {}
    for gi, (st, facts) in enumerate(groups):
        for f, c in zip(facts, chosen[gi]):
            if c.concept.extension or c.evidence == "heading" or f.amount.value == 0:
                continue
            known.setdefault((f.amount.value, f.period, f.unit, f.dims), set()).add(c.concept.qname.local)
            d = tax.concepts.get(c.concept.qname.local)
            if d is not None and d.home in ("assets", "liabilities"):
                homes.setdefault(gi, Counter())[d.home] += 1
    for gi, by_row in rows.items():
        facts = groups[gi][1]
        counts = homes.get(gi, Counter())
        side = next((h for h, n in counts.items() if n >= SIDE_SHARE * sum(counts.values())), "")
        for idx in by_row.values():
            like = chosen[gi][idx[0]].concept
            sets = [known.get((facts[i].amount.value, facts[i].period, facts[i].unit, facts[i].dims)) for i in idx]
            sets = [x for x in sets if x]
            if not sets:
                continue
            names = set.intersection(*sets)
            if side == "liabilities" and BALANCE_IDENTITY[0] in names:
                names = (names - {BALANCE_IDENTITY[0]}) | {BALANCE_IDENTITY[1]}  # total assets = total L&SE
            names = {n for n in names if _allowed(n, like, tax)
                     and not (side and tax.concepts[n].home in ("assets", "liabilities")
                              and tax.concepts[n].home != side)}
            if len(names) != 1:
                continue
            concept = tax.concept(names.pop())
            new = Choice(concept, "matched", "an unlabelled total equal to the same figures of "
                          f"{concept.qname.local} elsewhere in the filing", False, subtractive(concept, tax),
                          evidence="identity")
            for i in idx:
                if _fits(facts[i], concept):
                    chosen[gi][i] = new


SEGMENT_AXIS = "segment"
"""Axis of the blocks a statement prints under headings that name no line item (a sector, a subsidiary)."""


_FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or per the to with total net less plus".split())


@lru_cache(maxsize=4)
def _vocabulary(taxonomy: Taxonomy) -> frozenset[str]:
    """Every word a line item may be named by: the words of the term rules and aliases (function words aside)."""
    words: set[str] = set()
    for r in taxonomy.terms:
        for g in r.label:
            for token in g:
                words.update(token.split("_"))
    for a in taxonomy.aliases:
        words.update(words_of(a.key))
    return frozenset(words - _FUNCTION_WORDS)


def _known_member(label: str, taxonomy: Taxonomy) -> tuple[str, str] | None:
    """The (axis, member) of dimensions.csv whose label or printed phrase a row label is ("United States")."""
    key = taxonomy.key(label)
    for (axis, member), texts in member_texts(taxonomy).items():
        if member and key in texts:
            return axis, member
    return None


def _label_member(label: str, taxonomy: Taxonomy, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """The (axis, member) a row label names when it holds no word of any line item, else None."""
    words = set(words_of(taxonomy.key(label)))
    if re.search(r"\d", label) or not words - _FUNCTION_WORDS or words & vocabulary:
        return None  # figures, dates, "Total" and line-item words name no member
    return _known_member(label, taxonomy) or (SEGMENT_AXIS, member_slug(label))


def heading_concept(item: LineItem, kind: str, dtype: str, ptype: str, index: Index) -> tuple[str, Choice] | None:
    """The innermost open heading of a row that names a line item of this data and period type, and its choice."""
    for heading in reversed(tuple(h for h in (*item.path, item.section) if h.strip())):
        ctx = RowContext("", (), kind, dtype, ptype, True, "")
        memo_key = ("heading", heading, ctx)
        if memo_key not in index.memo:
            index.memo[memo_key] = choose_named((heading,), ctx, "", index, Extensions("urn:none", "none"))
        named = index.memo[memo_key]
        if not named.concept.extension:
            return heading, named
    return None


MIN_MEMBER_ROWS = 2  # unmapped rows under one heading, at least, to read their labels as a breakdown


def apply_members(groups: list[tuple[Statement | None, tuple[Fact, ...]]], kinds: list[str],
                   chosen: dict[int, list[Choice]], index: Index) -> None:
    """A row whose label holds no word of any line item ("Aircraft Engines", "Automotive") under a heading that
    names one ("Revenues", "Assets") is that line item for a member of the segment axis: the heading's concept,
    dimensioned by the label."""
    tax = index.tax
    vocabulary = _vocabulary(tax)
    members: dict[str, tuple[str, str] | None] = {}  # by label: the cells of a row share it
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        items = {it.line: it for it in st.rows}
        # a breakdown needs two unmapped rows under one heading ("Automotive", "Financial Services" under "Assets"):
        # "Executive bonus" alone among mapped charges under "Special charges:" is a kind of charge, not a business
        unmapped = {f.line for f, c in zip(facts, chosen[gi]) if c.concept.extension and f.line in items
                    and not items[f.line].subtotal}
        siblings = Counter(items[line].path for line in unmapped)
        changed = False
        out = list(facts)
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            item = items.get(f.line)
            if not c.concept.extension or item is None or not f.label.strip() or SEGMENT_AXIS in dict(f.dims):
                continue
            if f.label not in members:
                members[f.label] = _label_member(f.label, tax, vocabulary)
            member = members[f.label]
            if member is None or siblings[item.path] < MIN_MEMBER_ROWS:
                continue  # figures, dates, "Total" and line-item words name no member
            found = heading_concept(item, kinds[gi], c.concept.data_type, c.concept.period_type, index)
            if found is None or member[0] in dict(f.dims):
                continue
            heading, named = found
            out[i] = replace(f, dims=shared(tuple(sorted(f.dims + (member,)))))
            chosen[gi][i] = replace(named, note=f"the heading {heading!r} names the line item; the label "
                                    f"names {member[0]}={member[1]}", evidence="heading-member")
            changed = True
        if changed:
            groups[gi] = (st, tuple(out))


SIDE_SHARE = 0.75  # share of a balance table's standard rows on one side that puts the table on that side


MAX_COMPONENTS = 6  # rows above an unlabelled total tried as its components


def apply_arithmetic(groups: list[tuple[Statement | None, tuple[Fact, ...]]], chosen: dict[int, list[Choice]],
                      index: Index) -> None:
    """An unlabelled total still on an extension, closing rows whose concepts one calculation of calculations.csv
    adds up (property less accumulated depreciation), is that calculation's total; a component printed under the
    total's own name is then the calculation's other added child (the gross amount)."""
    tax = index.tax
    children: dict[str, dict[str, int]] = {}
    for arc in tax.calculations:
        children.setdefault(arc.parent, {})[arc.child] = arc.weight
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        by_line: dict[int, list[int]] = {}
        for i, f in enumerate(facts):
            if not f.dims:
                by_line.setdefault(f.line, []).append(i)
        rows = [it for it in st.rows if it.row_kind == "value" and it.line in by_line]
        for t, item in enumerate(rows):
            idx = by_line[item.line]
            c = chosen[gi][idx[0]]
            if not (item.subtotal and c.concept.extension and not facts[idx[0]].label.strip()):
                continue
            for n in range(2, min(MAX_COMPONENTS, t) + 1):
                run = rows[t - n:t]
                if any(r.subtotal for r in run[1:]):
                    break
                parts = [chosen[gi][by_line[r.line][0]] for r in run]
                names = [p.concept.qname.local for p in parts]
                if any(p.concept.extension for p in parts) or not _adds_up(facts, idx, run, by_line, parts):
                    continue
                fits = [p for p, kids in children.items() if set(names) <= set(kids) | {p}
                        and tax.concepts[p].period_type == c.concept.period_type]
                if len(fits) != 1:
                    continue
                parent = fits[0]
                total = tax.concept(parent)
                new = Choice(total, "matched", f"an unlabelled total of {', '.join(names)} ({parent} in "
                              "calculations.csv)", False, subtractive(total, tax), evidence="arithmetic")
                for i in idx:
                    if _fits(facts[i], total):
                        chosen[gi][i] = new
                if parent in names:
                    added = [k for k, w in children[parent].items() if w == 1 and k not in names]
                    if len(added) == 1:
                        r = run[names.index(parent)]
                        child = tax.concept(added[0])
                        moved = Choice(child, "matched", f"a component of {parent} by arithmetic", False,
                                        subtractive(child, tax), evidence="arithmetic")
                        for i in by_line[r.line]:
                            if _fits(facts[i], child):
                                chosen[gi][i] = moved
                break


def _adds_up(facts: tuple[Fact, ...], total: list[int], run: list[LineItem], by_line: dict[int, list[int]],
             parts: list[Choice]) -> bool:
    """Whether the run's figures add up to the total in every column (a component of the other balance than the
    first one is subtracted, whatever sign it is printed with)."""
    first = parts[0].concept.balance
    columns = {facts[i].column: facts[i].amount.value for i in total}
    sums = dict.fromkeys(columns, Decimal(0))
    slack = dict.fromkeys(columns, half_unit(facts[total[0]].amount.decimals))
    for r, p in zip(run, parts):
        for i in by_line[r.line]:
            f = facts[i]
            if f.column in sums:
                v = f.amount.value if p.concept.balance == first else -abs(f.amount.value)
                sums[f.column] += v
                slack[f.column] += half_unit(f.amount.decimals)
    return bool(columns) and all(abs(sums[k] - v) <= slack[k] for k, v in columns.items())


GENERIC_TOTALS = frozenset({"", "total", "totals", "subtotal"})
"""Keys of total labels that name nothing ("TOTAL", or no label): what they total is told by where they stand."""


def apply_balance_identity(groups: list[tuple[Statement | None, tuple[Fact, ...]]], kinds: list[str],
                           chosen: dict[int, list[Choice]], index: Index) -> None:
    """A balance sheet's bare totals ("TOTAL", or none) are its two grand totals when the sheet itself says so: the
    first bare total printing a figure of the last in the same column is total assets, the last is total
    liabilities and equity; a bare total equal to a named one is its other side. A sheet continued on the next
    page is one sheet."""
    tax = index.tax
    sheets: list[list[int]] = []
    for gi, (st, _) in enumerate(groups):
        if st is None or kinds[gi] != "balance":
            continue
        if sheets and st.title.lower().endswith("(continued)") and sheets[-1][-1] == gi - 1:
            sheets[-1].append(gi)
        else:
            sheets.append([gi])
    assets, total = (tax.concept(n) for n in BALANCE_IDENTITY)
    for sheet in sheets:
        rows: list[tuple[int, int, str]] = []  # (group, line, role): role "" for a bare total
        figures: dict[tuple[int, int], dict[tuple, Decimal]] = {}
        for gi in sheet:
            st, facts = groups[gi]
            items = {it.line: it for it in st.rows}  # type: ignore[union-attr]
            for i, (f, c) in enumerate(zip(facts, chosen[gi])):
                item = items.get(f.line)
                name = c.concept.qname.local
                # a bare total's concept so far is at best its heading's guess ("Common stock" over the last rows)
                bare = (c.concept.extension or c.evidence in FIGURE_GUESSES) and item is not None and item.subtotal \
                    and tax.key(f.label) in GENERIC_TOTALS
                if not (bare or (not c.concept.extension and name in BALANCE_IDENTITY)) or f.period.kind != "instant":
                    continue
                row = (gi, f.line, "" if bare else name)
                if row not in rows:
                    rows.append(row)
                figures.setdefault((gi, f.line), {})[(f.period, f.unit, f.dims)] = f.amount.value
        named = {role for _, _, role in rows if role}
        bare = [r for r in rows if not r[2]]
        if not bare or named == set(BALANCE_IDENTITY):
            continue

        def same(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
            # one column printing the same figure names the pair; a column that differs is then the balance
            # check's to report (a misread, or the filer's error), not a reason to leave both rows unnamed
            x, y = figures[a[:2]], figures[b[:2]]
            return any(x[k] == y[k] and x[k] != 0 for k in x.keys() & y.keys())

        decided: dict[tuple[int, int], Concept] = {}
        first = next((r for r in bare[:-1] if same(r, bare[-1])), None)
        if not named and first is not None:
            decided = {first[:2]: assets, bare[-1][:2]: total}
        elif named:
            (role,) = named
            anchor = next(r for r in rows if r[2] == role)
            after = role == BALANCE_IDENTITY[0]
            fits = [r for r in bare if same(r, anchor) and (rows.index(r) > rows.index(anchor)) == after]
            if len(fits) == 1:
                decided = {fits[0][:2]: total if after else assets}
        for (gi, line), concept in decided.items():
            new = Choice(concept, "matched", "a bare total of the balance sheet equal to its other grand total",
                         False, subtractive(concept, tax), evidence="identity")
            for i, f in enumerate(groups[gi][1]):
                if f.line == line and _fits(f, concept):
                    chosen[gi][i] = new


FIGURE_GUESSES = frozenset({"heading", "identity", "ex27"})
"""What may have named a bare total before the balance sheet's identity: its heading, or a figure printed elsewhere
(total assets and total liabilities and equity print the same one)."""


_BALANCE_ROW = re.compile(r"^\s*balances?\b", re.IGNORECASE)
"""A roll-forward's balance row: "Balance at beginning of year", "Balance, December 31, 1993", "Balances at end"."""


_RETAINED_ONLY = re.compile(r"\bretained\s+earnings\b|\breinvested\s+earnings\b|\bearned\s+surplus\b", re.IGNORECASE)
_EQUITY_TITLE = re.compile(r"\b(?:stock|share)holders'?\s+equity\b|\bequity\b.*\bchanges\b|\bchanges\b.*\bequity\b",
                           re.IGNORECASE)
RETAINED_EARNINGS = "RetainedEarningsAccumulatedDeficit"


def apply_balance_headings(groups: list[tuple[Statement | None, tuple[Fact, ...]]], kinds: list[str],
                           chosen: dict[int, list[Choice]], index: Index) -> None:
    """A roll-forward's balance row ("Balance at beginning of year") left on an extension states a balance: in an
    equity statement, equity (StockholdersEquity, on the component its block or column names, as US-GAAP models
    the statement); elsewhere, the instant concept its heading names ("Allowance for doubtful accounts")."""
    balances = {dtype: index.tax.concept(name) for dtype, name in EQUITY_BALANCES.items() if name in index.tax.concepts}
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        items = {it.line: it for it in st.rows}
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            item = items.get(f.line)
            dtype = fact_data_type(f.unit)
            if (not c.concept.extension or item is None or f.period.kind != "instant"
                    or not _BALANCE_ROW.match(f.label) or dtype not in EQUITY_BALANCES):
                continue
            if kinds[gi] == "equity" and dtype in balances:
                concept = balances[dtype]
                if dtype == "monetary" and _RETAINED_ONLY.search(st.title) and not _EQUITY_TITLE.search(st.title):
                    concept = index.tax.concept(RETAINED_EARNINGS)  # a statement of retained earnings rolls them
                chosen[gi][i] = Choice(concept, "matched", "the balance row of an equity statement", False,
                                       subtractive(concept, index.tax), evidence="heading")
                continue
            if dtype != "monetary":
                continue
            if f.dims:
                continue
            found = heading_concept(item, kinds[gi], c.concept.data_type, "instant", index)
            if found is not None:
                chosen[gi][i] = replace(found[1], note=f"the balance row of {found[0]!r}, which names the balance",
                                        evidence="heading")


EQUITY_BALANCES = {"monetary": "StockholdersEquity", "shares": "SharesOutstanding"}
"""The concept of an equity statement's balance rows by data type (amounts, share counts); its blocks or columns
name the component."""


SECONDARY_RANK = 2
"""evidence.primary_order's rank of a table presenting figures of the statements (selected data, highlights)."""


def apply_held_rows(groups: list[tuple[Statement | None, tuple[Fact, ...]]], kinds: list[str], ranks: list[int],
                    chosen: dict[int, list[Choice]], index: Index) -> None:
    """A row of a table presenting the statements' figures (selected financial data, highlights) or of a note
    table of no statement's kind, whose label names a balance outright ("Total assets", "Share owners' equity")
    under columns that are periods, states the balance at their end: an instant, on that concept. Only an alias (a
    printed name) decides; a row already on a standard concept keeps it."""
    for gi, (st, facts) in enumerate(groups):
        if st is None or not (ranks[gi] == SECONDARY_RANK or kinds[gi] in ("other", "segment")):
            continue  # a statement's rows are flows of its own kind ("Deferred income taxes" in a cash flow)
        rows: dict[int, list[int]] = {}
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            if c.concept.extension and isinstance(f.period, Duration) and f.label.strip():
                rows.setdefault(f.line, []).append(i)
        if not rows:
            continue
        out = list(facts)
        instants = {f.line for f in facts if not isinstance(f.period, Duration)}
        for line, idx in rows.items():
            if line in instants:
                continue  # its columns say what is a balance and what a flow ("Balance at End of Period")
            f = facts[idx[0]]
            dtype = fact_data_type(f.unit)
            names, note, weak = index.lookup((f.label,), "balance", f.section, dtype, "instant")
            if len(names) != 1 or weak or index.tax.concepts[names[0]].home not in ("assets", "liabilities"):
                continue
            concept = index.tax.concept(names[0])
            choice = Choice(concept, "matched", f"{note}: a balance, printed under a period, is its balance at the "
                            "period's end", False, subtractive(concept, index.tax), evidence="alias")
            for i in idx:
                if fact_data_type(facts[i].unit) == dtype and isinstance(facts[i].period, Duration):
                    out[i] = replace(facts[i], period=shared(Instant(facts[i].period.end)))
                    chosen[gi][i] = choice
        groups[gi] = (st, tuple(out))
