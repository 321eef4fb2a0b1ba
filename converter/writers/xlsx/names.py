"""Which statements get a sheet, in what order, and the sheet names: "Income statement (3 months)", "Balance sheet",
then other financial tables named from their titles."""

from __future__ import annotations

import re
from typing import Iterable

from ...interpret.classify import is_note_title, kind_scores
from ...mapping.evidence import NO_STATEMENT_MEMBERS, secondary_member
from ...mapping.load import Taxonomy, load_taxonomy
from ...model import Duration, Instant, Statement, period_end
from .formats import MONTHS, span_text, words

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name's length."""

PRIMARY = {"income": "Income statement", "balance": "Balance sheet", "cashflow": "Cash flows", "equity": "Equity"}
"""The primary statements' sheet names, in sheet order."""

UNTITLED = {"income": "Income data", "balance": "Balance data", "cashflow": "Cash flow data", "equity": "Equity data",
            "segment": "Segment data"}
"""The name of an untitled table of a kind ("Table" for any other)."""

KIND_ORDER = ("income", "balance", "cashflow", "equity", "segment", "other")
"""Sheet order of the other financial tables, by kind."""

PRIMARY_TITLE_SCORE = 4
"""A table of a primary kind is a primary statement when its title alone scores that kind at least this much."""

FILLER = frozenset("a an and as at by consolidated condensed combined for from in interim of on statement statements the "
                   "to unaudited".split())
"""Title words that never tell two statements apart."""

_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]+")
_NUMBERING = re.compile(r"^\s*\(?(?:\d{1,2}[a-z]?|[a-z]|[ivx]{1,4})[.)]\s+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'.&-]*")


def has_figures(st: Statement) -> bool:
    """True when a table printed any figure (a table of check boxes, names or an index gets no sheet)."""
    return any(a is not None for row in st.rows for a in row.amounts)


def is_primary(st: Statement, taxonomy: Taxonomy) -> bool:
    """True for an income statement, balance sheet, cash flow or equity statement titled as one (its title, or
    the title with plurals made singular: "Income Statements")."""
    member = secondary_member(st.title, taxonomy)
    if st.kind not in PRIMARY or is_note_title(st.title) or (member is not None and member[1] in NO_STATEMENT_MEMBERS):
        return False  # a note ("NOTE 15. Cash Flows") or selected data ("Financial position at December 31")
    if all(c.period is None for c in st.columns) and not st.facts:
        return False  # a statement names its periods (in its columns, or an equity statement's in its rows); a
        # contents page listing it by title does not
    singular = " ".join(w[:-1] if len(w) > 3 and w.lower().endswith("s") else w for w in st.title.split())
    return max(kind_scores(t, (), ()).get(st.kind, 0) for t in (st.title, singular)) >= PRIMARY_TITLE_SCORE


def primaries(statements: Iterable[Statement]) -> frozenset[str]:
    """The table ids of the primary statements (is_primary) among statements."""
    taxonomy = load_taxonomy()
    return frozenset(st.table_id for st in statements if is_primary(st, taxonomy))


def sheet_order(statements: tuple[Statement, ...]) -> list[Statement]:
    """Statements with figures: primary statements by kind, then the other tables by kind, each in source order."""
    shown = [st for st in statements if has_figures(st)]
    primary, rank = primaries(shown), {kind: n for n, kind in enumerate(KIND_ORDER)}  # primary kinds lead KIND_ORDER
    return sorted(shown, key=lambda st: (st.table_id not in primary, rank.get(st.kind, len(rank))))


def clean_title(title: str) -> str:
    """A title as a name: numbering dropped ("3. Loss per share"), one space, sentence case if printed in capitals."""
    text = " ".join(_FORBIDDEN.sub(" ", _NUMBERING.sub("", title)).split()).strip("'- ")
    return text[:1] + text[1:].lower() if text.isupper() else text


def base_name(st: Statement, primary: bool) -> str:
    """What a statement (a primary one, or not) is called before any qualifier."""
    if primary:
        return PRIMARY[st.kind]
    return clean_title(st.title) or UNTITLED.get(st.kind, "Table")


