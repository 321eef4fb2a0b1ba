"""A term rule's cue (the first words of its first label group) only skips rules that could not hold."""

from __future__ import annotations

import csv
from dataclasses import replace
from itertools import product
from pathlib import Path

import pytest

from converter.mapping.load import load_taxonomy
from converter.mapping.terms import RowText, best_rules, make_rules, words_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def test_the_cue_is_the_first_words_of_the_first_label_group(tax):
    (rule,) = make_rules([{"concept": "NetIncomeLoss", "statement": "", "section": "",
                           "label": "net_income|profit attributable", "role": ""}], tax.key)
    assert rule.cue == {"net", "profit"}
    (section_only,) = make_rules([{"concept": "NetIncomeLoss", "statement": "", "section": "income",
                                   "label": "", "role": ""}], tax.key)
    assert section_only.cue == frozenset()


def test_a_label_without_a_cue_word_finds_nothing_even_if_the_rest_holds(tax):
    rules = make_rules([{"concept": "NetIncomeLoss", "statement": "", "section": "", "label": "net_income loss",
                         "role": ""}], tax.key)
    row = lambda label: RowText(words_of(tax.key(label)), (), "income", False)  # noqa: E731
    assert best_rules(rules, row("Net income (loss)"), lambda c: True)
    assert not best_rules(rules, row("Income (loss), net"), lambda c: True)


def test_cues_change_no_answer_of_the_taxonomy_rules(tax):
    """Every rule of terms.csv, on the taxonomy's own labels and the labels its rules name, in every statement kind,
    section, total or not: the same rules as with no cue at all."""
    uncued = tuple(replace(r, cue=frozenset()) for r in tax.terms)
    with (ROOT / "taxonomy" / "labels.csv").open(newline="", encoding="utf-8") as fh:
        labels = [row["text"] for row in csv.DictReader(fh)]
    labels += [d.label for d in tax.concepts.values()] + ["Total " + d.label for d in tax.concepts.values()]
    sections = ["", "Current assets:", "Earnings per share"]
    checked = 0
    for label, section, kind, total in product(dict.fromkeys(labels), sections, ("income", "balance"),
                                               (False, True)):
        row = RowText(words_of(tax.key(label)), words_of(tax.key(section)), kind, total)
        found = [r.order for r in best_rules(tax.terms, row, lambda c: True)]
        assert found == [r.order for r in best_rules(uncued, row, lambda c: True)], (label, section, kind, total)
        checked += bool(found)
    assert checked > 500  # the labels do meet the rules
