"""ExactSheet replaces private XlsxWriter methods: they must still exist with the signatures it relies on."""

from __future__ import annotations

import inspect
import io
import zipfile
import zlib
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from xlsxwriter import Workbook
from xlsxwriter.comments import Comments
from xlsxwriter.packager import Packager
from xlsxwriter.vml import Vml
from hypothesis import example, given, strategies as st
from xlsxwriter.sharedstrings import SharedStrings, SharedStringTable
from xlsxwriter.worksheet import Worksheet

from converter.writers.safety import xml_safe
from converter.writers.xlsx.cells import (LINK_LIMIT, ExactSheet, RowCells, Styles, cell_name, put, put_text,
                                          safe_text)
from converter.writers.xlsx.package import ZIP_LEVEL, ExactBook, ExactStrings

REPLACED = {
    "_write_string": ["self", "row", "col", "string", "cell_format"],
    "_write_number": ["self", "row", "col", "number", "cell_format"],
    "_write_blank": ["self", "row", "col", "_", "cell_format"],
    "_write_sheet_data": ["self"],
    "_write_single_row": ["self", "current_row_num"],
    "_write_hyperlinks": ["self"],
    "_write_data_validations": ["self"],
    "_escape_attributes": ["self", "attribute"],
}
CALLED = {
    "_check_dimensions": ["self", "row", "col"],
    "_write_row": ["self", "row", "spans", "row_info"],
    "_write_empty_row": ["self", "row", "spans", "row_info"],
    "set_vba_name": ["self"],
}


BOOK_REPLACED = {"_store_workbook": ["self"], "_get_packager": ["self"]}
BOOK_CALLED = {
    "worksheets": ["self"],
    "add_worksheet": ["self", "name"],
    "_prepare_sst_string_data": ["self"],
    "_prepare_vml": ["self"],
    "_prepare_defined_names": ["self"],
    "_prepare_drawings": ["self"],
    "_add_chart_data": ["self"],
    "_prepare_tables": ["self"],
    "_prepare_metadata": ["self"],
}
PACKAGER_CALLED = {
    "_write_shared_strings_file": ["self"],
    "_write_vml_files": ["self"],
    "_write_comment_files": ["self"],
    "_write_vml_drawing_rels_file": ["self", "worksheet", "index"],
    "_filename": ["self", "xml_filename"],
    "_add_workbook": ["self", "workbook"],
    "_set_tmpdir": ["self", "tmpdir"],
    "_set_in_memory": ["self", "in_memory"],
    "_create_package": ["self"],
}


VML_CALLED = {
    "_write_comment_shape": ["self", "shape_id", "z_index", "comment"],
    "_pixels_to_points": ["self", "vertices"],
    "_assemble_xml_file": ["self", "data_id", "vml_shape_id", "comments_data", "buttons_data", "header_images"],
}
COMMENTS_CALLED = {
    "_write_comment": ["self", "comment", "author_id"],
    "_assemble_xml_file": ["self", "comments_data"],
}


STRINGS_CALLED = {
    "_write_sst_strings": ["self"],
    "_write_si": ["self", "string"],
    "_set_xml_writer": ["self", "filename"],
    "_assemble_xml_file": ["self"],
}


@pytest.mark.parametrize("cls, name, params", [(Workbook, n, p) for n, p in sorted({**BOOK_REPLACED,
                                                                                   **BOOK_CALLED}.items())]
                         + [(Packager, n, p) for n, p in sorted(PACKAGER_CALLED.items())]
                         + [(SharedStrings, n, p) for n, p in sorted(STRINGS_CALLED.items())]
                         + [(Vml, n, p) for n, p in sorted(VML_CALLED.items())]
                         + [(Comments, n, p) for n, p in sorted(COMMENTS_CALLED.items())])
def test_private_workbook_methods_exist_with_the_expected_parameters(cls: type, name: str,
                                                                      params: list[str]) -> None:
    got = list(inspect.signature(getattr(cls, name)).parameters)
    assert got[: len(params)] == params, f"XlsxWriter's {cls.__name__}.{name} changed: {got}"


