"""Conversion from header, caption and label text into a currency and a scale.

    GBP'000      GBP'000     $'000          -> GBP, 3 / USD, 3
    (Dollars in millions, except per share amounts)  -> USD, 6
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..record import record
from .vocab import Vocab
from ..memo import text_cache

_EXCEPT = re.compile(r",?\s*except\b.*$")
_SCALE_PHRASE = re.compile(r"\b(?:in\s+)?(thousands|millions|billions)\b|(?<![\d,.])(000,000)(?![,\d])|\b000'?s\b|'000s?\b"
                           r"|\(\$?000\)|\$000(?![,\d])|\b000\s+omitted\b")
"""A scale phrase: "in thousands", "000's omitted", "(000 omitted)", "($000)", "(000,000 omitted)" (millions)."""
_DOLLARS = re.compile(r"\bdollars?\b|\bus\$|\$")
_CURRENCY_WORDS = {"pounds sterling": "GBP", "sterling": "GBP", "pounds": "GBP", "euros": "EUR", "yen": "JPY"}
"""Currency names in running text; when several occur, the last of this order wins."""
_CURRENCY_WORD = re.compile(r"\b(pounds sterling|sterling|pounds|euros|yen)\b")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_NOUN = re.compile(r"[a-z][a-z'&-]*")
_COUNT_SCALE = re.compile(r"\((?:in )?(million|millions|m|000|'000|thousands?|bn|billion)\b")
_LABEL_SCALE = re.compile(r"\((?:in\s+)?('000|000'?s?|thousands|millions|m|mn|000,000)\)")


@record
class UnitEvidence:
    """Currency and scale read from some text; None where the text says nothing."""

    currency: str | None  # ISO code such as "GBP"
    scale: int | None  # 3 for thousands, 6 for millions


@lru_cache(maxsize=4)
def _scales(vocab: Vocab) -> dict[str, int]:
    """The vocabulary's scale words as a dict (word -> power of ten)."""
    return dict(vocab.scales)


@lru_cache(maxsize=256)
def _currencies_from(vocab: Vocab, first: str) -> tuple[tuple[str, str], ...]:
    """The currency tokens a word starting with `first` can start with, in the vocabulary's order."""
    return tuple((cur, code) for cur, code in vocab.currencies if cur[:1] in ("", first))


@text_cache(maxsize=16384)
def _token_unit(token: str, vocab: Vocab) -> UnitEvidence:
    """Read one header word: GBP'000 -> (GBP, 3), $'000 -> (USD, 3), US$m -> (USD, 6), GBP -> (GBP, None)."""
    t = token.lower().strip("()[],;:")
    scales = _scales(vocab)
    for cur, code in _currencies_from(vocab, t[:1]):
        if t.startswith(cur):
            rest = t[len(cur):]
            if rest == "" or rest in scales:
                return UnitEvidence(code, scales.get(rest) if rest else None)
    if t in ("'000", "000's", "'000s", "000s"):
        return UnitEvidence(None, 3)
    return UnitEvidence(None, None)


_SCALE_WORDS = ("000", "thousands", "millions", "billions")
_SCALE_LEAD = len("in ")
"""Every _SCALE_PHRASE match holds one of _SCALE_WORDS and starts at most _SCALE_LEAD characters before it in a
space-folded text ("in thousands", "'000", "(000)")."""


def _scale_phrase(low: str) -> re.Match[str] | None:
    """_SCALE_PHRASE.search(low) for a space-folded text, begun where the first scale word allows (a long caption
    names its scale last: "GBP'000")."""
    found = [i for i in (low.find(w) for w in _SCALE_WORDS) if i >= 0]
    if not found:
        return None
    return _SCALE_PHRASE.search(low, max(0, min(found) - _SCALE_LEAD))  # \b still sees the character before


