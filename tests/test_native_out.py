"""facts.csv: each record is csv_line of the fact's native fields (FactLines joins shared field texts)."""

from __future__ import annotations

import pytest
from conftest import FILINGS

from converter.pipeline import convert_file
from converter.writers.csvtext import csv_line
from converter.writers.native_out import NATIVE_COLUMNS, fact_fields, native_csv_text


@pytest.mark.parametrize("name", sorted(p.name for p in FILINGS.glob("*.txt")))
def test_records_are_the_csv_lines_of_the_native_fields(name: str) -> None:
    report = convert_file(FILINGS / name)
    expected = [csv_line(NATIVE_COLUMNS)]
    for st in report.statements:
        headers = {c.index: c.header for c in st.columns}
        expected.extend(csv_line(fact_fields(f, st.kind, headers.get(f.column, ""))) for f in st.facts)
    expected.extend(csv_line(fact_fields(f)) for f in report.extra_facts)
    assert native_csv_text(report) == "".join(expected)
