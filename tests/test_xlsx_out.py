"""The Excel workbook writer, read back with openpyxl from a hand-made report (converter/writers/xlsx_out.py)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, strategies as st

from converter.model import FilingMeta, Instant, Report
from converter.writers import WRITERS
from converter.writers.native_out import NATIVE_COLUMNS, fact_row
from converter.writers.xlsx.cells import SHEET_NAME_MAX, sheet_names
from converter.writers.xlsx.formats import number_format
from converter.writers.xlsx.layout import LINE_HEADER
from converter.writers.xlsx.statement_sheet import clip
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


def concept_prompt(ws, cell):
    """The input message shown beside a value cell when it is selected (the row's concepts), or None."""
    return next((dv for dv in ws.data_validations.dataValidation if cell.coordinate in dv.sqref), None)


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
            prompt = concept_prompt(ws, cell)
            assert prompt is not None and str(f.concept.qname) in prompt.prompt, (f.label, cell.coordinate)
            assert f"Source line {f.line}" in prompt.prompt and prompt.showInputMessage
            assert cell.comment is None  # an ordinary cell: its row's concept and its column explain it


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
    assert prompts(again) == prompts(book) and prompts(book)["t01_profit_and_loss"]


def prompts(book) -> dict[str, list[tuple[str, str]]]:
    """Every sheet's input messages: the cells they cover and the text shown."""
    return {ws.title: [(str(dv.sqref), dv.prompt) for dv in ws.data_validations.dataValidation]
            for ws in book.worksheets}


def exceptional_report() -> Report:
    """The sample with exceptional cells: a printed amount without a fact, a cell with two facts, a fact off
    its column's breakdown, and an ordinary balance read at its duration column's end."""
    st_ = sample_report().statements[0]
    facts = list(st_.facts)
    turnover = [f for f in facts if f.line == 10]
    facts.remove(turnover[0])  # "292,967" becomes no fact
    second = replace(turnover[1], concept=replace(turnover[1].concept, qname=replace(
        turnover[1].concept.qname, local="OtherRevenues")))
    facts.append(second)  # "301,233" carries two facts
    weird = next(f for f in facts if f.line == 19)
    facts[facts.index(weird)] = replace(weird, dims=(("segment", "north"),))
    margin = next(f for f in facts if f.line == 21 and f.column == 1)
    facts[facts.index(margin)] = replace(margin, period=Instant(margin.period.end))
    return replace(sample_report(), statements=(replace(st_, facts=tuple(facts)),))


def test_only_exceptional_cells_carry_a_comment(tmp_path):
    report = exceptional_report()
    (path,) = write_xlsx(report, tmp_path)
    ws = openpyxl.load_workbook(path)["t01_profit_and_loss"]
    no_fact, two_facts = cell_by_line(ws, 10, 0), cell_by_line(ws, 10, 1)
    assert no_fact.comment.text.startswith("no fact (see Checks sheet)") and "printed 292,967" in no_fact.comment.text
    assert "e2x:Revenues" in two_facts.comment.text and "e2x:OtherRevenues" in two_facts.comment.text
    assert concept_prompt(ws, two_facts).prompt.startswith("e2x:Revenues; e2x:OtherRevenues\n")
    assert concept_prompt(ws, two_facts).promptTitle == "Concepts"
    assert "segment=north" in cell_by_line(ws, 19, 0).comment.text
    assert cell_by_line(ws, 21, 1).comment is None  # an instant at its duration column's end is ordinary
    commented = [c.coordinate for row in ws.iter_rows() for c in row if c.comment is not None]
    assert len(commented) == 3


def test_facts_sheet_has_the_native_fields(book, report):
    ws = book["Facts"]
    header = [c.value for c in ws[1]]
    assert header[:-1] == list(NATIVE_COLUMNS)
    statements = {st_.table_id: st_ for st_ in report.statements}
    for fact, row in zip(report.facts, ws.iter_rows(min_row=2, values_only=True)):
        st_ = statements[fact.table_id]
        fields = fact_row(fact, st_.kind, st_.columns[fact.column].header)
        for name, value in zip(NATIVE_COLUMNS, row):
            if isinstance(value, str) or value is None:
                assert (value or "") == fields[name], (name, value)
            else:
                assert Decimal(str(value)) == Decimal(fields[name]), (name, value)


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("e2x:Revenues", 255, "e2x:Revenues"),
    ("a" * 300, 255, "a" * 254 + "\u2026"),
    ("\U0001F600" * 3, 4, "\U0001F600\u2026"),  # a character outside the BMP counts twice
])
def test_prompt_text_is_clipped_to_excels_limit(text, limit, expected):
    assert clip(text, limit) == expected


def test_a_row_of_many_concepts_still_gets_its_prompt(tmp_path):
    report = sample_report()
    st_ = report.statements[0]
    turnover = next(f for f in st_.facts if f.line == 10)

    def renamed(local):
        return replace(turnover, concept=replace(turnover.concept, qname=replace(turnover.concept.qname, local=local)))

    many = tuple(renamed(f"LongConceptName{k:03d}") for k in range(20))  # one cell, twenty facts
    report = replace(report, statements=(replace(st_, facts=st_.facts + many),))
    (path,) = write_xlsx(report, tmp_path)
    ws = openpyxl.load_workbook(path)["t01_profit_and_loss"]
    prompt = concept_prompt(ws, cell_by_line(ws, 10, 0))
    assert prompt.promptTitle == "Concepts" and prompt.prompt.startswith("e2x:Revenues; e2x:LongConceptName000")
    assert prompt.prompt.endswith("\u2026") and len(prompt.prompt) == 255


def test_row_prompt_names_extensions_and_flipped_signs(tmp_path):
    report = sample_report()
    st_ = report.statements[0]
    facts = tuple(replace(f, xbrl_sign=-1) if f.line == 13 else f for f in st_.facts)
    report = replace(report, statements=(replace(st_, facts=facts),))
    (path,) = write_xlsx(report, tmp_path)
    ws = openpyxl.load_workbook(path)["t01_profit_and_loss"]
    assert concept_prompt(ws, cell_by_line(ws, 13, 1)).prompt == "e2x:CostOfServices (XBRL sign -1)\nSource line 13"
    assert concept_prompt(ws, cell_by_line(ws, 15, 1)).prompt == "ext:LifoReserve (extension)\nSource line 15"
    assert concept_prompt(ws, cell_by_line(ws, 10, 1)).prompt == "e2x:Revenues\nSource line 10"
