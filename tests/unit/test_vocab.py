"""Row rules: the patterns kept for printable ASCII labels match exactly as the taxonomy's patterns do."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from converter.interpret.vocab import _ascii_pattern, load_vocab

PRINTABLE_ASCII = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
RULE_WORDS = st.lists(st.sampled_from(["Opening", "BALANCE", "at", "end", "of", "the", "Period", "per", "Share",
                                       "EPS", "ratio", "%", "of", "Weighted-average", "Number", "Par", "value",
                                       "$1.00", "beginning", ",", "Exchange", "rate", "U.S.", "tax", "rates"]),
                      max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(PRINTABLE_ASCII, RULE_WORDS))
def test_ascii_rules_match_like_the_taxonomy_rules(label):
    vocab = load_vocab()
    for (rule, pattern), (same_rule, ascii_pattern) in zip(vocab.row_rules, vocab.ascii_rules, strict=True):
        assert rule == same_rule
        found, ascii_found = pattern.search(label), ascii_pattern.search(label)
        assert (found and found.span()) == (ascii_found and ascii_found.span())


def test_patterns_naming_other_characters_keep_unicode_matching():
    for pattern in (r"\u212aelvin", r"caf\xe9", r"\N{KELVIN SIGN}", r"(a)\1", r"(?u)per share", "€ per share"):
        assert not _ascii_pattern(pattern).flags & re.ASCII
    assert _ascii_pattern(r"\bper\s+share\b").flags & re.ASCII
