"""Safe cell writing, shared cell formats and sheet naming rules for every sheet of the workbook."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, xl_rowcol_to_cell_fast
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import CellNumberTuple, CellStringTuple, Worksheet

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
    """A worksheet that stores integers and Decimals with every digit (XlsxWriter's default keeps 16), writing
    its string and number cells on a short path (the workbook sets no row or column formats).

    A streamed sheet's inline text is always escaped: XlsxWriter would copy text shaped like "<r>...</r>"
    into the file unescaped, taking it for a rich string (this writer never writes rich strings)."""

    def _write_cell(self, row: int, col: int, cell) -> None:  # type: ignore[no-untyped-def]
        """Write one <c> element: text and numbers directly, anything else as XlsxWriter does."""
        kind = cell.__class__
        if kind is CellStringTuple:
            if self.constant_memory:
                text = self._escape_data(self._escape_control_characters(cell.string))
                space = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
                body = f' t="inlineStr"><is><t{space}>{text}</t></is>'
            else:
                body = f' t="s"><v>{cell.string}</v>'  # the shared string's index
        elif kind is CellNumberTuple:
            number = cell.number
            body = f"><v>{number if isinstance(number, (int, Decimal)) else format(number, '.16G')}</v>"
        else:
            super()._write_cell(row, col, cell)
            return
        fmt = cell.format
        style = f' s="{fmt._get_xf_index()}"' if fmt else ""
        self.fh.write(f'<c r="{xl_rowcol_to_cell_fast(row, col)}"{style}{body}</c>')


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