def fit(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most limit characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;-('")


def span_of(st: Statement) -> str:
    """The one period length of every dated column ("3 months", "as of"), or ""."""
    spans = {span_text(c.period).lower() if isinstance(c.period, Duration) else "as of" for c in st.columns
             if c.period is not None}
    return spans.pop() if len(spans) == 1 else ""


def period_of(st: Statement) -> str:
    """The one period of every dated column in short: "3 months to Jun. 2004", "as of Dec. 2000", or ""."""
    periods = {c.period for c in st.columns if c.period is not None}
    if len(periods) != 1:
        return ""
    (p,) = periods
    end = period_end(p)
    return f"{span_of(st)}{'' if isinstance(p, Instant) else ' to'} {MONTHS[end.month - 1]} {end.year}"


def dims_of(st: Statement) -> str:
    """The breakdown every column shares, in words, or ""."""
    dims = {c.dims for c in st.columns}
    return ", ".join(words(member).lower() for _, member in dims.pop()) if len(dims) == 1 else ""


def latest_of(st: Statement) -> str:
    """The latest period end of its dated columns in short ("Jun. 1998"), or ""."""
    ends = [period_end(c.period) for c in st.columns if c.period is not None]
    if not ends:
        return ""
    end = max(ends)
    return f"{MONTHS[end.month - 1]} {end.year}"


def title_words(st: Statement, others: list[Statement], filler: bool = False) -> str:
    """The words of a statement's title that no other title of its group has (filler words aside, unless asked)."""
    seen = {w.lower().rstrip("s") for o in others for w in _WORD.findall(o.title)}
    return " ".join(w.lower() for w in _WORD.findall(clean_title(st.title))
                    if w.lower().rstrip("s") not in seen and (filler or w.lower() not in FILLER))


def qualifiers(group: list[Statement]) -> tuple[str, list[str]]:
    """The rule and the short qualifiers that best tell apart statements sharing a name: their period length,
    period, breakdown or latest period end, else the words only their title has; their first line when nothing
    else does."""
    best: tuple[int, str, list[str]] = (1, "", [])
    for rule in (span_of, period_of, dims_of, latest_of):
        found = [rule(st) for st in group]
        if all(found) and len(set(found)) > best[0]:
            best = (len(set(found)), rule.__name__, found)
    titled = [title_words(st, [o for o in group if o is not st]) for st in group]
    if len(set(titled)) > best[0] and sum(1 for q in titled if not q) <= 1:
        best = (len(set(titled)), "title", titled)
    if best[0] < len(group):  # none tells them all apart: the words of its title no other title has (filler
        # words too) with a period length, ...
        own = [title_words(st, [o for o in group if o.title != st.title], filler=True) for st in group]
        for rule in (span_of, period_of, dims_of, latest_of):
            found = [", ".join(q for q in (rule(st), t) if q) for t, st in zip(own, group)]  # what tells apart first
            if all(found) and len(set(found)) == len(group):
                return "title", found  # "Segment income statements (3 months)", "... (6 months)", "(consolidated)"
    return (best[1], best[2]) if best[2] else ("line", [f"line {st.first_line}" for st in group])


def abridged(title: str, distinct: str, limit: int = SHEET_NAME_MAX) -> str:
    """A long title cut in the middle so that the words telling it apart stay: "Effects of conforming… net loss"."""
    words = title.split()
    at = next((i for i, w in enumerate(words) if w.lower() in distinct.split()), len(words))
    tail = fit(" ".join(words[max(at - 1, 0):]), limit // 2 + 2)
    head = fit(" ".join(words[:max(at - 1, 0)]), limit - len(tail) - 2)
    return f"{head}\u2026 {tail}" if head else fit(tail, limit)


def qualified(st: Statement, primary: bool, rule: str, qualifier: str) -> str:
    """A statement's name with its qualifier, within Excel's limit."""
    base = base_name(st, primary)
    if not qualifier:
        return base
    if rule == "title" and not primary and len(base) + len(qualifier) + 3 > SHEET_NAME_MAX:
        return abridged(base, qualifier)
    room = SHEET_NAME_MAX - len(base) - 3
    if primary or room >= len(qualifier):
        qualifier = fit(qualifier, max(room, 8))
    return f"{fit(base, SHEET_NAME_MAX - len(qualifier) - 3)} ({qualifier})"


NEXT_PAGE_LINES = 60  # lines between a statement's end and a page of it printed under the same title again


def _next_page(prev: Statement, st: Statement) -> bool:
    """A table printed right after a statement, under its title (or that title with a part named after a dash:
    "CONSOLIDATED BALANCE SHEET - ASSETS", then "CONSOLIDATED BALANCE SHEET") and for its very periods: its next page
    (a balance sheet's liabilities page)."""
    periods = {c.period for c in st.columns if c.period is not None}
    return (_statement_name(st.title) == _statement_name(prev.title) and bool(periods)
            and periods == {c.period for c in prev.columns if c.period is not None}
            and 0 <= st.first_line - prev.last_line <= NEXT_PAGE_LINES)


_PART = re.compile(r"\s+[-\u2013\u2014]+\s+.*$")


def _statement_name(title: str) -> str:
    """A title without the part of the statement it names after a dash ("... BALANCE SHEET - ASSETS")."""
    return _PART.sub("", title.strip()).lower()


def sheet_names(statements: list[Statement], taken: tuple[str, ...]) -> dict[str, str]:
    """table_id -> a valid sheet name, unique (case-insensitively) and never one of the taken names."""
    groups: dict[str, list[Statement]] = {}
    primary = primaries(statements)
    for st in statements:
        groups.setdefault(fit(base_name(st, st.table_id in primary), SHEET_NAME_MAX).lower(), []).append(st)
    used = {t.lower() for t in taken} | {"history"}
    out: dict[str, str] = {}
    pages: dict[str, str] = {}  # a statement's next page -> the page it continues (drawn on one sheet)
    for group in groups.values():
        continued = [st for n, st in enumerate(group) if st.title.lower().endswith("(continued)")  # its next page
                     or (n and _next_page(group[n - 1], st))]
        group = [st for st in group if st not in continued]
        rule, found = qualifiers(group) if len(group) > 1 else ("", [""] * len(group))
        for st, qualifier in zip(group, found):
            out[st.table_id] = fit(_FORBIDDEN.sub(" ", qualified(st, st.table_id in primary, rule, qualifier)),
                                   SHEET_NAME_MAX)
        for st in continued:  # a statement's next page is drawn on the sheet of the page before it
            before = max((o for o in group if o.table_id in out and o.first_line < st.first_line),
                         key=lambda o: o.first_line, default=None)
            if before is not None:
                pages[st.table_id] = before.table_id
            else:
                out[st.table_id] = fit(_FORBIDDEN.sub(" ", qualified(st, st.table_id in primary, "title",
                                                                     "continued")), SHEET_NAME_MAX)
    final: dict[str, str] = {}  # in the statements' order
    for st in statements:
        if st.table_id in pages:
            final[st.table_id] = final[pages[st.table_id]]
            continue
        name = unique = out[st.table_id]
        k = 2
        while unique.lower() in used:
            unique, k = f"{fit(name, SHEET_NAME_MAX - len(str(k)) - 1)} {k}", k + 1
        used.add(unique.lower())
        final[st.table_id] = unique
    return final
