"""Conversion from a fact's concept and printed label into the roles the cross-statement checks tie together.

The phrases live in ``taxonomy/check_roles.csv`` (``role,match,phrase``), so a new wording is a data change::

    net_income,label,net earnings
    net_income,concept,NetIncomeLoss

A label matches a role when it contains one of the role's phrases on whole words (after ``normalise``).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..errors import TaxonomyError
from ..interpret.classify import contains_phrase, normalise
from ..memo import text_cache
from ..model import Fact, Unit

ROLES_PATH = Path(__file__).resolve().parents[2] / "taxonomy" / "check_roles.csv"


@lru_cache(maxsize=4)
def load_roles(path: Path = ROLES_PATH) -> dict[tuple[str, str], tuple[str, ...]]:
    """(role, "label" | "concept") -> phrases (labels normalised), read once."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise TaxonomyError(f"cannot read {path}: {exc.strerror or exc}") from None
    out: dict[tuple[str, str], list[str]] = {}
    for n, row in enumerate(rows, start=2):
        role, match, phrase = row.get("role"), row.get("match"), row.get("phrase")
        if not role or match not in ("label", "concept") or not phrase:
            raise TaxonomyError(f"{path.name}:{n}: expected role,match,phrase with match 'label' or 'concept'")
        out.setdefault((role, match), []).append(normalise(phrase) if match == "label" else phrase)
    return {k: tuple(v) for k, v in out.items()}


def concepts_for(role: str) -> frozenset[str]:
    """The concept local names of a role."""
    return frozenset(load_roles().get((role, "concept"), ()))


@text_cache(maxsize=16384)
def label_has(role: str, text: str) -> bool:
    """True when the (raw) text contains one of the role's label phrases on whole words."""
    norm = normalise(text)
    return any(contains_phrase(norm, p) for p in load_roles().get((role, "label"), ()))


@text_cache(maxsize=16384)
def label_starts(role: str, text: str) -> bool:
    """True when the (raw) text starts with one of the role's label phrases (whole words)."""
    norm = normalise(text)
    return any(contains_phrase(norm, p) and (norm + " ").startswith(p + " ") for p in load_roles().get((role, "label"), ()))


def is_money(unit: Unit | None) -> bool:
    """A currency unit: not per share, not shares, not a pure number."""
    return (unit is not None and not unit.denominators and len(unit.numerators) == 1
            and unit.numerators[0] not in ("pure", "shares") and unit.numerators[0].isupper())


def is_per_share(unit: Unit | None) -> bool:
    """A currency per share unit (USD/shares)."""
    return unit is not None and unit.denominators == ("shares",)


def is_shares(unit: Unit | None) -> bool:
    """A number of shares."""
    return unit is not None and unit.numerators == ("shares",) and not unit.denominators


def has_role(fact: Fact, role: str, not_role: str = "") -> bool:
    """The fact's taxonomy concept is one of the role's, else (an extension) its label starts with a role phrase
    and contains no word of not_role."""
    if not fact.concept.extension:
        if fact.concept.qname.local in concepts_for(role):
            return True
    return label_starts(role, fact.label) and not (not_role and label_has(not_role, fact.label))
