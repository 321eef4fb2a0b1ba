"""A Report with provisional concepts -> a Report whose facts carry taxonomy or extension concepts and XBRL signs."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from dataclasses import replace
from decimal import Decimal

from ..interpret.numbers import half_unit
from ..interpret.share import shared
from ..model import (Concept, Diagnostic, Fact, LineItem, MappingDecision, QName, Report, Statement, Unit,
                     period_text)
from ..record import record
from .evidence import BALANCE_IDENTITY, Ex27Evidence, primary_order, secondary_member
from .keys import BindingKeys
from .load import Alias, Taxonomy
from .normalise import concept_name as camel_name, member_slug, strip_footnotes
from .signs import row_signs
from .terms import RowText, best_rules, words_of

ROOT_BALANCE = {"income": "credit", "comprehensive": "credit", "equity": "credit", "liabilities": "credit",
                "assets": "debit", "cashflow": "debit"}
"""Balance of the total each statement adds up to; a concept of the other balance is subtracted."""

KIND_PRIORITY = {"income": 0, "balance": 1, "cashflow": 2, "equity": 3}
"""Statements mapped first win a concept when two tables print different figures for one fact."""

_TYPE_SUFFIX = {"monetary": "Amount", "perShare": "PerShare", "shares": "Shares", "pure": "Ratio", "decimal": "Number"}
_CURRENCY = re.compile(r"[A-Z]{3}")


@record
class _Choice:
    """The concept chosen for one fact before signs and duplicates are settled."""

    concept: Concept
    status: str  # matched | extension | ambiguous
    note: str
    weak: bool = False  # matched only after dropping qualifiers such as "(before exceptional items)"
    subtractive: bool = False  # the concept is subtracted in its home statement (see _subtractive)
    evidence: str = "alias"  # what decided: alias | terms | heading | heading-member | ex27 | identity | arithmetic | tag


def fact_data_type(unit: Unit) -> str:
    """The concept data type a unit calls for: GBP -> monetary, GBP/shares -> perShare, customers -> decimal."""
    if unit.denominators:
        return "perShare"
    if unit.numerators == ("shares",):
        return "shares"
    if unit.numerators == ("pure",):
        return "pure"
    if len(unit.numerators) == 1 and _CURRENCY.fullmatch(unit.numerators[0]):
        return "monetary"
    return "decimal"


def statement_kind(statement: Statement | None, taxonomy: Taxonomy) -> str:
    """The statement kind, from the engine or, for "other", from title phrases in statement_titles.csv."""
    if statement is None:
        return "other"
    if statement.kind not in ("", "other"):
        return statement.kind
    title = f" {taxonomy.key(statement.title)} "
    for phrase, kind in taxonomy.statement_titles:
        if phrase and f" {phrase} " in title:
            return kind
    return "other"


def extension_namespace(report: Report, taxonomy: Taxonomy) -> str:
    """The per-filing extension namespace: base/<cik or file stem>/<period of report>."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", report.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0])
    ident = report.meta.cik.lstrip("0") or stem or "filing"
    when = report.meta.period_of_report.isoformat() if report.meta.period_of_report else "undated"
    return f"{taxonomy.extension_namespace_base}/{ident}/{when}"


def _member_keys(fact: Fact, taxonomy: Taxonomy) -> set[str]:
    keys = {"total"}
    for axis, member in fact.dims:
        keys.add(taxonomy.key(member.replace("_", " ")))
        keys.update(_member_texts(taxonomy).get((axis, member), ()))
    return keys


@lru_cache(maxsize=4)
def _member_texts(taxonomy: Taxonomy) -> dict[tuple[str, str], frozenset[str]]:
    """(axis, member) -> keys of the member's label and printed phrases, read once per taxonomy."""
    texts: dict[tuple[str, str], set[str]] = {}
    for m in taxonomy.members:
        texts.setdefault((m.axis, m.member), set()).update(taxonomy.key(t) for t in (m.label, *m.phrases))
    return {k: frozenset(v) for k, v in texts.items()}


_BARE_TOTALS = frozenset({"", "total", "totals", "total net", "net"})