def test_workbook_attributes_used() -> None:
    book = Workbook(None, {"in_memory": True})
    for attribute in ("filename", "allow_zip64", "worksheet_meta", "worksheets_objs", "tmpdir", "in_memory",
                      "vba_project"):
        assert hasattr(book, attribute), attribute
    assert hasattr(book.worksheet_meta, "activesheet")


def deflated_at(data: bytes, level: int) -> int:
    """The size of data as a raw deflate stream at a compression level (as a zip entry stores it)."""
    squeeze = zlib.compressobj(level, zlib.DEFLATED, -15)
    return len(squeeze.compress(data) + squeeze.flush())


@pytest.mark.parametrize("streamed", [False, True])
def test_parts_are_deflated_at_the_chosen_level_with_fixed_dates(streamed: bool) -> None:
    out = io.BytesIO()
    book = ExactBook(out, {"in_memory": not streamed, "constant_memory": streamed})
    sheet = book.add_worksheet("S", ExactSheet)
    for r in range(300):
        sheet.write_string(r, 0, f"row {r} " * 8)
        sheet.write_number(r, 1, r * 1.5)
    book.close()
    with zipfile.ZipFile(out) as z:
        entries = z.infolist()
        assert "xl/worksheets/sheet1.xml" in z.namelist() and z.testzip() is None
        for entry in entries:
            data = z.read(entry)
            assert entry.compress_type == zipfile.ZIP_DEFLATED
            assert entry.compress_size == deflated_at(data, ZIP_LEVEL), entry.filename
            assert entry.date_time == ((1980, 1, 31, 0, 0, 0) if streamed else (1980, 1, 1, 0, 0, 0))
    assert ZIP_LEVEL == 1


def test_a_stock_workbook_stores_the_same_parts() -> None:
    """ExactBook changes the compression level only: every part the same as XlsxWriter's own."""
    made = []
    for cls in (Workbook, ExactBook):
        out = io.BytesIO()
        book = cls(out, {"in_memory": True})
        sheet = book.add_worksheet("S")
        sheet.write_comment(0, 0, "a note")
        sheet.write_url(1, 0, "internal:'S'!A1", None, "link")
        sheet.repeat_rows(0, 1)
        book.set_properties({"title": "t", "created": datetime(2004, 7, 1)})
        book.close()
        with zipfile.ZipFile(out) as z:
            made.append([(e.filename, e.date_time, z.read(e)) for e in z.infolist()])
    assert made[0] == made[1]


COMMENTS = [
    (0, 0, "a note", {}),
    (3, 2, " edge spaces \n<b>&amp; \"q\"\x01 _x0041_", {"visible": True, "author": "R&D <x>", "font_size": 9.5}),
    (7, 30, "wide", {"color": "#FF0000", "font_name": "A&B", "font_family": 3, "x_scale": 1.5, "y_offset": 7}),
    (2, 1, "no author", {"author": None, "start_row": 9, "start_col": 4, "width": 300, "height": 20}),
]
"""Comments with every option our writers read: visibility, authors (none, escaped), colours, fonts, placement, and
text with edge spaces, markup, control characters and a literal _xHHHH_ escape."""


@pytest.mark.parametrize("author", [None, "edgar2xbrl"])
def test_comments_and_vml_written_as_xlsxwriter_writes_them(author: str | None) -> None:
    made = []
    for cls in (Workbook, ExactBook):
        out = io.BytesIO()
        book = cls(out, {"in_memory": True})
        for name in ("S", "T"):
            sheet = book.add_worksheet(name)
            if author:
                sheet.set_comments_author(author)
            for row, col, text, options in COMMENTS:
                sheet.write_comment(row, col, text, options)
        book.get_worksheet_by_name("T").insert_button(5, 5, {"caption": "Go"})  # buttons share the VML part
        book.close()
        with zipfile.ZipFile(out) as z:
            made.append([(e.filename, z.read(e)) for e in z.infolist()])
    assert [n for n, _ in made[0]] == [n for n, _ in made[1]]
    assert sum(n.startswith(("xl/comments", "xl/drawings/vml")) for n, _ in made[1]) == 4
    assert made[0] == made[1]


