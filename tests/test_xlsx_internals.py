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
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStringTable
from xlsxwriter.worksheet import Worksheet

from converter.writers.xlsx.cells import ExactSheet, cell_name
from converter.writers.xlsx.package import ZIP_LEVEL, ExactBook

REPLACED = {
    "_write_string": ["self", "row", "col", "string", "cell_format"],
    "_write_number": ["self", "row", "col", "number", "cell_format"],
    "_write_blank": ["self", "row", "col", "_", "cell_format"],
    "_write_sheet_data": ["self"],
    "_write_single_row": ["self", "current_row_num"],
}
CALLED = {
    "_check_dimensions": ["self", "row", "col"],
    "_write_row": ["self", "row", "spans", "row_info"],
    "_write_empty_row": ["self", "row", "spans", "row_info"],
}


BOOK_REPLACED = {"_store_workbook": ["self"]}
BOOK_CALLED = {
    "_get_packager": ["self"],
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
    "_add_workbook": ["self", "workbook"],
    "_set_tmpdir": ["self", "tmpdir"],
    "_set_in_memory": ["self", "in_memory"],
    "_create_package": ["self"],
}


@pytest.mark.parametrize("cls, name, params", [(Workbook, n, p) for n, p in sorted({**BOOK_REPLACED,
                                                                                   **BOOK_CALLED}.items())]
                         + [(Packager, n, p) for n, p in sorted(PACKAGER_CALLED.items())])
def test_private_workbook_methods_exist_with_the_expected_parameters(cls: type, name: str,
                                                                      params: list[str]) -> None:
    got = list(inspect.signature(getattr(cls, name)).parameters)
    assert got[: len(params)] == params, f"XlsxWriter's {cls.__name__}.{name} changed: {got}"


def test_workbook_attributes_used() -> None:
    book = Workbook(None, {"in_memory": True})
    for attribute in ("filename", "allow_zip64", "worksheet_meta", "worksheets_objs", "tmpdir", "in_memory"):
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


@pytest.mark.parametrize("name, params", sorted({**REPLACED, **CALLED}.items()))
def test_private_methods_exist_with_the_expected_parameters(name: str, params: list[str]) -> None:
    got = list(inspect.signature(getattr(Worksheet, name)).parameters)
    assert got[: len(params)] == params, f"XlsxWriter's Worksheet.{name} changed: {got}"


def test_shared_strings_and_sheet_attributes_used() -> None:
    assert callable(SharedStringTable._get_shared_string_index)
    book = Workbook(None, {"in_memory": True})
    sheet = book.add_worksheet("S", ExactSheet)
    for attribute in ("table", "row_info", "comments", "previous_row", "constant_memory", "str_table",
                      "dim_rowmin", "dim_rowmax", "excel_version", "xls_strmax", "fh"):
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