def label_sources(fact: Fact, title: str, taxonomy: Taxonomy, item: LineItem | None = None) -> tuple[str, ...]:
    """Texts naming what a fact measures: its row label; for a bare total, "Total" + the heading it closes (the
    total of "Current assets" is total current assets, not its last child); when the label is a dimension member,
    the section, then the title."""
    members = _member_keys(fact, taxonomy)
    key = taxonomy.key(fact.label)
    if item is not None and item.subtotal and key in _BARE_TOTALS:
        heading = fact.section or (item.path[-1] if item.path else "")
        if heading.strip() and taxonomy.key(heading) not in members:
            return ("Total " + heading,)
        if not fact.dims:
            return ()  # a bare total under no heading: decided by equal figures or arithmetic, never the title
    if fact.label.strip() and key not in members:
        return (fact.label,)
    return tuple(s for s in (fact.section, title) if s.strip() and taxonomy.key(s) not in members)


@lru_cache(maxsize=4)
def _index(taxonomy: Taxonomy) -> _Index:
    """The alias index of a taxonomy, built once per taxonomy."""
    return _Index(taxonomy)


class _Index:
    """Aliases (and standard labels) by normalised key."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.tax = taxonomy
        self.memo: dict[tuple, object] = {}  # answers of _term_choice and _names_line_item, which read no filing
        self.by_key: dict[str, list[tuple[int, Alias]]] = {}
        for a in taxonomy.aliases:
            self.by_key.setdefault(a.key, []).append((0, a))
        for d in taxonomy.concepts.values():
            a = Alias(d.label, taxonomy.key(d.label), (), "", d.name)
            self.by_key.setdefault(a.key, []).append((-1, a))

    def lookup(self, texts: tuple[str, ...], kind: str, section: str, dtype: str,
               ptype: str) -> tuple[list[str], str, bool]:
        """Concept names for the first text variant with a compatible alias, the alias, and whether it was a
        fallback variant (qualifiers dropped) rather than the full label."""
        sections = set(self.tax.variants(section)) if section else set()
        for text in texts:
            for n, key in enumerate(self.tax.variants(text)):
                scored: list[tuple[int, Alias]] = []
                for tier, a in self.by_key.get(key, ()):
                    d = self.tax.concepts[a.concept]
                    if a.statements and kind not in a.statements or a.section and a.section not in sections:
                        continue
                    if d.abstract or d.data_type != dtype or d.period_type != ptype:
                        continue
                    scored.append((tier * 10 + 2 * bool(a.section) + bool(a.statements), a))
                if scored:
                    top = max(s for s, _ in scored)
                    best = [a for s, a in scored if s == top]
                    names = list(dict.fromkeys(a.concept for a in best))
                    note = (f"alias '{best[0].text}'" + (f" in {kind}" if best[0].statements else "")
                            + (" under its section" if best[0].section else ""))
                    return names, note, n > 0
        return [], "", False


def _letters(n: int) -> str:
    """1 -> "B", 2 -> "C", ... 25 -> "Z", 26 -> "BA": a suffix telling apart extension names without digits."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[r] + out
        if n == 0:
            return out


class _Extensions:
    """Names extension concepts so one local name never has two types or two values for one fact."""

    def __init__(self, namespace: str, prefix: str) -> None:
        self.ns, self.prefix = namespace, prefix
        self.types: dict[str, tuple[str, str]] = {}

    def concept(self, base: str, dtype: str, ptype: str, label: str, taken: set[str]) -> Concept:
        first = [base, base + _TYPE_SUFFIX[dtype], base + _TYPE_SUFFIX[dtype] + ptype.capitalize()]
        names = itertools.chain(first, (f"{first[-1]}{_letters(i)}" for i in range(1, 1000)))  # lazily: the first fits
        for name in names:
            if name not in taken and self.types.get(name, (dtype, ptype)) == (dtype, ptype):
                self.types[name] = (dtype, ptype)
                return Concept(QName(self.prefix, self.ns, name), dtype, ptype, None, label, extension=True)
        raise AssertionError("unreachable: 1000 extension names taken")


def _interval(f: Fact) -> tuple[Decimal, Decimal]:
    half = half_unit(f.amount.decimals)
    v = f.xbrl_value
    return v - half, v + half


@record
class _RowContext:
    """What decides a row's concept besides its label: where it sits and what it is."""

    section: str  # the section heading
    path: tuple[str, ...]  # open headings, outermost first
    kind: str  # statement kind
    dtype: str  # data type its unit calls for
    ptype: str  # "instant" or "duration"
    total: bool  # the row is a total (a subtotal row or a "Total ..." label)
    side: str  # balance-sheet side from the headings: "assets", "liabilities" or ""