@pytest.mark.parametrize("name, params", sorted({**REPLACED, **CALLED}.items()))
def test_private_methods_exist_with_the_expected_parameters(name: str, params: list[str]) -> None:
    got = list(inspect.signature(getattr(Worksheet, name)).parameters)
    assert got[: len(params)] == params, f"XlsxWriter's Worksheet.{name} changed: {got}"


def test_shared_strings_and_sheet_attributes_used() -> None:
    assert callable(SharedStringTable._get_shared_string_index)
    assert SharedStringTable().count == 0
    book = Workbook(None, {"in_memory": True})
    sheet = book.add_worksheet("S", ExactSheet)
    for attribute in ("table", "row_info", "comments", "previous_row", "constant_memory", "str_table",
                      "dim_rowmin", "dim_rowmax", "excel_version", "xls_strmax", "fh", "hyperlinks", "hlink_count",
                      "xls_rowmax", "xls_colmax", "validations"):
        assert hasattr(sheet, attribute), attribute


@pytest.mark.parametrize("streamed", [False, True])
def test_cells_written_on_the_short_path_read_back(tmp_path, streamed: bool) -> None:
    path = tmp_path / "t.xlsx"
    book = Workbook(str(path), {"in_memory": not streamed, "constant_memory": streamed})
    sheet = book.add_worksheet("S", ExactSheet)
    bold = book.add_format({"bold": True})
    sheet.write_string(0, 0, " edge spaces ")
    sheet.write_number(0, 2, Decimal("12345678901234567.25"))
    sheet.write_number(1, 0, 2.5, bold)
    sheet.write_string(1, 1, "<r>not rich</r>", bold)
    sheet.write_blank(2, 0, None, bold)
    sheet.write_blank(2, 1, None)  # no format: nothing stored
    sheet.set_row(4, 30)  # a row with a height only
    sheet.write_string(5, 0, "after")
    book.close()
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>12345678901234567.25</v>" in xml  # every digit kept
    assert '<c r="B3"' not in xml and '<c r="A3" s="' in xml
    assert ('<row r="5" ht="30"' in xml) is not streamed  # XlsxWriter streams no row that holds only a height
    assert "&lt;r&gt;not rich&lt;/r&gt;" in xml  # rich-string-shaped text kept inline and escaped
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == " edge spaces "
    assert ws["B2"].value == "<r>not rich</r>" and ws["B2"].font.b
    assert ws["A2"].value == 2.5 and ws["A2"].font.b
    assert ws["A3"].font.b and ws["A3"].value is None


def test_cell_names() -> None:
    assert [cell_name(0, 0), cell_name(9, 25), cell_name(0, 26), cell_name(1048575, 16383)] == [
        "A1", "Z10", "AA1", "XFD1048576"]


class Text(str):
    """A str subclass: written as its plain text."""


ROWS = [
    ["=1+2", "plain", None, 7, Decimal("1234.50"), Decimal("12"), "", "plain", Decimal("0.0000001"), Text("")],
    ["bad\x01text", "<r>rich</r>", " edge ", -3, Decimal("-0.25"), None, "@SUM", "plain", Decimal("1E+3"),
     Text("plain")],
    [Text("sub"), Text("=x"), "sub", *[None] * 7, "far column"],
    [Decimal("1000.0"), Decimal("1.50"), Decimal("1.5"), Decimal("-0"), Decimal("0.00"), Decimal("1234.5"), 1000],
]
"""Rows of plain cells: formula-like, control-character, rich-shaped and edge-spaced text, ints, Decimals (equal
values spelt differently), str subclasses; the third row reaches a column the others do not."""


