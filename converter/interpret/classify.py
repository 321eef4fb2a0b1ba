"""Conversion from a table's title, row labels and column period kinds into a statement kind.

Kinds: "income", "balance", "cashflow", "equity", "segment", "other". The phrases and their weights
live in ``taxonomy/statement_keywords.csv`` (columns ``kind,where,phrase,weight``); this module only
scores them, so a new phrase is a data change. A title such as::

    Consolidated Balance Sheet
    Fixed assets

scores "balance" from the title; rows such as "Total current assets" add to it, and columns that are
all instants (balances) confirm such evidence while any duration column rules it out.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..errors import TaxonomyError
from ..memo import text_cache
from ..record import record

_WORD = re.compile(r"[a-z0-9]+")
KINDS = ("income", "balance", "cashflow", "equity", "segment", "other")
"""Every kind classify_statement can return, in tie-break order."""

KEYWORDS_PATH = Path(__file__).resolve().parents[2] / "taxonomy" / "statement_keywords.csv"
TITLE_DECISIVE = 6  # a title scoring this for one kind names the statement outright
MIN_SCORE = 2  # a table scoring below this for every kind is "other"
INSTANT_BONUS = 3  # added to "balance" when every dated column is an instant
DURATION_PENALTY = 6  # taken from "balance" when any column is a duration


@record
class Keyword:
    """One weighted phrase of taxonomy/statement_keywords.csv."""

    kind: str  # statement kind the phrase points to ("generic" for labels that say nothing)
    where: str  # "title", "label", or a balance-sheet role such as "total_assets"
    phrase: str  # normalised phrase, matched on whole words
    weight: int  # score added when it matches


def normalise(text: str) -> str:
    """Lower case words only: "Shareholders' Equity & Reserves" -> "shareholders equity and reserves"."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(_WORD.findall(text))


@lru_cache(maxsize=4)
def load_keywords(path: Path = KEYWORDS_PATH) -> tuple[Keyword, ...]:
    """Read the keyword file once."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise TaxonomyError(f"cannot read {path}: {exc.strerror or exc}") from None
    out: list[Keyword] = []
    for n, row in enumerate(rows, start=2):
        try:
            out.append(Keyword(row["kind"], row["where"], normalise(row["phrase"]), int(row["weight"])))
        except (KeyError, ValueError, TypeError):
            raise TaxonomyError(f"{path.name}:{n}: expected kind,where,phrase,weight") from None
    return tuple(out)


def contains_phrase(text: str, phrase: str) -> bool:
    """True when the normalised phrase occurs in the normalised text on word boundaries."""
    return bool(phrase) and f" {phrase} " in f" {text} "


@lru_cache(maxsize=16)
def phrases_for(where: str) -> tuple[Keyword, ...]:
    """The keywords of one 'where' column value."""
    return tuple(k for k in load_keywords() if k.where == where)


@lru_cache(maxsize=4)
def _title_phrases() -> tuple[tuple[str, str, int], ...]:
    """Title keywords that can score, as (kind, " phrase ", weight)."""
    return tuple((kw.kind, f" {kw.phrase} ", kw.weight) for kw in phrases_for("title")
                 if kw.phrase and kw.kind in KINDS and kw.kind != "other")


@lru_cache(maxsize=4)
def _label_phrases() -> dict[str, tuple[tuple[tuple[str, ...], str, int], ...]]:
    """Label keywords by their first word: word -> ((phrase words), kind, weight)."""
    out: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
    for kw in phrases_for("label"):
        words = tuple(kw.phrase.split())
        if words and kw.kind in KINDS:
            out.setdefault(words[0], []).append((words, kw.kind, kw.weight))
    return {w: tuple(v) for w, v in out.items()}


@text_cache(maxsize=16384)
def label_weights(label: str) -> tuple[tuple[str, int], ...]:
    """The best weight per kind of the label phrases one row label contains (whole words)."""
    words = normalise(label).split()
    index = _label_phrases()
    best: dict[str, int] = {}
    for i, word in enumerate(words):
        for phrase, kind, weight in index.get(word, ()):
            if tuple(words[i:i + len(phrase)]) == phrase and weight > best.get(kind, 0):
                best[kind] = weight
    return tuple(sorted(best.items()))


def kind_scores(title: str, labels: Sequence[str], period_kinds: Sequence[str]) -> dict[str, int]:
    """Score every kind: title phrases, the best phrase of each label, and the column period kinds."""
    scores = {k: 0 for k in KINDS if k != "other"}
    padded_title = f" {normalise(title)} "
    for kind, padded, weight in _title_phrases():
        if padded in padded_title:  # contains_phrase, the phrase padded once
            scores[kind] += weight
    for label in labels:
        for kind, weight in label_weights(label):
            if kind in scores:
                scores[kind] += weight
    dated = [p for p in period_kinds if p in ("instant", "duration")]
    if dated and all(p == "instant" for p in dated) and scores["balance"] > 0:
        scores["balance"] += INSTANT_BONUS  # confirms text evidence; instants alone make a note, not a balance sheet
    if any(p == "duration" for p in dated):
        scores["balance"] -= DURATION_PENALTY
    return scores


def _title_scores(title: str) -> dict[str, int]:
    """The title phrases' score per kind."""
    padded_title = f" {normalise(title)} "
    scores: dict[str, int] = {}
    for kind, padded, weight in _title_phrases():
        if padded in padded_title:
            scores[kind] = scores.get(kind, 0) + weight
    return scores


_NOTE_TITLE = re.compile(r"\s*(note\b|\(?\d{1,2}[a-z]?[.)]\s)", re.IGNORECASE)
"""A note's title ("NOTE 15. Cash Flows", "6. Changes in cash"): a statement's figures restated, not the statement."""


def is_note_title(title: str) -> bool:
    """Whether a title is a note's ("NOTE 15. Cash Flows", "6. Changes in cash")."""
    return _NOTE_TITLE.match(title) is not None


def is_statement_title(title: str) -> bool:
    """Whether a title is a primary statement's own: it names the statement outright and is no note's title."""
    return title_names_statement(title) and not _NOTE_TITLE.match(title)


@text_cache(maxsize=16384)
def title_names_statement(title: str) -> bool:
    """Whether a title names a statement outright ("Statement of Earnings", "Balance Sheets")."""
    return max(_title_scores(title).values(), default=0) >= TITLE_DECISIVE


_ACTIVITIES = re.compile(r"\b(operating|investing|financing)\s+activities\b", re.IGNORECASE)
CASH_FLOW_SECTIONS = 2  # kinds of activities a table's rows name that make it a cash-flow statement


def classify_statement(title: str, labels: Sequence[str], period_kinds: Sequence[str]) -> str:
    """The kind of a table: the kind its title names outright, else the best-scoring kind, or "other" when
    nothing scores MIN_SCORE. A printed statement title is the strongest evidence: an equity statement's rows
    ("Net loss", "Dividends") score as income, its title does not."""
    activities = {m[1].lower() for label in labels for m in [_ACTIVITIES.search(label)] if m}
    if len(activities) >= CASH_FLOW_SECTIONS:
        return "cashflow"  # rows of operating, investing and financing activities, whatever the (mis)printed title
    titled = _title_scores(title)
    if titled and max(titled.values()) >= TITLE_DECISIVE:
        top = max(titled.values())
        named = [k for k in KINDS if titled.get(k) == top]
        if len(named) == 1:
            return named[0]
    scores = kind_scores(title, labels, period_kinds)
    best = max(scores.values())
    if best < MIN_SCORE:
        return "other"
    return next(k for k in KINDS if scores.get(k) == best)
