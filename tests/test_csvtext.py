"""csvtext writes through the csv module: what csv.reader reads back is what was written.

(A field that is a lone carriage return is left out: Python before 3.13 writes it unquoted, so it reads back as an
empty record; labels never hold one, the reader turns line ends into line feeds.)"""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from converter.writers.csvtext import csv_text

TRICKY = ["", " ", "plain", "a,b", 'say "hi"', '"', ",", "line\nend", "cr\rlf\r\n", "tab\there", "Résultat £",
          "\u2028", "\x85", "'=1+2", "-3", " lead", "trail ", '""', ",,"]


def read_back(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_tricky_fields_round_trip_with_unix_line_ends():
    rows = [[t] for t in TRICKY] + [TRICKY, ["", ""], ["a", ""], ["", "a"]]
    text = csv_text(rows)
    assert read_back(text) == rows
    assert csv_text([["a", "b,c"], ["d"]]) == 'a,"b,c"\nd\n'


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(st.sampled_from(list(',"\n \t\'=-ab\u00e9')), min_size=1), min_size=1,
                         max_size=6), max_size=5))
def test_any_rows_round_trip(rows):
    assert read_back(csv_text(rows)) == rows
