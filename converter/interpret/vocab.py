"""Conversion from the taxonomy's word lists (units.csv, dimensions.csv, row_rules.csv) into lookup tables."""

from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

from ..errors import TaxonomyError
from ..memo import text_cache
from ..record import record


def taxonomy_root() -> Path:
    """The taxonomy/ folder: $E2X_TAXONOMY, else the one beside the package."""
    env = os.environ.get("E2X_TAXONOMY")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "taxonomy"


@record(eq=False)
class Vocab:
    """Word knowledge used to read headers and rows (read once; compared and hashed by identity)."""

    currencies: tuple[tuple[str, str], ...]  # printed token -> ISO code, longest first
    scales: tuple[tuple[str, int], ...]  # printed token -> power of ten, longest first
    counts: tuple[tuple[str, str], ...]  # noun -> count unit ("headcount" -> "employees")
    members: tuple[tuple[str, str, str], ...]  # normalised phrase -> (axis, member); member "" = total
    row_rules: tuple[tuple[str, re.Pattern[str]], ...]  # (rule, label pattern) for row-level overrides
    ascii_rules: tuple[tuple[str, re.Pattern[str]], ...]  # the same rules as matched on printable ASCII labels

    def member_for(self, phrase: str) -> tuple[str, str] | None:
        """Look a normalised column descriptor up: ('region', 'north'), ('segment', '') for totals, or None."""
        return _member_index(self).get(phrase)

    def rules_matching(self, label: str) -> tuple[str, ...]:
        """Names of row rules whose pattern matches the label."""
        return _rules_matching(self, label)


@lru_cache(maxsize=4)
def _member_index(vocab: Vocab) -> dict[str, tuple[str, str]]:
    """Vocab.members by phrase, the first row of a phrase winning (read only)."""
    index: dict[str, tuple[str, str]] = {}
    for text, axis, member in vocab.members:
        index.setdefault(text, (axis, member))
    return index


ENUMERATOR = re.compile(r"^\s*\(\s*(?:\d{1,2}|[a-h]|[ivx]{1,4})\s*\)\s*(?=[A-Za-z])")
"""A list number ahead of a label ("(1) Shares used in ...", "(b) Upon conversion"): rules read the label after it."""


@text_cache(maxsize=16384)
def _rules_matching(vocab: Vocab, label: str) -> tuple[str, ...]:
    label = ENUMERATOR.sub("", label)
    rules = vocab.ascii_rules if label.isascii() and label.isprintable() else vocab.row_rules
    return tuple(rule for rule, pat in rules if pat.search(label))


_CODE_POINT_ESCAPE = re.compile(r"\\[xuUN0-9]")
"""Escapes that can name a character beyond ASCII (or refer to a group)."""


def _ascii_pattern(pattern: str) -> re.Pattern[str]:
    """A row rule compiled for printable ASCII labels: ASCII matching (about a third cheaper) where it is exact.

    On printable ASCII text, ignoring case the Unicode way and the ASCII way differ only in what the pattern's own
    characters match (the Kelvin sign matches "k"), and \\s differs only on control characters; so a pattern spelt
    in ASCII, without escapes naming other characters, matches such text alike either way."""
    if pattern.isascii() and not _CODE_POINT_ESCAPE.search(pattern):
        try:
            return re.compile(pattern, re.IGNORECASE | re.ASCII)
        except ValueError:  # an inline (?u) flag clashes with re.ASCII
            pass
    return re.compile(pattern, re.IGNORECASE)


_FOOTNOTE_MARK = re.compile(r"\((?:\d{1,2}|[ivx]{1,4}|[a-h])\)")
_NOT_WORD = re.compile(r"[^a-z0-9&%$' -]+")


def normalise_phrase(text: str) -> str:
    """Lower-case, footnote marks and punctuation removed, spaces folded: 'Adjusted (1)' -> 'adjusted'."""
    t = text.lower()
    if "(" in t:
        t = _FOOTNOTE_MARK.sub(" ", t)
    t = _NOT_WORD.sub(" ", t)
    return " ".join(t.split())


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise TaxonomyError(f"cannot read {path}: {exc.strerror or exc}") from exc


@lru_cache(maxsize=4)
def load_vocab(root: Path | None = None) -> Vocab:
    """Read the word lists once."""
    base = root or taxonomy_root()
    currencies: list[tuple[str, str]] = []
    scales: list[tuple[str, int]] = []
    counts: list[tuple[str, str]] = []
    for row in _read_csv(base / "units.csv"):
        kind, token = row["kind"].strip(), row["token"].strip().lower()
        if kind == "currency":
            currencies.append((token, row["measure"].strip()))
        elif kind == "scale":
            scales.append((token, int(row["scale"])))
        elif kind == "count":
            counts.append((token, row["measure"].strip()))
        else:
            raise TaxonomyError(f"{base / 'units.csv'}: unknown kind {kind!r}")
    members: list[tuple[str, str, str]] = []
    for row in _read_csv(base / "dimensions.csv"):
        for phrase in row["phrases"].split("|"):
            if phrase.strip():
                members.append((normalise_phrase(phrase), row["axis"].strip(), row["member"].strip()))
    rules: list[tuple[str, re.Pattern[str]]] = []
    ascii_rules: list[tuple[str, re.Pattern[str]]] = []
    rules_path = base / "row_rules.csv"
    if rules_path.exists():
        for row in _read_csv(rules_path):
            rules.append((row["rule"].strip(), re.compile(row["pattern"], re.IGNORECASE)))
            ascii_rules.append((row["rule"].strip(), _ascii_pattern(row["pattern"])))
    by_len = lambda pair: (-len(pair[0]), pair[0])  # noqa: E731
    return Vocab(
        currencies=tuple(sorted(currencies, key=by_len)),
        scales=tuple(sorted(scales, key=by_len)),
        counts=tuple(sorted(counts, key=by_len)),
        members=tuple(members),
        row_rules=tuple(rules),
        ascii_rules=tuple(ascii_rules),
    )