MEMO_LIMIT = 100_000  # answers kept per taxonomy across the filings of one process

_PAREN_TEXT = re.compile(r"\([^()]*\)")


def _term_choice(sources: tuple[str, ...], ctx: _RowContext, index: _Index) -> tuple[str, str, bool] | None:
    """(concept, note, whether the rule reads the section) from the term rules of taxonomy/terms.csv, or None.

    A rule that reads the section ("Income taxes" under "Changes in operating assets and liabilities") wins over
    an alias that holds anywhere."""
    key = ("term", sources[:1], ctx)
    if key in index.memo:
        return index.memo[key]  # type: ignore[return-value]
    if len(index.memo) > MEMO_LIMIT:
        index.memo.clear()  # a long batch: the answers are cheap to find again
    index.memo[key] = found = _find_term(sources, ctx, index)
    return found


def _find_term(sources: tuple[str, ...], ctx: _RowContext, index: _Index) -> tuple[str, str, bool] | None:
    tax = index.tax
    headings = " ".join(dict.fromkeys((*ctx.path, ctx.section)))
    section_words = words_of(tax.key(headings))

    def allowed(name: str) -> bool:
        d = tax.concepts[name]
        if d.abstract or d.data_type != ctx.dtype or d.period_type != ctx.ptype:
            return False
        return not (ctx.side and d.home in ("assets", "liabilities") and d.home != ctx.side)

    for text in sources[:1]:
        for variant in dict.fromkeys((_PAREN_TEXT.sub(" ", strip_footnotes(text)), text)):
            words = words_of(tax.key(variant))
            if not words:
                continue
            if ctx.dtype in ("perShare", "shares"):
                words = words + section_words  # "Diluted" under "Earnings per share:"
            total = ctx.total or words[:1] == ("total",)
            best = best_rules(tax.terms, RowText(words, section_words, ctx.kind, total), allowed)
            if best:
                r = best[0]
                return (r.concept, f"terms.csv rule {r.order + 2} ({' '.join('|'.join(sorted(g)) for g in r.label)})",
                        bool(r.section))
    return None


def _choose_named(sources: tuple[str, ...], ctx: _RowContext, title: str, index: _Index,
                  ext: _Extensions) -> _Choice:
    """The choice for a row named by sources (label_sources; title is used only when there are none)."""
    names, note, weak = index.lookup(sources, ctx.kind, ctx.section, ctx.dtype, ctx.ptype)
    if ctx.side and any(index.tax.concepts[n].home in ("assets", "liabilities")
                        and index.tax.concepts[n].home != ctx.side for n in names):
        names = []  # "Deferred income taxes" under current assets is no liability, whatever an alias says
    term = _term_choice(sources, ctx, index) if sources else None
    if len(names) == 1 and not (term and term[2] and term[0] != names[0] and " under its section" not in note):
        concept = index.tax.concept(names[0])
        return _Choice(concept, "matched", note, weak, _subtractive(concept, index.tax))
    if sources:
        if term is not None:
            concept = index.tax.concept(term[0])
            return _Choice(concept, "matched", term[1], False, _subtractive(concept, index.tax), evidence="terms")
    base = camel_name(sources[0] if sources else title or "Amount")
    concept = ext.concept(base, ctx.dtype, ctx.ptype, sources[0] if sources else title or "Amount", set())
    if names:
        return _Choice(concept, "ambiguous", f"candidates {', '.join(names)} via {note}")
    return _Choice(concept, "extension", "no alias or term rule for " + repr(sources[0] if sources else ""))


def _subtractive(concept: Concept, taxonomy: Taxonomy) -> bool:
    """A concept subtracted in its home statement: its balance differs from the statement total's balance."""
    d = None if concept.extension else taxonomy.concepts.get(concept.qname.local)
    return bool(d and d.balance and d.home in ROOT_BALANCE and d.balance != ROOT_BALANCE[d.home])


def _sign_evidence(facts: tuple[Fact, ...], choices: list[_Choice]) -> tuple[int, int]:
    """How many subtracted items are printed negative and positive (costs in parentheses -> signed table)."""
    sub = [f.amount.value for f, c in zip(facts, choices) if c.subtractive]
    return sum(1 for v in sub if v < 0), sum(1 for v in sub if v > 0)


