"""Per-statement CSV files: the sheet's layout, exact values, spreadsheet-safe text (statement_csv_out.py)."""

from __future__ import annotations

import csv
from decimal import Decimal

import openpyxl
import pytest

from converter.writers import WRITERS
from converter.writers.safety import unneutralise
from converter.writers.statement_csv_out import file_stems, write_statement_csvs
from converter.writers.xlsx_out import statement_sheet_names, write_xlsx
from test_xlsx_sample import sample_report


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv")
    report = sample_report()
    return report, out, write_statement_csvs(report, out), write_xlsx(report, out)[0]


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_one_file_per_statement(written):
    report, out, paths, _ = written
    assert [p.parent for p in paths] == [out / "statements"] * len(report.statements)
    assert paths[0].name == "t01_profit_and_loss.csv"
    assert len({p.name.lower() for p in paths}) == len(paths)
    assert all(ch.isalnum() or ch in "._-" for p in paths for ch in p.name)
    assert paths[0].read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_and_sheet_hold_the_same_figures_by_source_line(written):
    """Each printed row's figures: full units in the CSV, as printed (the table's scale) on the sheet."""
    report, _, paths, book_path = written
    book = openpyxl.load_workbook(book_path)
    names = statement_sheet_names(report)
    for st, path in zip(report.statements, paths):
        ws = book[names[st.table_id]]
        sheet_rows = {row[-1].value: row for row in ws.iter_rows() if isinstance(row[-1].value, int)}
        csv_rows = {int(r[-1]): r for r in read_rows(path) if r[-1].isdigit()}
        assert set(csv_rows) == set(sheet_rows) == {row.line for row in st.rows}
        for item in st.rows:
            fields, cells = csv_rows[item.line], sheet_rows[item.line]
            assert unneutralise(fields[0]) == (cells[0].value or "")
            for c, a in enumerate(item.amounts, start=1):
                if a is None:
                    assert fields[c] == "" and cells[c].value is None
                else:
                    assert Decimal(fields[c]) == a.value
                    assert Decimal(str(cells[c].value)) == a.value.scaleb(-a.scale), (item.line, c)


def test_csv_fields_cannot_become_formulas(written):
    _, _, paths, _ = written
    rows = read_rows(paths[0])
    labels = [r[0] for r in rows]
    assert "'-LIFO" in labels and "'=SUM(A1:A9)+cmd|' /C calc'!A0" in labels
    for row in rows:
        for field in row:
            if field[:1] in ("=", "+", "@", "\t", "\r"):
                raise AssertionError(field)
            if field.startswith("-"):
                Decimal(field)  # only numbers may start with a minus sign


def test_values_are_exact_full_numbers(written):
    _, _, paths, _ = written
    rows = {r[-1]: r for r in read_rows(paths[0]) if r[-1].isdigit()}
    assert rows["10"][1:4] == ["292967000", "301233000", "546015000"]
    assert rows["13"][1:4] == ["-195477000", "-205028000", "0"]
    assert rows["21"][1:3] == ["0.333", "-0.319"]
    assert rows["23"][1:3] == ["-0.02", "0.01"]


def test_registered_and_deterministic(written, tmp_path):
    report, _, paths, _ = written
    again = WRITERS["statements"](report, tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


def test_file_stems_unique_and_portable():
    assert file_stems(["a/b", "a:b", "A_B", "", "..x"]) == ["a_b", "a_b_2", "A_B_3", "table", "x"]
