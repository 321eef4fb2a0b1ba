"""A printed row label and its context -> a concept choice: aliases, taxonomy/terms.csv rules, headings, sides."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from ..interpret.periods import is_period_heading
from ..model import Concept, Fact, LineItem, QName, Unit
from ..record import record
from .load import Alias, Taxonomy
from .normalise import concept_name as camel_name, normalise_label, strip_footnotes
from .terms import RowText, best_rules, printed_words, words_of

ROOT_BALANCE = {"income": "credit", "comprehensive": "credit", "equity": "credit", "liabilities": "credit",
                "assets": "debit", "cashflow": "debit"}
"""Balance of the total each statement adds up to; a concept of the other balance is subtracted."""


_TYPE_SUFFIX = {"monetary": "Amount", "perShare": "PerShare", "shares": "Shares", "pure": "Ratio", "decimal": "Number"}


_CURRENCY = re.compile(r"[A-Z]{3}")


@record
class Choice:
    """The concept chosen for one fact before signs and duplicates are settled."""

    concept: Concept
    status: str  # matched | extension | ambiguous
    note: str
    weak: bool = False  # matched only after dropping qualifiers such as "(before exceptional items)"
    subtractive: bool = False  # the concept is subtracted in its home statement (see subtractive)
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


def _member_keys(fact: Fact, taxonomy: Taxonomy) -> set[str]:
    keys = {"total"}
    for axis, member in fact.dims:
        keys.add(taxonomy.key(member.replace("_", " ")))
        keys.update(member_texts(taxonomy).get((axis, member), ()))
    return keys


@lru_cache(maxsize=4)
def member_texts(taxonomy: Taxonomy) -> dict[tuple[str, str], frozenset[str]]:
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
    if fact.section.strip() and is_period_heading(fact.label):
        return (fact.section,)  # "Year Ended January 3, 1999" under "RESERVE FOR DOUBTFUL ACCOUNTS"
    key = taxonomy.key(fact.label)
    if item is not None and item.subtotal and key in _BARE_TOTALS:
        heading = fact.section or (item.path[-1] if item.path else "")
        if heading.strip() and taxonomy.key(heading) not in members and not is_period_heading(heading):
            return ("Total " + heading,)
        if not fact.dims:
            return ()  # a bare total under no heading: decided by equal figures or arithmetic, never the title
    if fact.label.strip() and key not in members:
        return (fact.label,)
    return tuple(s for s in (fact.section, title)
                 if s.strip() and taxonomy.key(s) not in members and not is_period_heading(s))


@lru_cache(maxsize=4)
def index_of(taxonomy: Taxonomy) -> Index:
    """The alias index of a taxonomy, built once per taxonomy."""
    return Index(taxonomy)


class Index:
    """Aliases (and standard labels) by normalised key."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.tax = taxonomy
        self.memo: dict[tuple, object] = {}  # answers of lookup, term_choice and names_line_item (no filing read)
        self.by_key: dict[str, list[tuple[int, Alias]]] = {}
        for a in taxonomy.aliases:
            self.by_key.setdefault(a.key, []).append((0, a))
        for d in taxonomy.concepts.values():
            a = Alias(d.label, taxonomy.key(d.label), (), "", d.name)
            self.by_key.setdefault(a.key, []).append((-1, a))

    def lookup(self, texts: tuple[str, ...], kind: str, section: str, dtype: str,
               ptype: str) -> tuple[list[str], str, bool]:
        """Concept names for the first text variant with a compatible alias, the alias, and whether it was a
        fallback variant (qualifiers dropped) rather than the full label (found once per arguments: memo)."""
        key = ("lookup", texts, kind, section, dtype, ptype)
        found = self.memo.get(key)
        if found is None:
            names, note, weak = self._lookup(texts, kind, section, dtype, ptype)
            found = self.memo[key] = (tuple(names), note, weak)
        names, note, weak = found  # type: ignore[misc]
        return list(names), note, weak

    def _lookup(self, texts: tuple[str, ...], kind: str, section: str, dtype: str,
                ptype: str) -> tuple[list[str], str, bool]:
        """lookup, worked out."""
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


class Extensions:
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


@record
class RowContext:
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