def sheet_parts(write, streamed: bool) -> dict[str, bytes]:
    """The worksheet and shared strings parts of a one-sheet workbook filled by write(sheet, styles)."""
    out = io.BytesIO()
    book = ExactBook(out, {"in_memory": not streamed, "constant_memory": streamed})
    sheet = book.add_worksheet("S", ExactSheet)
    write(sheet, Styles(book))
    book.close()
    with zipfile.ZipFile(out) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(("xl/worksheets/", "xl/sharedStrings"))}


def cell_by_cell(sheet: ExactSheet, styles: Styles) -> None:
    """ROWS written one cell at a time, as before RowCells (ints in format "0", Decimals in plain formats)."""
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values, start=1):
            if isinstance(value, int):
                put(sheet, styles, r, c, value, {"num_format": "0"})
            elif isinstance(value, Decimal):
                fmt = "#,##0" if value == value.to_integral_value() else "#,##0.##########"
                put(sheet, styles, r, c, value, {"num_format": fmt})
            elif value:
                put_text(sheet, styles, r, c, value, {"bold": True})


def row_by_row(sheet: ExactSheet, styles: Styles) -> None:
    """ROWS written a row at a time through RowCells."""
    cells = RowCells(sheet, styles, {"bold": True}, {"num_format": "0"})
    for r, values in enumerate(ROWS):
        cells.put(r, values, 1)


@pytest.mark.parametrize("streamed", [False, True])
def test_whole_rows_give_the_same_parts_as_single_cells(streamed: bool) -> None:
    assert sheet_parts(row_by_row, streamed) == sheet_parts(cell_by_cell, streamed)


def test_stored_rows_merge_and_keep_column_order() -> None:
    def write(sheet: ExactSheet, styles: Styles) -> None:
        sheet.store_row(0, {3: '<c r="D1"><v>4</v></c>', 1: '<c r="B1"><v>2</v></c>'})
        sheet.write_number(0, 0, 1)
        sheet.store_row(0, {2: '<c r="C1"><v>3</v></c>'})
        sheet.store_row(1, {})
        sheet.store_row(1_048_576, {0: '<c r="A1048577"><v>1</v></c>'})  # past the grid: dropped
    xml = sheet_parts(write, False)["xl/worksheets/sheet1.xml"].decode()
    assert '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c>' \
           '</row>' in xml
    assert '<dimension ref="A1:D1"/>' in xml and "A1048577" not in xml