def _tagged(fact: Fact) -> bool:
    """A fact whose concept its reader already knew (an EX-27 tag mapped by taxonomy/ex27.csv)."""
    return fact.table_id.startswith("ex27") and not fact.concept.extension


class _Rows:
    """The choice of each row, made once: facts of one row differ only in period and value."""

    def __init__(self, index: _Index, ext: _Extensions) -> None:
        self.index, self.ext = index, ext
        self.rows: dict[tuple, _Choice] = {}  # by label, section, dims, unit object id, period kind, statement
        self.named: dict[tuple, _Choice] = {}  # by what _choose_named reads: rows of many tables share a choice

    def choice(self, f: Fact, kind: str, title: str, item: LineItem | None, side: str) -> _Choice:
        """The choice for f's row in a statement of this kind and title (f's unit is alive while self is used).

        Rows read the same way share one choice: an extension name depends only on the arguments of ext.concept
        (a name once given keeps its type), so choosing again for equal arguments would give an equal choice."""
        path = item.path if item is not None else ()
        total = bool(item is not None and item.subtotal)
        row = (f.label, f.section, path, total, side, f.dims, id(f.unit), f.period.kind, kind, title)
        c = self.rows.get(row)
        if c is None:
            sources = label_sources(f, title, self.index.tax, item)
            ctx = _RowContext(f.section, path, kind, fact_data_type(f.unit), f.period.kind, total, side)
            named = (sources, ctx, "" if sources else title)
            c = self.named.get(named)
            if c is None:
                c = self.named[named] = _choose_named(sources, ctx, title, self.index, self.ext)
                if sources and not f.label.strip() and c.status == "matched":
                    c = self.named[named] = replace(c, evidence="heading", note=f"{c.note} (the heading it closes)")
            self.rows[row] = c
        return c


def map_report(report: Report, taxonomy: Taxonomy) -> Report:
    """Give every fact a taxonomy concept (or a declared extension), an XBRL sign, and record the decisions."""
    ext = _Extensions(extension_namespace(report, taxonomy), taxonomy.extension_prefix)
    index = _index(taxonomy)
    rows = _Rows(index, ext)
    groups: list[tuple[Statement | None, tuple[Fact, ...]]] = [(st, st.facts) for st in report.statements]
    groups.append((None, report.extra_facts))
    kinds = [statement_kind(st, taxonomy) for st, _ in groups]
    primary = primary_order(report.statements, kinds, taxonomy) + [2]
    order = sorted(range(len(groups)), key=lambda i: (primary[i], KIND_PRIORITY.get(kinds[i], 9), i))
    ex27 = Ex27Evidence(report.extra_facts)
    chosen: dict[int, list[_Choice]] = {}
    evidence: dict[int, tuple[int, int]] = {}
    for gi, (st, facts) in enumerate(groups):
        kind, title = kinds[gi], st.title if st else ""
        items = {it.line: it for it in st.rows} if st is not None else {}
        sides = _Sides(index, kind)
        chosen[gi] = [_Choice(f.concept, "matched", "EX-27 tag", False, _subtractive(f.concept, taxonomy),
                              evidence="tag")
                      if _tagged(f) else rows.choice(f, kind, title, items.get(f.line), sides.of(items.get(f.line)))
                      for f in facts]
        if st is not None:
            _apply_ex27(facts, chosen[gi], ex27, index, ext)
    _apply_identity(groups, chosen, index)
    _apply_arithmetic(groups, chosen, index)
    _apply_members(groups, kinds, chosen, index)
    for gi, (st, facts) in enumerate(groups):
        evidence[gi] = _sign_evidence(facts, chosen[gi])
    filing_signed = sum(e[0] for e in evidence.values()) > sum(e[1] for e in evidence.values())
    signs: dict[int, list[int]] = {}
    for gi, (st, facts) in enumerate(groups):
        neg, pos = evidence[gi]
        convention = neg > pos if neg != pos else filing_signed
        signs[gi] = [1] * len(facts)
        by_row: dict[tuple, list[int]] = {}
        for i, f in enumerate(facts):
            by_row.setdefault((f.line, chosen[gi][i].concept.qname.local), []).append(i)
        for idx in by_row.values():
            c = chosen[gi][idx[0]]
            for i, sign in zip(idx, row_signs([facts[i] for i in idx], c.concept, c.subtractive, convention,
                                              taxonomy)):
                signs[gi][i] = sign
    # full-label matches claim a concept before fallback matches, then statements by kind priority
    rank = {gi: r for r, gi in enumerate(order)}
    strength = {"tag": 0, "alias": 0, "ex27": 0, "identity": 1, "arithmetic": 1, "terms": 2, "heading": 3,
                "heading-member": 3}
    work = sorted(((c.weak, rank[gi], strength.get(c.evidence, 2), gi, i)
                   for gi in chosen for i, c in enumerate(chosen[gi])))
    results: dict[int, list[Fact]] = {gi: list(groups[gi][1]) for gi in chosen}
    alts = {gi: _dim_alternatives(st, kinds[gi], facts, primary[gi], index) for gi, (st, facts) in enumerate(groups)}
    decisions, diagnostics = _settle(work, groups, chosen, signs, results, ext, alts)
    mapped = {gi: tuple(fs) for gi, fs in results.items()}
    diagnostics.sort(key=lambda d: (d.span.line if d.span else 0, d.code, d.message))
    statements = tuple(replace(st, facts=mapped[i]) for i, (st, _) in enumerate(groups[:-1]) if st is not None)
    first_lines: dict[str, int] = {}
    for st in report.statements:
        first_lines.setdefault(st.table_id, st.first_line)
    decision_list = sorted(decisions, key=lambda d: (first_lines.get(d.table_id, 0), d.table_id, d.label, d.concept))
    return replace(report, statements=statements, extra_facts=mapped[len(groups) - 1],
                   mappings=tuple(decision_list), diagnostics=report.diagnostics + tuple(diagnostics),
                   taxonomy_version=taxonomy.version, calc_groups=None)  # new concepts: groups to be found again


