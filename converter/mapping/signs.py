"""XBRL signs from the concept's balance and the row's own wording and figures, never from a table-wide vote."""

from __future__ import annotations

import re
from collections import Counter

from ..memo import text_cache
from ..model import Concept, Fact
from .load import Taxonomy

CASH_EFFECT_PREFIXES = ("IncreaseDecrease", "Payments")
"""Cash-flow concepts printed as their effect on cash, either way: a balance's change (signed as its increase) and
payments (signed as paid); taxes and interest paid, disclosed below the statement, are printed as paid."""
_PAREN = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@text_cache(maxsize=16384)
def label_direction(label: str, balance: str, taxonomy: Taxonomy) -> str:
    """How a label says its figures read for a concept of this balance (taxonomy/sign_words.csv):

    "literal"  - "Net income (loss)": parentheses print the other direction, the printed sign is the XBRL sign;
    "flipped"  - "(Provision) benefit for income taxes": parentheses print the concept's own direction;
    "opposite" - "Net loss", "Income tax benefit": only the other direction is named, every figure states it;
    ""         - nothing said."""
    text = f" {label.lower()} "
    for phrase, (bal, _) in taxonomy.sign_words.items():
        if bal == "none" and f" {phrase} " in f" {' '.join(_words(text))} ":
            text = re.sub(r"\s+".join(map(re.escape, phrase.split())), " ", text)
    inside = [w for part in _PAREN.findall(text) for w in _words(part) if w in taxonomy.sign_words]
    if inside:
        return "flipped" if taxonomy.sign_words[inside[0]][0] == balance else "literal"
    outside = [taxonomy.sign_words[w] for w in _words(_PAREN.sub(" ", text)) if w in taxonomy.sign_words]
    if any(b == balance for b, _ in outside):
        return ""
    if any(b not in (balance, "none") and alone for b, alone in outside):
        return "opposite"
    return ""


def row_signs(facts: list[Fact], concept: Concept, subtractive: bool, convention: bool,
              taxonomy: Taxonomy) -> list[int]:
    """The XBRL sign multiplier of each fact of one row (its figures for every column).

    A concept of the income statement follows its label's wording (label_direction). Otherwise a subtracted
    concept (a cost under a revenue total) printed negative in most of its own columns is printed as a deduction:
    its figures are negated; printed positive, they stand. Only a row as often negative as positive falls back to
    convention, how the table prints its other deductions."""
    d = None if concept.extension else taxonomy.concepts.get(concept.qname.local)
    balance = d.balance or ("credit" if d.data_type == "perShare" else None) if d is not None else None
    if d is not None and balance and d.home == "income":  # earnings per share read as earnings ("Net loss per share")
        how = label_direction(facts[0].label if facts else "", balance, taxonomy)
        if not how and d.data_type == "perShare" and facts:
            how = label_direction(facts[0].section, balance, taxonomy)  # "Basic" under "Net loss per share:"
        if how == "literal":
            return [1] * len(facts)
        if how == "flipped":
            return [-1] * len(facts)
        if how == "opposite":
            return [-1 if f.amount.value > 0 else 1 for f in facts]
    if not subtractive:
        return [1] * len(facts)
    if d is not None and d.home == "cashflow" and concept.qname.local.startswith(CASH_EFFECT_PREFIXES):
        return [-1] * len(facts)  # a cash flow prints these as their effect on cash: "Receivables  565  (52)",
        # "Other, net  35  65  (48)" under investing: what is subtracted from cash is negated, either way
    signs = Counter((f.amount.value > 0) - (f.amount.value < 0) for f in facts)
    negated = signs[-1] > signs[1] if signs[-1] != signs[1] else convention
    return [-1 if negated else 1] * len(facts)