def test_a_streamed_sheet_drops_rows_it_has_written() -> None:
    def write(sheet: ExactSheet, styles: Styles) -> None:
        sheet.store_row(2, {0: '<c r="A3"><v>3</v></c>'})
        sheet.store_row(1, {0: '<c r="A2"><v>2</v></c>'})
    xml = sheet_parts(write, True)["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="A3"><v>3</v></c>' in xml and "A2" not in xml


def test_links_are_written_in_order_escaped() -> None:
    def write(sheet: ExactSheet, styles: Styles) -> None:
        assert sheet.put_link(3, 1, "'R&D \"x\"'!B7", "R&D <x>!B7")
        assert sheet.put_link(0, 2, "'S'!A1", "S!A1")
    xml = sheet_parts(write, False)["xl/worksheets/sheet1.xml"].decode()
    assert ('<hyperlinks><hyperlink ref="C1" location="\'S\'!A1" display="S!A1"/>'
            '<hyperlink ref="B4" location="\'R&amp;D &quot;x&quot;\'!B7" display="R&amp;D &lt;x&gt;!B7"/>'
            '</hyperlinks>') in xml


def test_links_past_excels_limit_are_refused() -> None:
    book = Workbook(None, {"in_memory": True})
    sheet = book.add_worksheet("S", ExactSheet)
    sheet.hlink_count = LINK_LIMIT - 1
    assert sheet.put_link(0, 0, "'S'!A1", "S!A1")
    assert not sheet.put_link(1, 0, "'S'!A1", "S!A1")
    assert list(sheet.links) == [(0, 0)]
    with pytest.raises(ValueError):
        sheet.put_link(2, 0, "'" + "x" * 300 + "'!A1", "x")


def test_write_url_and_put_link_do_not_mix() -> None:
    book = ExactBook(io.BytesIO(), {"in_memory": True})
    sheet = book.add_worksheet("S", ExactSheet)
    sheet.put_link(0, 0, "'S'!A1", "S!A1")
    sheet.write_url(1, 0, "internal:'S'!A1")
    with pytest.raises(ValueError):
        book.close()


def sst_xml(writer: type[SharedStrings], strings: list[str]) -> str:
    """sharedStrings.xml as a writer class makes it for strings."""
    table = SharedStringTable()
    for string in strings:
        table._get_shared_string_index(string)
    table._sort_string_data()
    sst = writer()
    sst.string_table = table
    out = io.StringIO()
    sst._set_xml_writer(out)
    sst._assemble_xml_file()
    return out.getvalue()


@given(st.lists(st.text(alphabet=st.sampled_from(" \t\n\r\x00\x01\x1f&<>\"'_x0aF9r/\u00a0\u2028\ufffe\uffffAb."),
                        max_size=12), max_size=8))
@example(["", " lead", "trail ", "\n", "a_x00aF_b", "_x00_", "<r>raw</r>", "R&D", "plain", "a\nb", "\u00a0x"])
def test_shared_strings_written_as_xlsxwriter_writes_them(strings: list[str]) -> None:
    assert sst_xml(ExactStrings, strings) == sst_xml(SharedStrings, strings)


def test_stored_rows_give_the_dimensions_of_single_cells() -> None:
    def cell_writes(sheet: ExactSheet, styles: Styles) -> None:
        sheet.set_column(5, 6, 10, styles.get({"bold": True}))  # column dimensions before any row
        sheet.write_number(4, 3, 1)
        sheet.write_number(2, 1, 2)
        sheet.write_number(2, 2, 3)

    def row_writes(sheet: ExactSheet, styles: Styles) -> None:
        sheet.set_column(5, 6, 10, styles.get({"bold": True}))
        sheet.store_row(4, {3: '<c r="D5"><v>1</v></c>'})
        sheet.store_row(2, {1: '<c r="B3"><v>2</v></c>', 2: '<c r="C3"><v>3</v></c>'})

    assert sheet_parts(row_writes, False) == sheet_parts(cell_writes, False)


PROMPTS = [(3, 1, 3, 4, "Concept", "e2x:Revenue\nSource line 12"), (0, 2, 0, 2, "Concepts", 'a & b; "c" <d>'),
           (9, 1, 9, 1, "", "x" * 255)]
"""Input messages: a range, a single cell with markup to escape, an empty title and a message at the limit."""


@pytest.mark.parametrize("streamed", [False, True])
def test_prompts_are_written_as_data_validation_writes_them(streamed: bool) -> None:
    def by_put_prompt(sheet: ExactSheet, styles: Styles) -> None:
        for first_row, first_col, last_row, last_col, title, message in PROMPTS:
            sheet.put_prompt(first_row, first_col, last_row, last_col, title, message)
        sheet.put_prompt(1_048_576, 0, 1_048_576, 1, "Concept", "past the grid: dropped")

    def by_data_validation(sheet: ExactSheet, styles: Styles) -> None:
        sheet._write_data_validations = lambda: Worksheet._write_data_validations(sheet)  # XlsxWriter's own
        for first_row, first_col, last_row, last_col, title, message in PROMPTS:
            sheet.data_validation(first_row, first_col, last_row, last_col,
                                  {"validate": "any", "input_title": title, "input_message": message})

    made = sheet_parts(by_put_prompt, streamed)["xl/worksheets/sheet1.xml"]
    assert b'<dataValidations count="3">' in made
    assert made == sheet_parts(by_data_validation, streamed)["xl/worksheets/sheet1.xml"]


def test_prompts_past_excels_limits_are_refused() -> None:
    book = Workbook(None, {"in_memory": True})
    sheet = book.add_worksheet("S", ExactSheet)
    with pytest.raises(ValueError):
        sheet.put_prompt(0, 0, 0, 1, "t" * 33, "message")
    with pytest.raises(ValueError):
        sheet.put_prompt(0, 0, 0, 1, "title", "m" * 256)
    assert sheet.prompts == []


def test_data_validation_and_put_prompt_do_not_mix() -> None:
    book = ExactBook(io.BytesIO(), {"in_memory": True})
    sheet = book.add_worksheet("S", ExactSheet)
    sheet.put_prompt(0, 1, 0, 2, "Concept", "x")
    sheet.data_validation(1, 1, 1, 2, {"validate": "any", "input_title": "t", "input_message": "m"})
    with pytest.raises(ValueError):
        book.close()


@pytest.mark.parametrize("value", [15, 1.5, Decimal("2.5"), None, b"x", "", "A1", 'say "hi" & <b>\n', "plain"])
def test_attributes_escaped_as_xlsxwriter_escapes_them(value: object) -> None:
    assert ExactSheet()._escape_attributes(value) == Worksheet()._escape_attributes(value)


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x00\x01\x0b\x1f\x7f&<>_aZ9~\u00a0\u2028\ufffe\uffff\U0001f600"),
               max_size=12))
