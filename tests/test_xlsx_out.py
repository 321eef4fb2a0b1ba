"""The Excel workbook writer, read back with openpyxl from a hand-made report (converter/writers/xlsx_out.py)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, strategies as st

from converter.model import FilingMeta, Report
from converter.writers import WRITERS
from converter.writers.xlsx.cells import SHEET_NAME_MAX, sheet_names
from converter.writers.xlsx.formats import number_format
from converter.writers.xlsx.layout import LINE_HEADER
from converter.writers.xlsx_out import statement_sheet_names, write_xlsx, xlsx_bytes
from test_xlsx_sample import amount, sample_report

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = set("[]:*?/\\")


@pytest.fixture(scope="module")
def report():
    return sample_report()


@pytest.fixture(scope="module")
def book_path(report, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx")
    (path,) = write_xlsx(report, out)
    return path


@pytest.fixture(scope="module")
def book(book_path):
    return openpyxl.load_workbook(book_path)


def cell_by_line(ws, line: int, column: int):
    """The value cell of a source line's row and a value column (the last column holds source lines)."""
    line_col = ws.max_column
    for row in ws.iter_rows(min_row=1):
        if row[line_col - 1].value == line:
            return row[column + 1]
    raise AssertionError(f"line {line} not on sheet {ws.title}")


def test_file_name_and_registry(book_path, report, tmp_path):
    assert book_path.name == "acme_6-K_2004-07.xlsx"
    assert WRITERS["xlsx"](report, tmp_path) == [tmp_path / "acme_6-K_2004-07.xlsx"]


def test_sheet_order_and_valid_unique_names(book, report):
    names = book.sheetnames
    assert names[0] == "Cover" and names[-2:] == ["Checks", "Facts"]
    assert names[1:-2] == list(statement_sheet_names(report).values())
    assert len({n.lower() for n in names}) == len(names)
    for n in names:
        assert 0 < len(n) <= SHEET_NAME_MAX and not FORBIDDEN & set(n) and n[0] != "'" and n[-1] != "'"


def test_every_fact_is_a_number_with_its_printed_scale(book, report):
    names = statement_sheet_names(report)
    for st_ in report.statements:
        ws = book[names[st_.table_id]]
        for f in st_.facts:
            cell = cell_by_line(ws, f.line, f.column)
            assert cell.data_type == "n", (f.label, cell.value)
            assert Decimal(str(cell.value)) == f.amount.value
            fmt = cell.number_format
            assert fmt.split(";")[1].startswith("(") and fmt.split(";")[1].endswith(")")
            assert str(f.concept.qname) in cell.comment.text and f"line {f.line}" in cell.comment.text


@pytest.mark.parametrize(
    ("text", "value", "scale", "decimals", "fmt"),
    [
        ("292,967", "292967000", 3, -3, "#,##0,_);(#,##0,)"),
        ("(195,477)", "-195477000", 3, -3, "#,##0,_);(#,##0,)"),
        ("293.0", "293000000", 6, -5, "#,##0.0,,_);(#,##0.0,,)"),
        ("33.3%", "0.333", -2, 3, "0.0%_);(0.0%)"),
        ("GBP(0.02)", "-0.02", 0, 2, "#,##0.00_);(#,##0.00)"),
        ("1,234", "1234", 0, 0, "#,##0_);(#,##0)"),
        ("--", "0", 3, -3, "#,##0,_);(#,##0,);\\-\\-_)"),
        ("0", "0", 3, -3, "#,##0,_);(#,##0,)"),
    ],
)
def test_number_format_table(text, value, scale, decimals, fmt):
    assert number_format(amount(text, value, scale, decimals, 1, 0)) == fmt


def test_layout_title_headers_units_and_styles(book, report):
    ws = book["t01_profit_and_loss"]
    assert ws["A1"].value == "Consolidated Profit and Loss Account" and ws["A1"].font.b
    assert ws["A2"].value == "ACME TELECOM PLC"
    assert "period of report 2004-06-30" in ws["A3"].value
    col_b = [ws.cell(r, 2).value for r in range(5, 12)]
    assert col_b[:4] == ["2003", "Before", "Exceptional", "GBP'000"]
    units_row = next(r for r in range(1, 20) if ws.cell(r, ws.max_column).value == LINE_HEADER)
    assert [ws.cell(units_row, c).value for c in range(1, 5)] == ["GBP'000", "GBP'000", "GBP'000", "USD'000"]
    assert ws.freeze_panes == f"B{units_row + 1}"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0  # absent fitToWidth means 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_area == "'t01_profit_and_loss'!$A$1:$D$19"  # the source line column is not printed
    heading = cell_by_line(ws, 12, 0)
    assert ws.cell(heading.row, 1).value == "Cost of sales" and ws.cell(heading.row, 1).font.b
    child = ws.cell(cell_by_line(ws, 13, 0).row, 1)
    assert child.alignment.indent == 1
    subtotal = cell_by_line(ws, 17, 1)
    assert subtotal.font.b and subtotal.border.top.style == "thin"
    assert not cell_by_line(ws, 10, 1).font.b


