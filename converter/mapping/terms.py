"""Token rules from taxonomy/terms.csv -> the concept a printed label names, judged by its words and its section."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

from ..memo import Same
from ..record import record

@record
class TermRule:
    """One row of terms.csv: words a label (and its section) must hold for the row to state a concept."""

    concept: str  # local name of the concept stated
    statements: tuple[str, ...]  # statement kinds the rule applies in; () = any
    label: tuple[frozenset[str], ...]  # every group needs one of its words in the label
    label_not: frozenset[str]  # words the label must not hold
    section: tuple[frozenset[str], ...]  # every group needs one of its words in the open headings
    section_not: frozenset[str]  # words the headings must not hold
    role: str  # "total" (only totals), "item" (only non-totals) or "" (either)
    order: int  # position in terms.csv: the earlier of two equally specific rules wins
    cue: frozenset[str] = frozenset()  # first words of the first label group: a label holds one if the rule can hold

    @property
    def score(self) -> int:
        """Specificity: label words count twice as much as section words."""
        return 2 * len(self.label) + len(self.section)


def stem(word: str) -> str:
    """A plural folded to its singular ("liabilities" -> "liability", "taxes" -> "tax", "assets" -> "asset")."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words_of(key: str) -> tuple[str, ...]:
    """The stemmed words of a normalised key."""
    return tuple(map(stem, key.split()))


PRINTED = "="
"""Prefix of a word matched as printed, before synonyms ("=gain" is not "=income", though both read as profit)."""


def printed_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words of a label as printed (typos corrected, no synonyms), stemmed and marked with PRINTED."""
    return tuple([PRINTED + stem(w) for w in words])


def parse_spec(spec: str, key: Callable[[str], str]) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
    """'net profit|loss !interest|other' -> required groups and banned words, each word normalised like labels;
    a word written '=gain' must be printed as such (synonyms do not apply)."""
    groups: list[frozenset[str]] = []
    banned: set[str] = set()
    for part in spec.split():
        negate = part.startswith("!")
        alts = set()
        for alt in part.lstrip("!").split("|"):
            if alt.startswith(PRINTED):
                alts.add(PRINTED + stem(alt[len(PRINTED):].lower()))
                continue
            words = [stem(w) for w in key(alt.replace("_", " ")).split()]
            if words:
                alts.add("_".join(words))
        if negate:
            banned |= alts
        elif alts:
            groups.append(frozenset(alts))
    return tuple(groups), frozenset(banned)


def make_rules(rows: Iterable[dict[str, str]], key: Callable[[str], str]) -> tuple[TermRule, ...]:
    """TermRules from terms.csv rows (concept, statement, section, label, role)."""
    out = []
    for n, r in enumerate(rows):
        label, label_not = parse_spec(r["label"], key)
        section, section_not = parse_spec(r["section"], key)
        cue = frozenset(token.split("_")[0] for token in label[0]) if label else frozenset()
        out.append(TermRule(r["concept"], tuple(s for s in r["statement"].split("|") if s), label, label_not,
                            section, section_not, r["role"], n, cue))
    return tuple(out)


@record
class RowText:
    """What the term rules read of one row."""

    label: tuple[str, ...]  # stemmed words of the label (with the section's words for per-share and share rows),
    # then its printed words (printed_words)
    section: tuple[str, ...]  # stemmed words of the open headings
    kind: str  # statement kind
    total: bool  # the row is a total


@record
class _Tokens:
    """A group of rule tokens split for matching: single words, looked up in a set, and word runs ("net_income")."""

    words: frozenset[str]
    runs: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, tokens: frozenset[str]) -> _Tokens:
        return cls(frozenset(t for t in tokens if "_" not in t), tuple(tuple(t.split("_")) for t in tokens if "_" in t))

    def hit(self, words: tuple[str, ...], wordset: frozenset[str]) -> bool:
        """Whether a token of the group is in words: a word in wordset, or a run of words in order."""
        if not self.words.isdisjoint(wordset):
            return True
        return bool(self.runs) and any(words[i:i + len(run)] == run for run in self.runs
                                       for i in range(len(words) - len(run) + 1))


@record
class _Matcher:
    """A rule's label and section specs split for matching."""

    label: tuple[_Tokens, ...]
    label_not: _Tokens
    section: tuple[_Tokens, ...]
    section_not: _Tokens
    reads_section: bool  # the rule has section words, wanted or banned

    @classmethod
    def of(cls, r: TermRule) -> _Matcher:
        return cls(tuple(map(_Tokens.of, r.label)), _Tokens.of(r.label_not), tuple(map(_Tokens.of, r.section)),
                   _Tokens.of(r.section_not), bool(r.section or r.section_not))


