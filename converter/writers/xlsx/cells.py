"""Safe cell writing, shared cell formats and sheet naming rules for every sheet of the workbook."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..safety import is_formula_like, xml_safe
from .formats import excel_number

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name's length."""

RESERVED_NAMES = ("History",)
"""Names Excel keeps for itself."""

FONT = "Calibri"
"""The workbook's font, named on every styled cell so renderers do not substitute."""

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Style = Mapping[str, object]
"""XlsxWriter format properties of a cell ({"bold": True, "num_format": "#,##0"})."""

LINK: Style = {"font_color": "#0563C1", "underline": 1}
"""The style of a link cell."""


def quoted(sheet: str) -> str:
    """A sheet name as a link target names it: always in apostrophes, inner ones doubled."""
    return "'" + sheet.replace("'", "''") + "'"


class ExactSheet(Worksheet):
    """A worksheet that keeps each cell as its finished ``<c>`` element, made once when the cell is written, and
    writes its rows itself: XlsxWriter's per-cell records, span pass and XML writer calls cost a few
    microseconds a cell. Integers and Decimals keep every digit (XlsxWriter's default keeps 16).

    Only text, number and blank cells exist on this sheet; XlsxWriter features that read cells back from
    `table` (autofit, worksheet tables, formulas, rich strings) are not used by this writer. The private
    methods replaced here are checked by tests/test_xlsx_internals.py against the pinned XlsxWriter (>=3.2,<4).

    Inline text is always escaped: XlsxWriter would copy text shaped like "<r>...</r>" into the file unescaped,
    taking it for a rich string (this writer never writes rich strings), so such text is kept inline even on an
    in-memory sheet rather than in the shared string table."""

    def _write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> int:
        """Store a text cell: a shared string, or inline text on a streamed sheet."""
        if self._check_dimensions(row, col):
            return -1
        error = 0
        if len(string) > self.xls_strmax // 2 and _utf16_len(string) > self.xls_strmax:
            string, error = _utf16_truncate(string, self.xls_strmax), -2
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        if self.constant_memory or (string.startswith("<r>") and string.endswith("</r>")):
            body = self._inline_text(string)  # the shared string table would copy "<r>...</r>" unescaped
        else:
            body = f' t="s"><v>{self.str_table._get_shared_string_index(string)}</v></c>'
        self.table[row][col] = f'<c r="{cell_name(row, col)}"{style_attribute(cell_format)}{body}'
        return error

    def _inline_text(self, string: str) -> str:
        """The end of a <c> element holding text inline: escaped as XlsxWriter escapes, edge spaces kept."""
        text = self._escape_data(self._escape_control_characters(string))
        space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
        return f' t="inlineStr"><is><t{space}>{text}</t></is></c>'

    def _write_number(self, row: int, col: int, number: int | Decimal | float,  # type: ignore[override]
                      cell_format: Format | None = None) -> int:
        """Store a number cell: ints and Decimals with every digit, floats as XlsxWriter writes them."""
        if isinstance(number, float) and not math.isfinite(number):
            raise TypeError("NAN/INF not supported in a workbook cell")
        if self._check_dimensions(row, col):
            return -1
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        text = number if isinstance(number, (int, Decimal)) else format(number, ".16G")
        self.table[row][col] = f'<c r="{cell_name(row, col)}"{style_attribute(cell_format)}><v>{text}</v></c>'
        return 0

    def _write_blank(self, row: int, col: int, _: object, cell_format: Format | None = None) -> int:
        """Store a formatted empty cell; without a format there is nothing to store."""
        if cell_format is None:
            return 0
        if self._check_dimensions(row, col):
            return -1
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row][col] = f'<c r="{cell_name(row, col)}"{style_attribute(cell_format)}/>'
        return 0

    def _write_sheet_data(self) -> None:
        """Write <sheetData> from the stored rows (an in-memory sheet)."""
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        self.fh.write("<sheetData>")
        low, high = self.dim_rowmin, self.dim_rowmax
        rows = {r for r, cells in self.table.items() if cells} | set(self.row_info) | set(self.comments)
        for r in sorted(r for r in rows if low <= r <= high):
            self._write_stored_row(r)
        self.fh.write("</sheetData>")

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """Write the finished previous row to the row file and forget it (a streamed sheet)."""
        row, self.previous_row = self.previous_row, current_row_num
        if self.table.get(row) or row in self.row_info or row in self.comments:
            self._write_stored_row(row)
        self.table.clear()

    def _write_stored_row(self, row: int) -> None:
        """One <row> element: its cells in column order; empty when it only has a height or comments."""
        cells = self.table.get(row)
        info = self.row_info.get(row)
        if not cells:
            self._write_empty_row(row, None, info)
            return
        if info is None and self.excel_version == 2007:
            self.fh.write(f'<row r="{row + 1}">')
        else:
            self._write_row(row, None, info)
        self.fh.write("".join([cells[c] for c in sorted(cells)]) + "</row>")