def term_choice(sources: tuple[str, ...], ctx: RowContext, index: Index) -> tuple[str, str, bool] | None:
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


def _find_term(sources: tuple[str, ...], ctx: RowContext, index: Index) -> tuple[str, str, bool] | None:
    tax = index.tax
    section_words = _section_words(ctx.path, ctx.section, index)

    def allowed(name: str) -> bool:
        d = tax.concepts[name]
        if d.abstract or d.data_type != ctx.dtype or d.period_type != ctx.ptype:
            return False
        return not (ctx.side and d.home in ("assets", "liabilities") and d.home != ctx.side)

    for text in sources[:1]:
        qualified, variants = _label_words(text, index)
        if qualified:
            return None  # "Net income excluding one-time items" is no net income
        for words, printed in variants:
            if ctx.dtype in ("perShare", "shares"):
                words = words + section_words  # "Diluted" under "Earnings per share:"
            total = ctx.total or words[:1] == ("total",)
            row = RowText(words + printed, section_words, ctx.kind, total)
            key = ("rules", row, ctx.dtype, ctx.ptype, ctx.side)  # all that allowed() reads of ctx
            best = index.memo.get(key)
            if best is None:
                best = index.memo[key] = best_rules(tax.terms, row, allowed)
            if best:
                r = best[0]
                return (r.concept, f"terms.csv rule {r.order + 2} ({' '.join('|'.join(sorted(g)) for g in r.label)})",
                        bool(r.section))
    return None


def _section_words(path: tuple[str, ...], section: str, index: Index) -> tuple[str, ...]:
    """The stemmed words of a row's open headings, read once per headings (Index.memo)."""
    key = ("section words", path, section)
    found = index.memo.get(key)
    if found is None:
        found = index.memo[key] = words_of(index.tax.key(" ".join(dict.fromkeys((*path, section)))))
    return found  # type: ignore[return-value]


_NET_OF_TAX = re.compile(r",?\s*net\s+of\s+(?:related\s+|income\s+|deferred\s+)*tax(?:es)?(?:\s+effects?|\s+benefits?)?\b",
                         re.IGNORECASE)
"""How a figure is measured, not what it is: "Unrealized gain on securities, net of tax" is no tax."""