def concept_for_label(label: str, taxonomy: Taxonomy, kind: str, dtype: str = "monetary", ptype: str = "duration",
                      section: str = "", path: tuple[str, ...] = (), total: bool = False,
                      side: str = "") -> tuple[str, str]:
    """The concept local name ("" for none) and the evidence note a printed row label gets from its words and
    context alone (aliases, then term rules); what map_report decides before figures are compared."""
    ctx = _RowContext(section, path, kind, dtype, ptype, total, side)
    c = _choose_named((label,) if label.strip() else (), ctx, "", _index(taxonomy),
                      _Extensions("urn:test", taxonomy.extension_prefix))
    return ("" if c.concept.extension else c.concept.qname.local), c.note


class _Sides:
    """The balance-sheet side of a row, from the concept its innermost heading names (a heading "Current
    liabilities" puts its rows on the liabilities side), decided once per heading."""

    def __init__(self, index: _Index, kind: str) -> None:
        self.index, self.kind = index, kind
        self.memo: dict[tuple[str, ...], str] = {}

    def of(self, item: LineItem | None) -> str:
        if self.kind != "balance" or item is None:
            return ""
        headings = tuple(h for h in (*item.path, item.section) if h.strip())
        side = self.memo.get(headings)
        if side is None:
            side = ""
            for heading in reversed(headings):
                ctx = _RowContext("", (), self.kind, "monetary", "instant", True, "")
                names, _, _ = self.index.lookup((heading,), self.kind, "", "monetary", "instant")
                term = _term_choice(("Total " + heading,), ctx, self.index) if len(names) != 1 else None
                name = names[0] if len(names) == 1 else (term[0] if term else "")
                home = self.index.tax.concepts[name].home if name else ""
                if home in ("assets", "liabilities"):
                    side = home
                    break
            self.memo[headings] = side
        return side


def _fits(f: Fact, concept: Concept) -> bool:
    """Whether a fact may carry a concept: the same period type and the data type its unit calls for."""
    return f.period.kind == concept.period_type and fact_data_type(f.unit) == concept.data_type


def _allowed(concept: str, like: Concept, taxonomy: Taxonomy) -> bool:
    d = taxonomy.concepts.get(concept)
    return bool(d and not d.abstract and d.data_type == like.data_type and d.period_type == like.period_type)