@text_cache(maxsize=16384)
def read_units(text: str, vocab: Vocab) -> UnitEvidence:
    """Currency and scale from a header or caption: "GBP'000", "(In millions)", "$ in thousands"."""
    low = " ".join(text.lower().split())
    # "(millions, except per share)" -> per-share rows are handled per row
    low_main = _EXCEPT.sub("", low) if "except" in low else low
    currency: str | None = None
    scale: int | None = None
    # phrases: "in thousands", "(millions", "000's omitted", "dollars in millions"
    m = _scale_phrase(low_main)
    if m:
        scale = 6 if m.group(2) else {"thousands": 3, "millions": 6, "billions": 9}.get(m.group(1) or "000", 3)
    if "$" in low or ("dollar" in low and _DOLLARS.search(low)):  # a "$" is itself a match of _DOLLARS
        currency = "USD"
    if "sterling" in low or "pounds" in low or "euros" in low or "yen" in low:
        named = set(_CURRENCY_WORD.findall(low))  # the names map to distinct codes but for GBP's three: no overlap hides one
        for word, code in _CURRENCY_WORDS.items():
            if word in named:
                currency = code
    # tokens: GBP'000, $'000, GBP m, US$m, EUR mn
    words = low.split()
    for i, w in enumerate(words):
        ev = _token_unit(w, vocab)
        if ev.currency:
            currency = ev.currency
            if ev.scale is None and i + 1 < len(words):
                nxt = _scales(vocab).get(words[i + 1].strip("(),"))
                if nxt is not None and words[i + 1].strip("(),") in ("m", "mn", "bn", "'000", "000", "000's", "k",
                                                                     "thousand", "million", "billion"):
                    scale = nxt
        if ev.scale is not None:
            scale = ev.scale
    return UnitEvidence(currency, scale)


@lru_cache(maxsize=4)
def _counts(vocab: Vocab) -> dict[str, str]:
    """The vocabulary's count nouns as a dict (noun -> unit)."""
    return dict(vocab.counts)


@text_cache(maxsize=16384)
def count_unit(label: str, vocab: Vocab) -> tuple[str, int | None] | None:
    """A count noun in a row or section label: 'Customers (at end of period)' -> ('customers', None),
    'Switched Minutes (million)' -> ('minutes', 6), 'Private Wire VGEs (000)' -> ('VGEs', 3)."""
    low = label.lower()
    counts = _counts(vocab)
    # the head noun of the label or of a caption: "Switched Minutes", "(millions of units)";
    # not a noun inside a phrase: "employee share schemes"
    segments = [low.split("(", 1)[0]] + (_BRACKETED.findall(low) if "(" in low else [])
    found = None
    for seg in segments:
        words = _NOUN.findall(seg)
        if words and words[-1] in counts and counts[words[-1]] != "shares":
            found = counts[words[-1]]
            break
    if found is None:
        return None
    scale = None
    m = _COUNT_SCALE.search(low)
    if m:
        scale = {"million": 6, "millions": 6, "m": 6, "000": 3, "'000": 3, "thousand": 3, "thousands": 3,
                 "bn": 9, "billion": 9}[m[1]]
    return found, scale


_SHARES_IN = re.compile(r"\bshares?(?:\s+(?:amounts|data|figures|numbers|counts))?(?:\s+(?:which|that))?\s+(?:are\s+)?in\s+"
                        r"(thousands|millions)\b"
                        r"|\b(thousands|millions)\s+of\s+shares\b")
_EXCEPT_SHARES = re.compile(r"\bexcept\b[^()]*?(?<!per )(?<!per-)\b(?:shares?|number of shares)\b(?!\s+prices?\b)")


@text_cache(maxsize=16384)
def shares_scale(text: str) -> int | None:
    """The scale of the share counts a caption states: "(Dollars in millions, shares in thousands)" -> 3,
    "(In thousands, except share and per share data)" -> 0 (counts printed whole); None when it names none."""
    low = " ".join(text.lower().split())
    if "share" not in low:
        return None
    m = _SHARES_IN.search(low)
    if m:
        return 6 if "millions" in (m[1] or m[2]) else 3
    return 0 if _EXCEPT_SHARES.search(low) else None


@text_cache(maxsize=16384)
def counts_scale(text: str) -> int | None:
    """The scale of a caption that scales share counts and nothing else ("... is shown below (shares in millions):"):
    the table's figures printed without a currency sign are counts at that scale; None for any other caption."""
    low = " ".join(text.lower().split())
    m = _SHARES_IN.search(low) if "share" in low else None
    if m is None:
        return None
    rest = low[:m.start()] + " " + low[m.end():]
    if _scale_phrase(rest) or "$" in rest or _DOLLARS.search(rest) or "amounts" in rest:
        return None  # "(Dollars in millions, shares in thousands)": the money has a scale of its own
    return 6 if "millions" in (m[1] or m[2]) else 3


@text_cache(maxsize=16384)
def label_scale(label: str) -> int | None:
    """A scale written into a row label: "('000)", "(in thousands)", "(millions)"."""
    low = label.lower()
    m = _LABEL_SCALE.search(low) if "(" in low else None
    if not m:
        return None
    return 6 if m[1] in ("millions", "m", "mn", "000,000") else 3
