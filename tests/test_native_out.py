"""facts.csv: one csv record per fact, the native fields, then the XBRL value and the filer on every row."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from conftest import FILINGS

from converter.mapping.evidence import presented_kinds
from converter.pipeline import convert_file
from converter.writers.native_out import FACTS_COLUMNS, NATIVE_COLUMNS, fact_fields, native_csv_text


@pytest.mark.parametrize("name", sorted(p.name for p in FILINGS.glob("*.txt")))
def test_records_are_the_native_fields_then_xbrl_value_and_filer(name: str) -> None:
    report = convert_file(FILINGS / name)
    rows = list(csv.reader(io.StringIO(native_csv_text(report), newline="")))
    assert tuple(rows[0]) == FACTS_COLUMNS == (*NATIVE_COLUMNS, "xbrl_value", "filer", "cik")
    expected = []
    kinds = presented_kinds(report.statements)
    for st in report.statements:
        headers = {c.index: c.header for c in st.columns}
        expected.extend((f, fact_fields(f, kinds[st.table_id], headers.get(f.column, ""))) for f in st.facts)
    expected.extend((f, fact_fields(f)) for f in report.extra_facts)
    assert [tuple(r[:len(NATIVE_COLUMNS)]) for r in rows[1:]] == [fields for _, fields in expected]
    cik = report.meta.cik.strip().zfill(10) if report.meta.cik.strip("0 ") else ""
    assert {(r[-2], r[-1]) for r in rows[1:]} == {(report.meta.company, cik)}
    value, xbrl_value = FACTS_COLUMNS.index("value"), FACTS_COLUMNS.index("xbrl_value")
    for (fact, _), row in zip(expected, rows[1:]):
        assert Decimal(row[xbrl_value]) == Decimal(row[value]) * fact.xbrl_sign
    assert any(f.xbrl_sign == -1 and f.amount.value for f, _ in expected) or "colt" not in name