def _apply_ex27(facts: tuple[Fact, ...], choices: list[_Choice], ex27: Ex27Evidence, index: _Index,
                ext: _Extensions) -> None:
    """A row whose figure equals an EX-27 tag's value for the same period states the tag's concept.

    An exact alias match keeps its concept; a term-rule match or an extension gives way to a single EX-27
    concept of the same type; agreement is noted."""
    by_row: dict[tuple, list[int]] = {}
    for i, f in enumerate(facts):
        by_row.setdefault((f.line, f.period.kind, f.unit), []).append(i)
    tax = index.tax
    for idx in by_row.values():
        c = choices[idx[0]]
        found: dict[str, str] = {}
        for i in idx:
            found.update(ex27.concepts(facts[i]))
        if not found:
            continue
        local = c.concept.qname.local
        if not c.concept.extension and local in found:
            agreed = replace(c, note=f"{c.note}; EX-27 {found[local]} agrees")
            for i in idx:
                if choices[i] == c:
                    choices[i] = agreed
            continue
        if c.evidence == "alias" and c.status == "matched":
            continue
        names = [n for n in found if _allowed(n, c.concept, tax)]
        if len(names) != 1:
            continue
        concept = tax.concept(names[0])
        new = _Choice(concept, "matched", f"EX-27 {found[names[0]]} has the same figure for the period"
                      + (f" (label rule said {local})" if not c.concept.extension else ""), False,
                      _subtractive(concept, tax), evidence="ex27")
        for i in idx:
            if _fits(facts[i], concept):
                choices[i] = new


def _apply_identity(groups: list[tuple[Statement | None, tuple[Fact, ...]]], chosen: dict[int, list[_Choice]],
                    index: _Index) -> None:
    """An unlabelled total left on an extension takes the standard concept of a row elsewhere in the filing that
    prints the same figures for the same periods (one figure printed twice is one fact), when only one fits."""
    tax = index.tax
    known: dict[tuple, set[str]] = {}
    homes: dict[int, set[str]] = {}
    for gi, (st, facts) in enumerate(groups):
        for f, c in zip(facts, chosen[gi]):
            if c.concept.extension or c.evidence == "heading" or f.amount.value == 0:
                continue
            known.setdefault((f.amount.value, f.period, f.unit, f.dims), set()).add(c.concept.qname.local)
            d = tax.concepts.get(c.concept.qname.local)
            if d is not None and d.home in ("assets", "liabilities"):
                homes.setdefault(gi, set()).add(d.home)
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        items = {it.line: it for it in st.rows}
        side = next(iter(homes[gi])) if len(homes.get(gi, ())) == 1 else ""
        by_row: dict[tuple, list[int]] = {}
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            item = items.get(f.line)
            if (c.concept.extension or c.evidence == "heading") and item is not None and item.subtotal \
                    and not f.label.strip():
                by_row.setdefault((f.line, f.period.kind, f.unit), []).append(i)
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
            new = _Choice(concept, "matched", "an unlabelled total equal to the same figures of "
                          f"{concept.qname.local} elsewhere in the filing", False, _subtractive(concept, tax),
                          evidence="identity")
            for i in idx:
                if _fits(facts[i], concept):
                    chosen[gi][i] = new


SEGMENT_AXIS = "segment"
"""Axis of the blocks a statement prints under headings that name no line item (a sector, a subsidiary)."""


def _dim_alternatives(st: Statement | None, kind: str, facts: tuple[Fact, ...], rank: int,
                      index: _Index) -> list[tuple[tuple[str, str], ...]]:
    """For each fact, the dimensions that say what it is when its figure differs from the primary one: the
    innermost heading above it that names no line item (a segment, sector or subsidiary block), then the
    presentation a secondary table's title names (selected data, quarterly, parent company only)."""
    if st is None:
        return [()] * len(facts)
    tax = index.tax
    title_member = secondary_member(st.title, tax) if rank else None
    items = {it.line: it for it in st.rows}
    memo: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
    out = []
    for f in facts:
        item = items.get(f.line)
        headings = tuple(h for h in ((*item.path, item.section) if item is not None else (f.section,)) if h.strip())
        alt = memo.get(headings)
        if alt is None:
            found: list[tuple[str, str]] = []
            for h in reversed(headings):
                if _names_line_item(h, kind, index):
                    continue
                slug = member_slug(h)
                if slug:
                    found.append((SEGMENT_AXIS, slug))
                    break
            if title_member:
                found.append(title_member)
            alt = memo[headings] = tuple(found)
        out.append(alt)
    return out


