"""csvtext writes the bytes csv.writer(lineterminator="\\n") writes (the CSV writers' shared record writer)."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from converter.writers.csvtext import csv_field, csv_fields, csv_line, csv_text

TRICKY = ["", " ", "plain", "a,b", 'say "hi"', '"', ",", "line\nend", "cr\rlf\r\n", "\r", "tab\there", "Résultat £",
          "\u2028", "\x85", "'=1+2", "-3", " lead", "trail ", '""', ",,"]


def with_csv(rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def test_tricky_fields_alone_and_together():
    rows = [[t] for t in TRICKY] + [TRICKY, [], ["", ""], ["a", ""], ["", "a"]]
    assert csv_text(rows) == with_csv(rows)
    for row in rows:
        assert csv_line(row) == with_csv([row])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.text(st.sampled_from(list(',"\r\n \t\'=-ab\u00e9\u2028'))) | st.text(), max_size=6),
                max_size=5))
def test_matches_csv_writer_on_any_rows(rows):
    assert csv_text(rows) == with_csv(rows)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from(list(',"\r\n \tab\u00e9'))), min_size=1, max_size=4),
       st.lists(st.text(st.sampled_from(list(',"\r\n \tab\u00e9'))), min_size=1, max_size=4))
def test_a_record_joins_from_the_csv_text_of_its_parts(a, b):
    assert csv_line(a + b) == csv_fields(a) + "," + csv_fields(b) + "\n"
    assert csv_line(a + b) == ",".join(csv_field(f) for f in a + b) + "\n"
