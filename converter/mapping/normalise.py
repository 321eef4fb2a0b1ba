"""Printed row labels -> comparison keys: case, punctuation, footnote markers, typos, synonyms."""

from __future__ import annotations

import re
from typing import Callable, Mapping

from ..memo import text_cache

_FOOTNOTE = re.compile(r"\(\s*(?:[ivx]{1,5}|\d{1,2}|[a-h])\s*\)|\b[a-h]/(?=\s|$)|\*+"
                       r"|\(\s*(?:see\s+)?notes?\s+\d{1,2}[a-z]?(?:\s*(?:,|and|&)\s*\d{1,2}[a-z]?)*\s*\)")
_PAREN = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[a-z0-9%]+")
_NAME_WORD = re.compile(r"[A-Za-z0-9]+")
_DROP_WORDS = frozenset({"the"})


def strip_footnotes(text: str) -> str:
    """Remove footnote markers such as "(1)", "(iii)", "b/", "*" or "(Note 9)" from a label."""
    text = text.lower()
    if "(" not in text and "/" not in text and "*" not in text:
        return text  # every marker holds one of these characters
    return _FOOTNOTE.sub(" ", text)


def normalise_label(
    text: str, typos: Mapping[str, str] | None = None, synonyms: Mapping[str, str] | None = None
) -> str:
    """A comparison key: "Profit/(loss) on ordinary activites (1)" -> "profit on ordinary activities"."""
    typos = typos or {}
    synonyms = synonyms or {}
    cleaned = strip_footnotes(text.replace("\u2019", "'").replace("&", " and "))
    cleaned = cleaned.replace("'s", "s").replace("s'", "s").replace("%", " % ")
    cleaned = _NON_PREFIX.sub("non", cleaned)  # "Non-current", "non-cash": one word, as "noncurrent" is
    words: list[str] = []
    for raw in _WORD.findall(cleaned):
        word = typos.get(raw, raw)
        word = synonyms.get(word, word)
        if word in _DROP_WORDS or (words and words[-1] == word):
            continue
        words.append(word)
    return " ".join(words)


def label_variants(
    text: str, typos: Mapping[str, str] | None = None, synonyms: Mapping[str, str] | None = None,
    key_of: Callable[[str], str] | None = None,
) -> tuple[str, ...]:
    """Keys to try in order: the full label, without parentheticals, without a trailing date, without a leading
    "total".

    key_of, when given, stands for normalise_label(text, typos, synonyms) (a cached one, say)."""
    keys: list[str] = []
    no_footnotes = strip_footnotes(text)
    undated = _TRAILING_DATE.sub("", text)  # "Stockholders' equity, January 1, 1995": the balance named
    for candidate in (text, _PAREN.sub(" ", no_footnotes), *((undated,) if undated != text else ())):
        key = key_of(candidate) if key_of else normalise_label(candidate, typos, synonyms)
        for k in (key, key[6:] if key.startswith("total ") else ""):
            if k and k not in keys:
                keys.append(k)
    return tuple(keys)


_NON_PREFIX = re.compile(r"\bnon-(?=[a-z])", re.IGNORECASE)
_TRAILING_DATE = re.compile(r"\s*(?:,|\bat|\bas\s+of)\s+[a-z]{3,9}\.?\s+\d{1,2},?\s*(?:19|20)\d{2}\s*:?\s*$",
                            re.IGNORECASE)


@text_cache(maxsize=16384)
def camel_name(text: str) -> str:
    """An XML NCName in CamelCase from free text: "Loss for period (US GAAP)" -> "LossForPeriodUsGaap"."""
    words = _NAME_WORD.findall(strip_footnotes(text).replace("%", " percent "))
    name = "".join(w[:1].upper() + w[1:].lower() for w in words)[:120]
    if not name:
        return "Unlabelled"
    return name if name[0].isalpha() else f"N{name}"


@text_cache(maxsize=16384)
def concept_name(text: str) -> str:
    """An extension concept name from a label, without the words holding digits (figures, years, note numbers):
    "Authorized 10 million shares; issued 1,083,253,703 in 1997" -> "AuthorizedMillionSharesIssuedIn"."""
    words = [w for w in _NAME_WORD.findall(strip_footnotes(text).replace("%", " percent "))
             if not any(ch.isdigit() for ch in w)]
    name = "".join(w[:1].upper() + w[1:].lower() for w in words)[:120]
    return name or "Unlabelled"


@text_cache(maxsize=4096)
def member_slug(text: str) -> str:
    """A dimension member from a heading: "Alabama Power -" -> "alabama_power" (words holding digits dropped)."""
    words = [w for w in _WORD.findall(strip_footnotes(text)) if not any(ch.isdigit() for ch in w)]
    return "_".join(words)[:60].strip("_")