def _names_line_item(heading: str, kind: str, index: _Index) -> bool:
    """Whether a heading names a line item of any type ("Current assets", "Average shares outstanding") rather
    than a block of the statement (a sector, a subsidiary)."""
    key = ("line item", heading, kind)
    if key not in index.memo:
        index.memo[key] = _find_line_item(heading, kind, index)
    return bool(index.memo[key])


def _find_line_item(heading: str, kind: str, index: _Index) -> bool:
    for dtype in ("monetary", "shares", "perShare"):
        for ptype in ("duration", "instant"):
            names, _, _ = index.lookup((heading,), kind, "", dtype, ptype)
            ctx = _RowContext("", (), kind, dtype, ptype, True, "")
            if names or _term_choice((heading,), ctx, index) or _term_choice(("Total " + heading,), ctx, index):
                return True
    return False


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
    for (axis, member), texts in _member_texts(taxonomy).items():
        if member and key in texts:
            return axis, member
    return None


def _apply_members(groups: list[tuple[Statement | None, tuple[Fact, ...]]], kinds: list[str],
                   chosen: dict[int, list[_Choice]], index: _Index) -> None:
    """A row whose label holds no word of any line item ("Aircraft Engines", "Automotive") under a heading that
    names one ("Revenues", "Assets") is that line item for a member of the segment axis: the heading's concept,
    dimensioned by the label."""
    tax = index.tax
    vocabulary = _vocabulary(tax)
    for gi, (st, facts) in enumerate(groups):
        if st is None:
            continue
        items = {it.line: it for it in st.rows}
        changed = False
        out = list(facts)
        for i, (f, c) in enumerate(zip(facts, chosen[gi])):
            item = items.get(f.line)
            if not c.concept.extension or item is None or not f.label.strip() or SEGMENT_AXIS in dict(f.dims):
                continue
            words = set(words_of(tax.key(f.label)))
            if re.search(r"\d", f.label) or not words - _FUNCTION_WORDS or words & vocabulary:
                continue  # figures, dates, "Total" and line-item words name no member
            member = _known_member(f.label, tax) or (SEGMENT_AXIS, member_slug(f.label))
            for heading in reversed(tuple(h for h in (*item.path, item.section) if h.strip())):
                ctx = _RowContext("", (), kinds[gi], c.concept.data_type, c.concept.period_type, True, "")
                memo_key = ("heading", heading, ctx)
                if memo_key not in index.memo:
                    index.memo[memo_key] = _choose_named((heading,), ctx, "", index, _Extensions("urn:none", "none"))
                named = index.memo[memo_key]
                if named.concept.extension:
                    continue
                if member[0] in dict(f.dims):
                    break
                out[i] = replace(f, dims=shared(tuple(sorted(f.dims + (member,)))))
                chosen[gi][i] = replace(named, note=f"the heading {heading!r} names the line item; the label "
                                        f"names {member[0]}={member[1]}", evidence="heading-member")
                changed = True
                break
        if changed:
            groups[gi] = (st, tuple(out))


MAX_COMPONENTS = 6  # rows above an unlabelled total tried as its components


def _apply_arithmetic(groups: list[tuple[Statement | None, tuple[Fact, ...]]], chosen: dict[int, list[_Choice]],
                      index: _Index) -> None:
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
                new = _Choice(total, "matched", f"an unlabelled total of {', '.join(names)} ({parent} in "
                              "calculations.csv)", False, _subtractive(total, tax), evidence="arithmetic")
                for i in idx:
                    if _fits(facts[i], total):
                        chosen[gi][i] = new
                if parent in names:
                    added = [k for k, w in children[parent].items() if w == 1 and k not in names]
                    if len(added) == 1:
                        r = run[names.index(parent)]
                        child = tax.concept(added[0])
                        moved = _Choice(child, "matched", f"a component of {parent} by arithmetic", False,
                                        _subtractive(child, tax), evidence="arithmetic")
                        for i in by_line[r.line]:
                            if _fits(facts[i], child):
                                chosen[gi][i] = moved
                break


def _adds_up(facts: tuple[Fact, ...], total: list[int], run: list[LineItem], by_line: dict[int, list[int]],
             parts: list[_Choice]) -> bool:
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