def _holds(words: tuple[str, ...], wordset: frozenset[str], groups: tuple[_Tokens, ...], banned: _Tokens) -> bool:
    """Whether words hold no banned token and a token of every group."""
    if banned.hit(words, wordset):
        return False
    for g in groups:
        if not g.hit(words, wordset):
            return False
    return True


@record(eq=False)
class CueIndex:
    """The positions of the rules of a rule tuple that can hold in one kind of statement for rows that are totals or
    not, by cue word, and of those with no cue (read for every such row)."""

    by_cue: dict[str, tuple[int, ...]]  # cue word -> positions of the rules it cues, ascending
    uncued: tuple[int, ...]  # rules with no cue that read a label or a section
    matchers: tuple[_Matcher, ...]  # by position, every rule of the tuple


@lru_cache(maxsize=4)
def _matchers(rules: Same) -> tuple[_Matcher, ...]:
    """The _Matcher of each rule of a rule tuple (keyed by identity: made once per process)."""
    return tuple(_Matcher.of(r) for r in rules.parts[0])


@lru_cache(maxsize=64)
def cue_index(rules: Same, kind: str, total: bool) -> CueIndex:
    """The CueIndex of a rule tuple for rows of a statement kind, totals or not (keyed by the tuple's identity: the
    taxonomy's tuple is indexed once per process and row shape): a rule for other statements, or only for totals
    when the row is none (only for items when it is one), is left out, as best_rules would pass it by."""
    by_cue: dict[str, list[int]] = {}
    uncued: list[int] = []
    for n, r in enumerate(rules.parts[0]):
        if not r.label and not r.section:
            continue  # reads nothing: never holds
        if r.statements and kind not in r.statements:
            continue
        if r.role == "total" and not total or r.role == "item" and total:
            continue
        if not r.cue:
            uncued.append(n)
        for word in r.cue:
            by_cue.setdefault(word, []).append(n)
    return CueIndex({w: tuple(ns) for w, ns in by_cue.items()}, tuple(uncued), _matchers(rules))


def best_rules(rules: tuple[TermRule, ...], row: RowText, allowed: Callable[[str], bool]) -> list[TermRule]:
    """The most specific rules that hold for a row (several only when equally specific), earliest first; only rules
    for its kind of statement and row, cued by a word of the label, are read (cue_index)."""
    found: list[TermRule] = []
    label, section = row.label, row.section
    label_set, section_set = frozenset(label), frozenset(section)
    fits: dict[str, bool] = {}
    index = cue_index(Same(rules), row.kind, row.total)  # only rules for this kind of statement and row
    picked = set(index.uncued)
    for word in label_set:
        picked.update(index.by_cue.get(word, ()))
    for n in sorted(picked):
        r = rules[n]
        ok = fits.get(r.concept)
        if ok is None:
            ok = fits[r.concept] = allowed(r.concept)
        m = index.matchers[n]
        if not ok or not _holds(label, label_set, m.label, m.label_not):
            continue
        if m.reads_section and not _holds(section, section_set, m.section, m.section_not):
            continue
        found.append(r)
    if not found:
        return []
    top = max(r.score for r in found)
    return [r for r in found if r.score == top]