def cell_name(row: int, col: int) -> str:
    """A cell's A1 name from 0-based row and column."""
    return f"{column_name(col)}{row + 1}"


@functools.cache
def column_name(col: int) -> str:
    """A column's letters from its 0-based index."""
    return xl_col_to_name(col)


def style_attribute(cell_format: Format | None) -> str:
    """A cell's s="n" attribute naming its format; none for the default format."""
    return f' s="{cell_format._get_xf_index()}"' if cell_format is not None else ""


class Styles:
    """The workbook's cell formats, one Format per distinct style (XlsxWriter formats are workbook objects)."""

    __slots__ = ("_book", "_made")

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}

    def get(self, style: Style | None) -> Format | None:
        """The Format of a style; None for no style (the default cell format)."""
        if not style:
            return None
        key = tuple(sorted(style.items()))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._book.add_format({"font_name": FONT, **style})
        return made


def put_text(ws: Worksheet, styles: Styles, row: int, col: int, text: str, style: Style | None = None) -> None:
    """Store text that can never become a formula: typed as a string, quote-prefixed when formula-like (0-based)."""
    if is_formula_like(text):
        style = {**(style or {}), "quote_prefix": True}
    ws._write_string(row, col, xml_safe(text), styles.get(style))  # undecorated: row and col are ints


class TextCells:
    """Writes the text cells of one sheet in one style, working out each distinct text's XML-safe form and
    formula guard once (a Facts sheet repeats the same concepts, periods and units on every row)."""

    __slots__ = ("_ws", "_styles", "_style", "_seen")

    def __init__(self, ws: Worksheet, styles: Styles, style: Style | None = None) -> None:
        self._ws = ws
        self._styles = styles
        self._style = style
        self._seen: dict[str, tuple[str, Format | None]] = {}

    def put(self, row: int, col: int, text: str) -> None:
        """Store text that can never become a formula (0-based row and column); empty text leaves no cell."""
        if not text:
            return
        known = self._seen.get(text)
        if known is None:
            style = {**(self._style or {}), "quote_prefix": True} if is_formula_like(text) else self._style
            known = self._seen[text] = (xml_safe(text), self._styles.get(style))
        self._ws._write_string(row, col, *known)


def put_number(ws: Worksheet, styles: Styles, row: int, col: int, value: Decimal | int,
               style: Style | None = None) -> None:
    """Store an exact number as a numeric cell (0-based row and column)."""
    ws._write_number(row, col, excel_number(Decimal(value)), styles.get(style))


def put(ws: Worksheet, styles: Styles, row: int, col: int, value: str | Decimal | int | None,
        style: Style | None = None) -> None:
    """Store text or a number; None leaves the cell empty."""
    if value is None:
        return
    if isinstance(value, str):
        put_text(ws, styles, row, col, value, style)
    else:
        put_number(ws, styles, row, col, value, style)


def _trim(name: str) -> str:
    """A name without surrounding spaces or apostrophes (Excel refuses a name that starts or ends with ')."""
    while name != name.strip().strip("'"):
        name = name.strip().strip("'")
    return name


def sheet_names(wanted: list[str], taken: tuple[str, ...] = ()) -> list[str]:
    """Valid, unique (case-insensitively) sheet names for wanted names, in order; taken names are avoided."""
    seen = {t.lower() for t in taken + RESERVED_NAMES}
    out = []
    for name in wanted:
        base = _trim(_FORBIDDEN.sub("_", xml_safe(name))[:SHEET_NAME_MAX]) or "Sheet"
        candidate, k = base, 2
        while candidate.lower() in seen:
            suffix = f"~{k}"
            candidate, k = base[: SHEET_NAME_MAX - len(suffix)] + suffix, k + 1
        seen.add(candidate.lower())
        out.append(candidate)
    return out


PADDING = 5 / 7
"""Characters XlsxWriter adds to a column width for cell padding (5 pixels of a 7-pixel Calibri 11 digit)."""


def set_widths(ws: Worksheet, widths: list[float]) -> None:
    """Set column widths left to right, as stored in the file (the padding XlsxWriter adds taken back)."""
    for c, width in enumerate(widths):
        ws.set_column(c, c, width - PADDING)
