"""The Excel workbook writer, read back with openpyxl from a hand-made report (converter/writers/xlsx_out.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, strategies as st

from converter.model import Check, Column, Duration, FilingMeta, Instant, Report
from converter.writers import WRITERS
from converter.writers.xlsx.formats import number_format, period_heading, readable_periods
from converter.writers.xlsx.layout import LINE_HEADER
from converter.writers.xlsx.names import SHEET_NAME_MAX, sheet_names
from converter.writers.xlsx_out import statement_sheet_names, write_xlsx, xlsx_bytes
from test_xlsx_sample import COLUMNS, amount, sample_report, sample_statement

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = set("[]:*?/\\")
SHEET = "Income statement"
"""The sample's first statement (a profit and loss account) gets the primary income statement's name."""


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
    assert names == ["Contents", SHEET, "Six months restated", "Checks", "Diagnostics", "Facts"]
    assert names[1:-3] == list(statement_sheet_names(report).values())
    for n in names:
        assert 0 < len(n) <= SHEET_NAME_MAX and not FORBIDDEN & set(n) and n[0] != "'" and n[-1] != "'"


def test_every_fact_is_its_printed_figure(book, report):
    names = statement_sheet_names(report)
    for st_ in report.statements:
        ws = book[names[st_.table_id]]
        for f in st_.facts:
            cell = cell_by_line(ws, f.line, f.column)
            assert cell.data_type == "n", (f.label, cell.value)
            assert Decimal(str(cell.value)) == f.amount.value.scaleb(-f.amount.scale), f.amount.presented
            fmt = cell.number_format
            assert fmt.split(";")[1].startswith("(") and fmt.split(";")[1].endswith(")")
            prompt = concept_prompt(ws, cell)
            assert prompt is not None and str(f.concept.qname) in prompt.prompt, (f.label, cell.coordinate)
            assert f"Source line {f.line}" in prompt.prompt and prompt.showInputMessage
            if st_.table_id != "t01_profit_and_loss" or f.line != 17:  # the sample's failed check is on line 17
                assert cell.comment is None  # an ordinary cell: its row's concept and its column explain it
    ws = book[SHEET]
    assert cell_by_line(ws, 13, 0).value == -195477 and cell_by_line(ws, 21, 0).value == 33.3
    assert cell_by_line(ws, 23, 0).value == -0.02 and cell_by_line(ws, 10, 2).value == 546015


@pytest.mark.parametrize(
    ("text", "value", "scale", "decimals", "fmt"),
    [
        ("292,967", "292967000", 3, -3, "#,##0_);(#,##0)"),
        ("(195,477)", "-195477000", 3, -3, "#,##0_);(#,##0)"),
        ("293.0", "293000000", 6, -5, "#,##0.0_);(#,##0.0)"),
        ("33.3%", "0.333", -2, 3, '0.0"%"_);(0.0"%")'),
        ("GBP(0.02)", "-0.02", 0, 2, "#,##0.00_);(#,##0.00)"),
        ("1,234", "1234", 0, 0, "#,##0_);(#,##0)"),
        ("--", "0", 3, -3, '#,##0_);(#,##0);"--"_)'),
        ("0", "0", 3, -3, "#,##0_);(#,##0)"),
    ],
)
def test_number_format_table(text, value, scale, decimals, fmt):
    assert number_format(amount(text, value, scale, decimals, 1, 0)) == fmt


@pytest.mark.parametrize(("period", "text"), [
    (Duration(date(1996, 9, 27), date(1997, 9, 26)), "12 Months Ended\nSep. 26, 1997"),
    (Duration(date(2004, 4, 1), date(2004, 6, 30)), "3 Months Ended\nJun. 30, 2004"),
    (Duration(date(1997, 9, 28), date(1998, 1, 3)), "3 Months Ended\nJan. 03, 1998"),
    (Duration(date(2004, 1, 1), date(2004, 1, 14)), "2 Weeks Ended\nJan. 14, 2004"),
    (Duration(date(2004, 1, 1), date(2004, 2, 14)), "45 Days Ended\nFeb. 14, 2004"),
    (Instant(date(2000, 12, 31)), "As of\nDec. 31, 2000"),
])
def test_period_headings_read_as_edgar_prints_them(period, text):
    assert period_heading(period) == text


def test_period_codes_in_check_texts_read_in_words():
    assert readable_periods("@2000-12-31") == "As of Dec. 31, 2000"
    assert readable_periods("1996-09-27..1997-09-26 USD [region=north]") == \
        "12 Months Ended Sep. 26, 1997 USD [region=north]"
    assert readable_periods("@2004") == "@2004"


def test_header_band_periods_breakdown_and_one_unit_line(book):
    ws = book[SHEET]
    assert ws["A1"].value == "Consolidated Profit and Loss Account" and ws["A1"].font.b
    assert ws["A2"].value == "ACME TELECOM PLC"
    assert "period of report 2004-06-30" in ws["A3"].value
    assert ws["A5"].value == "GBP thousands and USD thousands, except percentages, per-share amounts"
    assert [ws.cell(5, c).value for c in (2, 3)] == ["3 Months Ended\nJun. 30, 2003", "3 Months Ended\nJun. 30, 2004"]
    assert ws.cell(5, 2).alignment.wrap_text and ws.row_dimensions[5].height >= 30
    assert ws.cell(6, 2).value == "Exceptional: Before exceptional" and ws.cell(6, 3).value is None
    units_row = next(r for r in range(1, 20) if ws.cell(r, ws.max_column).value == LINE_HEADER)
    assert [ws.cell(units_row, c).value for c in range(2, 5)] == ["GBP thousands", "GBP thousands", "USD thousands"]
    assert ws.freeze_panes == f"B{units_row + 1}"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0  # absent fitToWidth means 1
    assert ws.print_area == f"'{SHEET}'!$A$1:$D$15"  # the source line column is not printed
    heading = cell_by_line(ws, 12, 0)
    assert ws.cell(heading.row, 1).value == "Cost of sales" and ws.cell(heading.row, 1).font.b
    assert ws.cell(cell_by_line(ws, 13, 0).row, 1).alignment.indent == 1
    subtotal = cell_by_line(ws, 17, 1)
    assert subtotal.font.b and subtotal.border.top.style == "thin"
    assert not cell_by_line(ws, 10, 1).font.b


def test_one_unit_when_every_column_shares_it(tmp_path):
    st_ = sample_statement()
    columns = tuple(replace(c, dims=()) for c in COLUMNS[:2])
    rows = tuple(replace(r, amounts=r.amounts[:2]) for r in st_.rows[:5])
    facts = tuple(replace(f, dims=()) for f in st_.facts if f.column < 2 and f.line <= 17)
    report = replace(sample_report(), statements=(replace(st_, columns=columns, rows=rows, facts=facts),))
    (path,) = write_xlsx(report, tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET]
    assert ws["A5"].value == "GBP thousands"
    assert ws.cell(5, ws.max_column).value == LINE_HEADER  # no breakdown row, no per-column unit row
    assert ws.cell(6, 1).value == "Turnover"


def test_failed_check_highlighted_with_a_comment_naming_it(book):
    ws = book[SHEET]
    failed = cell_by_line(ws, 17, 0)
    assert failed.fill.fgColor.rgb.endswith("FFC7CE")
    assert failed.comment.text.startswith("Failed subtotal check: Cost of sales (2003)")
    assert "printed -195,477,000, computed -195,476,000" in failed.comment.text
    assert not cell_by_line(ws, 15, 1).fill.fgColor.rgb.endswith("FFC7CE")


def test_labels_can_never_be_formulas(book, book_path):
    ws = book[SHEET]
    evil = ws.cell(cell_by_line(ws, 19, 0).row, 1)
    assert evil.value == "=SUM(A1:A9)+cmd|' /C calc'!A0" and evil.data_type == "s" and evil.quotePrefix
    lifo = ws.cell(cell_by_line(ws, 15, 0).row, 1)
    assert lifo.value == "-LIFO" and lifo.quotePrefix
    with zipfile.ZipFile(book_path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_presented_dash_zero_keeps_its_dashes(book):
    dash = cell_by_line(book[SHEET], 13, 2)
    assert dash.value == 0 and dash.number_format.endswith(';"--"_)')


def test_contents_sheet(book, report):
    ws = book["Contents"]
    about = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, 25)}
    assert ws["A1"].value == "ACME TELECOM PLC"
    assert about["Filer"] == "ACME TELECOM PLC" and about["CIK"] == "1000001" and about["Form"] == "6-K"
    assert about["Period of report"] == "2004-06-30" and about["Source file"] == "acme_6-K_2004-07.txt"
    assert about["Printed subtotals"] == "1 reconciled, 1 failed, 0 undetermined, of 2"
    assert about["Facts"] == "32 (0 outside tables)"
    links = [c for c in ws["A"] if c.hyperlink is not None]
    assert [c.value for c in links] == [SHEET, "Six months restated", "Checks", "Diagnostics", "Facts"]
    assert links[0].hyperlink.location == f"'{SHEET}'!A1"


def test_checks_sheet_colours_and_filters(book):
    ws = book["Checks"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][:3] == ["Result", "Kind", "Sheet"]
    assert [r[0] for r in rows[1:]] == ["FAILED", "ok"]  # failures first
    assert rows[1][6:9] == [-195477000, -195476000, 1000] and rows[1][2] == SHEET
    assert rows[2][4] == "@2004"  # the check's period "@2004" is not a date: kept as printed
    assert ws.cell(2, 3).hyperlink.location == f"'{SHEET}'!B12"  # the checked total, line 17
    assert ws.auto_filter.ref == "A1:I3"
    rules = {r.formula[0]: r for rng in ws.conditional_formatting for r in rng.rules}
    assert set(rules) == {'"FAILED"', '"undetermined"', '"ok"'}
    assert not any("cell.no-period" in str(v) for r in rows for v in r)  # diagnostics have their own sheet


def test_diagnostics_sheet(book):
    ws = book["Diagnostics"]
    flat = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "cell.no-period" in flat and '=HYPERLINK("http://x")' in flat
    assert any("-LIFO" in str(v) for v in flat) and "mapping.ambiguous" in flat
    assert not any("Turnover" in str(v) for v in flat)
    assert ws.auto_filter.ref == "A1:E5"


def test_facts_sheet_keeps_full_units(book, report):
    ws = book["Facts"]
    header = [c.value for c in ws[1]]
    assert header == ["Concept", "Label", "Figure", "Period", "Unit", "Breakdown", "Value"]
    assert ws.max_row == len(report.facts) + 1 and ws.auto_filter.ref == f"A1:G{ws.max_row}"
    for fact, row in zip(report.facts, ws.iter_rows(min_row=2, values_only=True)):
        assert row[0] == str(fact.concept.qname) and row[4] == fact.unit.text
        assert Decimal(str(row[6])) == fact.amount.value
    assert ws["D2"].value == "3 Months Ended Jun. 30, 2003" and ws["F2"].value == "Exceptional: Before exceptional"
    target = ws["C2"]
    sheet, where = target.value.split("!")
    assert target.hyperlink.location == f"'{sheet}'!{where}"
    assert book[sheet][where].value == report.facts[0].amount.value.scaleb(-report.facts[0].amount.scale)


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
    assert wb.sheetnames == ["Contents", "Checks", "Diagnostics", "Facts"]
    assert wb.properties.created == datetime(1980, 1, 1)


def named(titles: list[str], kind: str = "other"):
    """Sheet names of sample statements with these titles and kind."""
    statements = [replace(sample_statement(f"t{i:02d}", title), kind=kind) for i, title in enumerate(titles)]
    return list(sheet_names(statements, taken=("Contents", "Facts")).values())


@given(st.lists(st.text(max_size=40), max_size=8), st.sampled_from(["income", "balance", "segment", "other"]))
@example(["a" * 30 + "'x", "Contents", "contents", "\x01[x]", "  ", "'", "History"], "other")
def test_sheet_names_always_valid_and_unique(wanted, kind):
    names = named(wanted, kind)
    assert len(names) == len(wanted)
    lowered = [n.lower() for n in names]
    assert len(set(lowered)) == len(names) and not {"contents", "facts", "history"} & set(lowered)
    for n in names:
        assert 0 < len(n) <= SHEET_NAME_MAX and not FORBIDDEN & set(n) and n[0] != "'" and n[-1] != "'"


def test_sheet_names_say_what_a_table_is():
    assert named(["Consolidated Balance Sheets", "Balance Sheet - Parent Company Only"], "balance") == [
        "Balance sheet", "Balance sheet (parent company)"]
    assert named(["CONSOLIDATED STATEMENTS OF CASH FLOWS"], "cashflow") == ["Cash flows"]
    assert named(["3. Loss per share", "KEY FINANCIAL DATA", ""], "income") == [
        "Loss per share", "Key financial data", "Income data"]
    long = ["a. Effects of conforming to U.S. GAAP - impact on net loss",
            "b. Effects of conforming to U.S. GAAP - impact on net equity"]
    assert [n.endswith(("net loss", "net equity")) for n in named(long)] == [True, True]


def test_sheet_qualifier_from_the_columns_period_length():
    three = sample_statement("t01", "Consolidated Profit and Loss Account")
    six_columns = tuple(replace(c, period=Duration(date(2004, 1, 1), date(2004, 6, 30))) for c in COLUMNS)
    six = replace(sample_statement("t02", "Consolidated Profit and Loss Account"), columns=six_columns)
    names = sheet_names([three, six], taken=())
    assert list(names.values()) == ["Income statement (3 months)", "Income statement (6 months)"]


def test_sheet_qualifier_from_title_words_and_period_length_together():
    # Sears' 8-K: "CONSOLIDATED INCOME" (13 and 26 weeks), then two "Segment Income Statements" (13 weeks; 26 weeks)
    both = sample_statement("t01", "CONSOLIDATED INCOME")
    both = replace(both, columns=both.columns[:1] + tuple(
        replace(c, period=Duration(date(2004, 1, 1), date(2004, 6, 30))) for c in both.columns[1:]))
    three = sample_statement("t02", "Segment Income Statements")
    six_columns = tuple(replace(c, period=Duration(date(2004, 1, 1), date(2004, 6, 30))) for c in COLUMNS)
    six = replace(sample_statement("t03", "Segment Income Statements"), columns=six_columns)
    names = sheet_names([both, three, six], taken=())
    assert list(names.values()) == ["Income statement (consolidated)", "Income statement (3 months)",
                                    "Income statement (6 months)"]


def test_primary_statements_come_first_and_tables_without_figures_get_no_sheet(tmp_path):
    note = replace(sample_statement("t01_note", "Other operating income"), kind="other")
    blank = replace(sample_statement("t02_officers", "Officers"), kind="other",
                    rows=tuple(replace(r, amounts=(None,) * 3) for r in sample_statement().rows), facts=())
    balance = replace(sample_statement("t03_bs", "Consolidated Balance Sheet"), kind="balance")
    income = sample_statement("t04_pl", "Statements of Operations")
    report = replace(sample_report(), statements=(note, blank, balance, income), checks=())
    (path,) = write_xlsx(report, tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Contents", "Income statement", "Balance sheet", "Other operating income", "Checks",
                             "Diagnostics", "Facts"]
    assert "(no sheet: no figures)" in [c.value for c in wb["Contents"]["A"]]


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
    return replace(sample_report(), statements=(replace(st_, facts=tuple(facts)),), checks=())


def test_only_exceptional_cells_carry_a_comment(tmp_path):
    (path,) = write_xlsx(exceptional_report(), tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET]
    no_fact, two_facts = cell_by_line(ws, 10, 0), cell_by_line(ws, 10, 1)
    assert no_fact.comment.text.startswith("no fact (see Checks sheet)") and "printed 292,967" in no_fact.comment.text
    assert "e2x:Revenues" in two_facts.comment.text and "e2x:OtherRevenues" in two_facts.comment.text
    assert concept_prompt(ws, two_facts).prompt.startswith("e2x:Revenues; e2x:OtherRevenues\n")
    assert "segment=north" in cell_by_line(ws, 19, 0).comment.text
    assert cell_by_line(ws, 21, 1).comment is None  # an instant at its duration column's end is ordinary
    assert len([c for row in ws.iter_rows() for c in row if c.comment is not None]) == 3


def test_a_row_of_many_concepts_gets_its_prompt_clipped(tmp_path):
    report = sample_report()
    st_ = report.statements[0]
    turnover = next(f for f in st_.facts if f.line == 10)
    many = tuple(replace(turnover, concept=replace(turnover.concept, qname=replace(
        turnover.concept.qname, local=f"LongConceptName{k:03d}"))) for k in range(20))  # one cell, twenty facts
    report = replace(report, statements=(replace(st_, facts=st_.facts + many),))
    (path,) = write_xlsx(report, tmp_path)
    prompt = concept_prompt(*(lambda ws: (ws, cell_by_line(ws, 10, 0)))(openpyxl.load_workbook(path)[SHEET]))
    assert prompt.prompt.startswith("e2x:Revenues; e2x:LongConceptName000")
    assert prompt.prompt.endswith("\u2026") and len(prompt.prompt) == 255


def test_row_prompt_names_extensions_and_flipped_signs(tmp_path):
    report = sample_report()
    st_ = report.statements[0]
    facts = tuple(replace(f, xbrl_sign=-1) if f.line == 13 else f for f in st_.facts)
    (path,) = write_xlsx(replace(report, statements=(replace(st_, facts=facts),)), tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET]
    assert concept_prompt(ws, cell_by_line(ws, 13, 1)).prompt == "e2x:CostOfServices (XBRL sign -1)\nSource line 13"
    assert concept_prompt(ws, cell_by_line(ws, 15, 1)).prompt == "ext:LifoReserve (extension)\nSource line 15"


def test_a_check_on_another_period_highlights_only_its_column(tmp_path):
    check = Check("subtotal", "t01_profit_and_loss", 17, "Cost of sales", Decimal(1), Decimal(2), False,
                  "2004-04-01..2004-06-30")
    (path,) = write_xlsx(replace(sample_report(), checks=(check,)), tmp_path)
    ws = openpyxl.load_workbook(path)[SHEET]
    assert [cell_by_line(ws, 17, c).comment is not None for c in range(3)] == [False, True, True]