@example("plain text")
def test_safe_text_is_xml_safe(text: str) -> None:
    assert safe_text(text) == xml_safe(text)


def run_of(row: int, cells: dict[int, str]) -> tuple[int, int, str]:
    """store_run's arguments for cells {col: value} of a row: numbers as finished <c> elements."""
    xml = "".join(f'<c r="{cell_name(row, c)}"><v>{v}</v></c>' for c, v in sorted(cells.items()))
    return row, min(cells), max(cells), xml


def as_cells(row: int, cells: dict[int, str]) -> dict[int, str]:
    """store_row's cells for the same values."""
    return {c: f'<c r="{cell_name(row, c)}"><v>{v}</v></c>' for c, v in cells.items()}


RUN_CASES = {
    "alone": [("run", 0, {0: 1, 2: 3})],
    "cells before and after": [("cell", 0, {0: 1}), ("run", 0, {2: 3, 4: 5}), ("cell", 0, {6: 7})],
    "cell later inside": [("run", 0, {1: 1, 2: 2, 4: 4}), ("cell", 0, {2: 9, 3: 8})],
    "cell earlier inside": [("cell", 0, {2: 9, 3: 8}), ("run", 0, {1: 1, 2: 2, 4: 4})],
    "run over run": [("run", 0, {1: 1, 5: 5}), ("run", 0, {0: 7, 3: 3})],
    "past the grid": [("run", 0, {16383: 1, 16384: 2}), ("run", 1_048_576, {0: 1})],
    "rows out of order": [("run", 3, {0: 1}), ("run", 1, {0: 2, 1: 3}), ("cell", 3, {1: 4})],
}
"""Runs mixed with single cells and other runs in the same row: stored as the same cells one by one."""


@pytest.mark.parametrize("streamed", [False, True])
@pytest.mark.parametrize("case", sorted(RUN_CASES))
def test_runs_store_the_cells_of_store_row(case: str, streamed: bool) -> None:
    def by_runs(sheet: ExactSheet, styles: Styles) -> None:
        for how, row, cells in RUN_CASES[case]:
            if how == "run":
                sheet.store_run(*run_of(row, cells))
            else:
                sheet.store_row(row, as_cells(row, cells))

    def by_cells(sheet: ExactSheet, styles: Styles) -> None:
        for _, row, cells in RUN_CASES[case]:
            sheet.store_row(row, as_cells(row, cells))

    made = sheet_parts(by_runs, streamed)
    assert made == sheet_parts(by_cells, streamed)
    assert b"<c " in made["xl/worksheets/sheet1.xml"]