def _settle(work: list[tuple[bool, int, int, int, int]], groups: list[tuple[Statement | None, tuple[Fact, ...]]],
            chosen: dict[int, list[_Choice]], signs: dict[int, list[int]], results: dict[int, list[Fact]],
            ext: _Extensions, alts: dict[int, list[tuple[tuple[str, str], ...]]] | None = None
            ) -> tuple[list[MappingDecision], list[Diagnostic]]:
    """Map the facts in work order into results, settling duplicates; the decisions and diagnostics made."""
    seen: dict[tuple, tuple[Decimal, Decimal, Fact] | Fact] = {}
    bindings = BindingKeys()
    decisions: dict[tuple, MappingDecision] = {}
    diagnostics: list[Diagnostic] = []
    for *_, gi, i in work:
        f, c = groups[gi][1][i], chosen[gi][i]
        nf = f.mapped(c.concept, signs[gi][i])
        status, note = c.status, c.note
        qname = nf.concept.qname
        key = (qname.namespace, qname.local, bindings.of(f))  # _settle_duplicate's first key
        if key not in seen:  # most facts come once: kept as they are
            seen[key], clash = nf, None
        else:
            nf, clash = _settle_duplicate(nf, seen, ext, key[2], bindings, alts[gi][i] if alts else ())
        if clash is not None:
            status, note = "ambiguous", f"{note}; {clash}"
            diagnostics.append(Diagnostic("mapping.duplicate-conflict", f"{f.label!r} in {f.table_id}: {clash}",
                                          f.amount.span, "warning"))
        results[gi][i] = nf
        qname = nf.concept.qname
        dk = (nf.table_id, nf.label, nf.section, qname.prefix, qname.local)  # str(qname) is prefix:local
        if dk not in decisions:
            decided = c.evidence if not c.concept.extension else "none"
            decisions[dk] = MappingDecision(f.label, f.section, f.table_id, str(qname), status, f"{decided}: {note}")
            if status != "matched" and clash is None:
                sev = "warning" if status == "ambiguous" else "info"
                diagnostics.append(Diagnostic(f"mapping.{status}", f"{f.label or f.section!r} in {f.table_id} -> "
                                              f"{qname} ({note})", f.amount.span, sev))
    return list(decisions.values()), diagnostics


def _settle_duplicate(f: Fact, seen: dict[tuple, tuple[Decimal, Decimal, Fact] | Fact], ext: _Extensions,
                      binding: int, bindings: BindingKeys | None = None,
                      alternatives: tuple[tuple[str, str], ...] = ()) -> tuple[Fact, str | None]:
    """Keep a fact whose value agrees with earlier facts of the same concept/period/unit/dims; else give it a
    dimension saying what it is (alternatives: the segment heading it sits under, the presentation its table
    names), and only when none is left rename it to an extension.

    binding numbers f's (period, unit, dims) (BindingKeys). seen holds the first fact of each key, or once another
    agreed with it, the intersection of their rounding intervals and the first fact (most facts come once)."""
    clash: str | None = None
    taken: set[str] = set()
    base = ""
    pending = [a for a in alternatives if a[0] not in dict(f.dims)]
    while True:
        key = (f.concept.qname.namespace, f.concept.qname.local, binding)  # QName identity is (namespace, local)
        prev = seen.get(key)
        if prev is None:
            seen[key] = f
            return f, clash
        if isinstance(prev, Fact):
            prev = (*_interval(prev), prev)
        lo, hi = _interval(f)
        if max(lo, prev[0]) <= min(hi, prev[1]):
            seen[key] = (max(lo, prev[0]), min(hi, prev[1]), prev[2])
            return f, clash
        other = prev[2]
        if pending and bindings is not None:
            axis, member = pending.pop(0)
            if clash is None:
                clash = (f"{f.concept.qname} {period_text(f.period)} {f.xbrl_value} differs from "
                         f"{other.xbrl_value} in {other.table_id} line {other.line}; given {axis}={member}")
            f = replace(f, dims=shared(tuple(sorted(f.dims + ((axis, member),)))))
            binding = bindings.of(f)
            continue
        if clash is None:
            clash = (f"{f.concept.qname} {period_text(f.period)} {f.xbrl_value} differs from "
                     f"{other.xbrl_value} in {other.table_id} line {other.line}; kept as extension")
        taken.add(f.concept.qname.local)
        if not base:
            base = f.concept.qname.local if f.concept.extension else camel_name(f.label or f.section or "Amount")
        f = replace(f, concept=ext.concept(base, f.concept.data_type, f.concept.period_type,
                                           f.label or f.section, taken), xbrl_sign=1)