def _label_words(text: str, index: Index) -> tuple[bool, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """What the term rules read of a label, once per label (Index.memo): whether it names a qualified measure, and
    per variant holding words (without parenthesised text, then as printed) its stemmed and printed words."""
    key = ("label words", text)
    found = index.memo.get(key)
    if found is None:
        tax = index.tax
        padded = f" {tax.key(text)} "
        qualified = any(f" {q} " in padded for q in tax.qualified_measure)
        variants = []
        if not qualified:
            for variant in dict.fromkeys(_NET_OF_TAX.sub(" ", v) for v in (_PAREN_TEXT.sub(" ", strip_footnotes(text)), text)):
                words = words_of(tax.key(variant))
                if words:
                    variants.append((words, printed_words(tuple(normalise_label(variant, tax.typos).split()))))
        found = index.memo[key] = (qualified, tuple(variants))
    return found  # type: ignore[return-value]


def choose_named(sources: tuple[str, ...], ctx: RowContext, title: str, index: Index,
                  ext: Extensions) -> Choice:
    """The choice for a row named by sources (label_sources; title is used only when there are none)."""
    names, note, weak = index.lookup(sources, ctx.kind, ctx.section, ctx.dtype, ctx.ptype)
    if ctx.side and any(index.tax.concepts[n].home in ("assets", "liabilities")
                        and index.tax.concepts[n].home != ctx.side for n in names):
        names = []  # "Deferred income taxes" under current assets is no liability, whatever an alias says
    term = term_choice(sources, ctx, index) if sources else None
    if len(names) == 1 and term and term[0] != names[0] and _headings_contradict(names[0], ctx, index):
        names = []  # "Earnings per share" under "Diluted": the alias's concept rules out a word of the headings
    # a rule reading the section beats an alias holding anywhere only when the alias names another statement's
    # line item ("Income taxes" among working-capital changes is no tax expense); an alias naming a line item of
    # this statement is the more specific name ("Purchase of convertible debt" among financing "debt" rows)
    if len(names) == 1 and not (term and term[2] and term[0] != names[0] and " under its section" not in note
                                and index.tax.concepts[names[0]].home != ctx.kind):
        concept = index.tax.concept(names[0])
        return Choice(concept, "matched", note, weak, subtractive(concept, index.tax))
    if sources:
        if term is not None:
            concept = index.tax.concept(term[0])
            return Choice(concept, "matched", term[1], False, subtractive(concept, index.tax), evidence="terms")
    base = camel_name(sources[0] if sources else title or "Amount")
    concept = ext.concept(base, ctx.dtype, ctx.ptype, sources[0] if sources else title or "Amount", set())
    if names:
        return Choice(concept, "ambiguous", f"candidates {', '.join(names)} via {note}")
    return Choice(concept, "extension", "no alias or term rule for " + repr(sources[0] if sources else ""))


def _headings_contradict(name: str, ctx: RowContext, index: Index) -> bool:
    """Whether the open headings of a per-share or share row hold a word every term rule of the concept bans
    (EarningsPerShareBasic bans "diluted"): a label read without its headings names another row."""
    if ctx.dtype not in ("perShare", "shares"):
        return False
    key = ("contradict", name, ctx.path, ctx.section)
    if key not in index.memo:
        words = frozenset(words_of(index.tax.key(" ".join((*ctx.path, ctx.section)))))
        bans = [r.label_not for r in index.tax.terms if r.concept == name]
        index.memo[key] = bool(bans) and all(words & banned for banned in bans)
    return bool(index.memo[key])


def subtractive(concept: Concept, taxonomy: Taxonomy) -> bool:
    """A concept subtracted in its home statement: its balance differs from the statement total's balance."""
    d = None if concept.extension else taxonomy.concepts.get(concept.qname.local)
    return bool(d and d.balance and d.home in ROOT_BALANCE and d.balance != ROOT_BALANCE[d.home])


def concept_for_label(label: str, taxonomy: Taxonomy, kind: str, dtype: str = "monetary", ptype: str = "duration",
                      section: str = "", path: tuple[str, ...] = (), total: bool = False,
                      side: str = "") -> tuple[str, str]:
    """The concept local name ("" for none) and the evidence note a printed row label gets from its words and
    context alone (aliases, then term rules); what map_report decides before figures are compared."""
    ctx = RowContext(section, path, kind, dtype, ptype, total, side)
    c = choose_named((label,) if label.strip() else (), ctx, "", index_of(taxonomy),
                      Extensions("urn:test", taxonomy.extension_prefix))
    return ("" if c.concept.extension else c.concept.qname.local), c.note


class Sides:
    """The balance-sheet side of a row, from the concept its innermost heading names (a heading "Current
    liabilities" puts its rows on the liabilities side), decided once per heading."""

    def __init__(self, index: Index, kind: str) -> None:
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
                ctx = RowContext("", (), self.kind, "monetary", "instant", True, "")
                names, _, _ = self.index.lookup((heading,), self.kind, "", "monetary", "instant")
                term = term_choice(("Total " + heading,), ctx, self.index) if len(names) != 1 else None
                name = names[0] if len(names) == 1 else (term[0] if term else "")
                home = self.index.tax.concepts[name].home if name else ""
                if home in ("assets", "liabilities"):
                    side = home
                    break
            self.memo[headings] = side
        return side


def names_line_item(heading: str, kind: str, index: Index) -> bool:
    """Whether a heading names a line item of any type ("Current assets", "Average shares outstanding") rather
    than a block of the statement (a sector, a subsidiary)."""
    key = ("line item", heading, kind)
    if key not in index.memo:
        index.memo[key] = _find_line_item(heading, kind, index)
    return bool(index.memo[key])


def _find_line_item(heading: str, kind: str, index: Index) -> bool:
    for dtype in ("monetary", "shares", "perShare"):
        for ptype in ("duration", "instant"):
            names, _, _ = index.lookup((heading,), kind, "", dtype, ptype)
            ctx = RowContext("", (), kind, dtype, ptype, True, "")
            if names or term_choice((heading,), ctx, index) or term_choice(("Total " + heading,), ctx, index):
                return True
    return False
