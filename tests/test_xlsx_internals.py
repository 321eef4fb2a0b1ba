"""ExactSheet replaces private XlsxWriter methods: they must still exist with the signatures it relies on."""

from __future__ import annotations

import inspect
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from xlsxwriter import Workbook
from xlsxwriter.sharedstrings import SharedStringTable
from xlsxwriter.worksheet import Worksheet

from converter.writers.xlsx.cells import ExactSheet, cell_name

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
