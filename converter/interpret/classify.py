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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..errors import TaxonomyError

KINDS = ("income", "balance", "cashflow", "equity", "segment", "other")
"""Every kind classify_statement can return, in tie-break order."""

KEYWORDS_PATH = Path(__file__).resolve().parents[2] / "taxonomy" / "statement_keywords.csv"
MIN_SCORE = 2  # a table scoring below this for every kind is "other"
INSTANT_BONUS = 3  # added to "balance" when every dated column is an instant
DURATION_PENALTY = 6  # taken from "balance" when any column is a duration


@dataclass(frozen=True, slots=True)
class Keyword:
    """One weighted phrase of taxonomy/statement_keywords.csv."""

    kind: str  # statement kind the phrase points to ("generic" for labels that say nothing)
    where: str  # "title", "label", or a balance-sheet role such as "total_assets"
    phrase: str  # normalised phrase, matched on whole words
    weight: int  # score added when it matches


def normalise(text: str) -> str:
    """Lower case words only: "Shareholders' Equity & Reserves" -> "shareholders equity and reserves"."""
    text = text.lower().replace("&", " and ").replace("'", "").replace("\u2019", "")
    return " ".join(re.findall(r"[a-z0-9]+", text))


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


def phrases_for(where: str) -> tuple[Keyword, ...]:
    """The keywords of one 'where' column value."""
    return tuple(k for k in load_keywords() if k.where == where)


def kind_scores(title: str, labels: Sequence[str], period_kinds: Sequence[str]) -> dict[str, int]:
    """Score every kind: title phrases, the best phrase of each label, and the column period kinds."""
    scores = {k: 0 for k in KINDS if k != "other"}
    norm_title = normalise(title)
    for kw in phrases_for("title"):
        if kw.kind in scores and contains_phrase(norm_title, kw.phrase):
            scores[kw.kind] += kw.weight
    label_kw = phrases_for("label")
    for label in labels:
        text = normalise(label)
        best: dict[str, int] = {}
        for kw in label_kw:
            if kw.kind in scores and contains_phrase(text, kw.phrase):
                best[kw.kind] = max(best.get(kw.kind, 0), kw.weight)
        for kind, weight in best.items():
            scores[kind] += weight
    dated = [p for p in period_kinds if p in ("instant", "duration")]
    if dated and all(p == "instant" for p in dated) and scores["balance"] > 0:
        scores["balance"] += INSTANT_BONUS  # confirms text evidence; instants alone make a note, not a balance sheet
    if any(p == "duration" for p in dated):
        scores["balance"] -= DURATION_PENALTY
    return scores


def classify_statement(title: str, labels: Sequence[str], period_kinds: Sequence[str]) -> str:
    """The kind of a table: the best-scoring kind, or "other" when nothing scores MIN_SCORE."""
    scores = kind_scores(title, labels, period_kinds)
    best = max(scores.values())
    if best < MIN_SCORE:
        return "other"
    return next(k for k in KINDS if scores.get(k) == best)
