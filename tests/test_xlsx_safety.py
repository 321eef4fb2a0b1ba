"""Formula neutralising and XML-safe text for spreadsheet outputs (converter/writers/safety.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from converter.writers.safety import csv_field, is_formula_like, neutralise, unneutralise, xml_safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-LIFO", "'-LIFO"),
        ("--", "'--"),
        ("-", "'-"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        (" =1+1", "' =1+1"),
        ("'=1", "''=1"),
        ("Turnover", "Turnover"),
        ("Cost of sales - net", "Cost of sales - net"),
        ("'90s", "'90s"),
        ("", ""),
    ],
)
def test_neutralise_table(text, expected):
    assert neutralise(text) == expected
    assert unneutralise(expected) == text


@given(st.text())
def test_neutralise_is_lossless_and_safe(text):
    out = neutralise(text)
    assert unneutralise(out) == text
    assert not is_formula_like(out)
    assert text in out


def test_xml_safe_keeps_control_characters_visible():
    assert xml_safe("a\x01b\x1fc\td\ne") == "a\\x01b\\x1fc\td\ne"
    assert csv_field("-\x02") == "'-\\x02"