def test_labels_can_never_be_formulas(book, book_path):
    ws = book["t01_profit_and_loss"]
    evil = ws.cell(cell_by_line(ws, 19, 0).row, 1)
    assert evil.value == "=SUM(A1:A9)+cmd|' /C calc'!A0" and evil.data_type == "s" and evil.quotePrefix
    lifo = ws.cell(cell_by_line(ws, 15, 0).row, 1)
    assert lifo.value == "-LIFO" and lifo.quotePrefix
    with zipfile.ZipFile(book_path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_presented_dash_zero_keeps_its_dashes(book):
    ws = book["t01_profit_and_loss"]
    dash = cell_by_line(ws, 13, 2)
    assert dash.value == 0 and dash.number_format.endswith(";\\-\\-_)")


def test_cover_sheet(book, report):
    ws = book["Cover"]
    about = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(3, 21)}
    assert about["Source file"] == "acme_6-K_2004-07.txt" and about["Form"] == "6-K"
    assert about["Statements"] == 2 and about["Facts"] == 32
    assert about["Checks (failed)"] == "2 (1)" and about["Tool version"] == "edgar2xbrl 0.1.0"
    links = [c for c in ws["A"] if c.hyperlink is not None]
    assert [c.value for c in links] == list(statement_sheet_names(report).values())
    assert links[1].hyperlink.location == f"'{links[1].value}'!A1"


def test_checks_sheet(book):
    ws = book["Checks"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert "FAILED" in flat and "ok" in flat
    failed = next(row for row in values if "FAILED" in row)
    assert failed[5] == -195477000 and failed[6] == -195476000 and failed[7] == 1000
    assert "-LIFO" in flat and "Other" in flat and "Turnover" not in flat
    assert "cell.no-period" in flat and '=HYPERLINK("http://x")' in flat


def test_facts_sheet(book, report):
    ws = book["Facts"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["concept", "label", "section", "table_id"] and header[-1] == "cell"
    assert ws.max_row == len(report.facts) + 1
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    col = {name: i for i, name in enumerate(header)}
    for fact, row in zip(report.facts, ws.iter_rows(min_row=2, values_only=True)):
        assert row[col["concept"]] == str(fact.concept.qname)
        assert Decimal(str(row[col["value"]])) == fact.amount.value and row[col["line"]] == fact.line
    target = ws.cell(2, len(header))
    sheet, where = target.value.split("!")
    assert book[sheet][where].value == report.facts[0].amount.value


def test_same_report_same_bytes_across_processes(report, book_path):
    again = xlsx_bytes(report)
    assert again == book_path.read_bytes()
    code = ("import sys; sys.path.insert(0, 'tests'); from test_xlsx_sample import sample_report; "
            "from converter.writers.xlsx_out import xlsx_bytes; sys.stdout.buffer.write(xlsx_bytes(sample_report()))")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True).stdout
    assert other == again


def test_document_dates_come_from_the_report(book):
    assert book.properties.created == datetime(2004, 7, 29)
    assert book.properties.modified == datetime(2004, 7, 29)


def test_empty_report_still_makes_a_workbook(tmp_path):
    meta = FilingMeta("", "", "", None, "", None, "")
    (path,) = write_xlsx(Report("x.txt", meta, (), ()), tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Cover", "Checks", "Facts"]
    assert [c.value for c in wb["Checks"]["A"] if c.value == "(none)"] == ["(none)"] * 3
    assert wb.properties.created == datetime(1980, 1, 1)


@given(st.lists(st.text(max_size=40), max_size=8))
@example(["a" * 30 + "'x", "Cover", "cover", "\x01[x]", "  ", "'", "History"])
def test_sheet_names_always_valid_and_unique(wanted):
    names = sheet_names(wanted, taken=("Cover", "Facts"))
    assert len(names) == len(wanted)
    lowered = [n.lower() for n in names]
    assert len(set(lowered)) == len(names) and not {"cover", "facts", "history"} & set(lowered)
    for n in names:
        assert 0 < len(n) <= SHEET_NAME_MAX and not FORBIDDEN & set(n) and n[0] != "'" and n[-1] != "'"


def cell_view(book) -> dict[str, list]:
    """Every sheet's cells as what a reader sees: value, type, format, bold, quote prefix, comment, link."""
    return {ws.title: [[(c.value, c.data_type, c.number_format, c.font.b, c.quotePrefix, c.alignment.indent,
                         c.border.top.style, c.comment.text if c.comment else None,
                         c.hyperlink.location if c.hyperlink else None) for c in row] for row in ws.iter_rows()]
            for ws in book.worksheets}


def test_streamed_large_workbook_has_the_same_cells(report, book, monkeypatch, tmp_path):
    import converter.writers.xlsx_out as xlsx_out

    monkeypatch.setattr(xlsx_out, "STREAMED_FACTS", 0)  # stream even the sample, as a large report would be
    streamed = xlsx_bytes(report)
    assert streamed == xlsx_bytes(report)
    assert b'inlineStr' in zipfile.ZipFile(io.BytesIO(streamed)).read("xl/worksheets/sheet2.xml")
    (path,) = write_xlsx(report, tmp_path)
    assert path.read_bytes() == streamed
    again = openpyxl.load_workbook(path)
    assert cell_view(again) == cell_view(book)
    assert [ws.freeze_panes for ws in again.worksheets] == [ws.freeze_panes for ws in book.worksheets]
