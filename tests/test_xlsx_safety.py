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


def test_text_shaped_like_a_rich_string_stays_text():
    """XlsxWriter's streamed mode copies inline text shaped like "<r>...</r>" unescaped; the workbook must not."""
    import io
    from dataclasses import replace

    import openpyxl

    import converter.writers.xlsx_out as xlsx_out
    from test_xlsx_sample import sample_report

    report = sample_report()
    st_ = report.statements[0]
    label = "<r><t>x & y</t></r>"
    rows = (replace(st_.rows[0], label=label), *st_.rows[1:])
    report = replace(report, statements=(replace(st_, rows=rows),))
    book = openpyxl.load_workbook(io.BytesIO(xlsx_out.xlsx_bytes(report)))
    assert label in [c.value for c in book["Income statement"]["A"]]
