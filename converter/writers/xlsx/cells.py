"""Safe cell writing, shared cell formats and sheet naming rules for every sheet of the workbook."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import (_preserve_whitespace, _utf16_len, _utf16_truncate, xl_cell_to_rowcol, xl_col_to_name,
                                xl_range)
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import xml_escapes

from ..safety import is_formula_like, xml_safe
from .formats import excel_number, plain_format

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name's length."""

RESERVED_NAMES = ("History",)
"""Names Excel keeps for itself."""

FONT = "Calibri"
"""The workbook's font, named on every styled cell so renderers do not substitute."""

URL_MAX = 255
"""Excel's limit on a link's location, in UTF-16 units."""

LINK_LIMIT = 65530
"""Excel's limit on hyperlinks in one worksheet."""

PROMPT_TITLE_MAX, PROMPT_MAX = 32, 255
"""Excel's limits on an input message's title and text, in UTF-16 units."""

CELL_START = '<c r="'
"""How every finished cell element begins (no cell's content holds it: markup in inline text is escaped)."""

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Style = Mapping[str, object]
"""XlsxWriter format properties of a cell ({"bold": True, "num_format": "#,##0"})."""

LINK: Style = {"font_color": "#0563C1", "underline": 1}
"""The style of a link cell."""


def safe_text(text: str) -> str:
    """xml_safe(text), with a short path for printable ASCII text (it has no character to spell out)."""
    return text if text.isascii() and text.isprintable() else xml_safe(text)


def quoted(sheet: str) -> str:
    """A sheet name as a link target names it: always in apostrophes, inner ones doubled."""
    return "'" + sheet.replace("'", "''") + "'"


class ExactSheet(Worksheet):
    """A worksheet that keeps each cell as its finished ``<c>`` element, made once when the cell is written, and
    writes its rows itself: XlsxWriter's per-cell records, span pass and XML writer calls cost a few
    microseconds a cell. Integers and Decimals keep every digit (XlsxWriter's default keeps 16).

    Only text, number and blank cells exist on this sheet; XlsxWriter features that read cells back from
    `table` (autofit, worksheet tables, formulas, rich strings) are not used by this writer. Whole rows can be
    stored at once (store_row), or as one finished run of cells (store_run, kept apart from `table`); internal links (put_link) and input messages (put_prompt) are kept as finished
    elements too, in place of write_url and data_validation, which refuse to mix with them. The private
    methods replaced here are checked by tests/test_xlsx_internals.py against the pinned XlsxWriter (>=3.3,<4).

    Inline text is always escaped: XlsxWriter would copy text shaped like "<r>...</r>" into the file unescaped,
    taking it for a rich string (this writer never writes rich strings), so such text is kept inline even on an
    in-memory sheet rather than in the shared string table."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[tuple[int, int], str] = {}  # (row, col) -> finished <hyperlink> element
        self.runs: dict[int, tuple[int, int, str]] = {}  # row -> (first col, last col, finished <c> elements)
        self.prompts: list[str] = []  # finished <dataValidation> elements, in the order made

    def _escape_attributes(self, attribute: object) -> object:
        """An attribute value escaped as XlsxWriter escapes it; numbers and text with nothing to escape returned at
        once (it finds numbers by the TypeError its regular expression raises, which costs more than escaping)."""
        if isinstance(attribute, str) and xml_escapes.search(attribute):
            return super()._escape_attributes(attribute)
        return attribute

    def _write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> int:
        """Store a text cell: a shared string, or inline text on a streamed sheet."""
        if self._check_dimensions(row, col):
            return -1
        if self.constant_memory and row > self.previous_row:
            self._write_single_row(row)
        self.table[row][col] = self.text_cell(row, col, string, cell_format)
        return -2 if len(string) > self.xls_strmax // 2 and _utf16_len(string) > self.xls_strmax else 0

    def text_cell(self, row: int, col: int, string: str, cell_format: Format | None) -> str:
        """A text cell's finished <c> element, not stored (for a run): what _write_string stores."""
        return f'{CELL_START}{cell_name(row, col)}"{self.text_tail(string, cell_format)[0]}'

    def text_tail(self, string: str, cell_format: Format | None) -> tuple[str, bool]:
        """A text cell's <c> element after r="A1" (text past Excel's limit cut), and whether it is shared."""
        if len(string) > self.xls_strmax // 2 and _utf16_len(string) > self.xls_strmax:
            string = _utf16_truncate(string, self.xls_strmax)
        style = style_attribute(cell_format)
        if self.constant_memory or (string.startswith("<r>") and string.endswith("</r>")):
            return style + self._inline_text(string), False  # the shared string table copies "<r>...</r>" raw
        return f'{style} t="s"><v>{self.str_table._get_shared_string_index(string)}</v></c>', True

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

    def store_row(self, row: int, cells: dict[int, str]) -> None:
        """Store one row's finished <c> elements by 0-based column, as the per-cell writers would one by one."""
        if not cells or row >= self.xls_rowmax or row < 0 or not self._ready(row):
            return
        first, last = min(cells), max(cells)
        if first < 0 or last >= self.xls_colmax:
            cells = {c: xml for c, xml in cells.items() if 0 <= c < self.xls_colmax}
            if not cells:
                return
            first, last = min(cells), max(cells)
        self._widen(row, first, last)
        stored = self.table.get(row)
        if stored:
            stored.update(cells)
        else:
            self.table[row] = cells

    def store_run(self, row: int, first: int, last: int, xml: str) -> None:
        """Store one row's finished <c> elements, joined in column order, from column first to column last (both
        holding a cell) as one run: the same cells as store_row, without a dict of them."""
        if row >= self.xls_rowmax or row < 0 or not self._ready(row):
            return
        stored = self.table.get(row)
        if first < 0 or last >= self.xls_colmax or row in self.runs or \
                (stored and any(first <= c <= last for c in stored)):
            self.store_row(row, run_cells(xml))  # among cells already stored: merged cell by cell
            return
        self._widen(row, first, last)
        self.runs[row] = (first, last, xml)

    def _ready(self, row: int) -> bool:
        """Whether cells can go in a row; a streamed sheet writes out its previous row when a later one begins,
        and takes no cells in a row it has written."""
        if self.constant_memory:
            if row < self.previous_row:
                return False
            if row > self.previous_row:
                self._write_single_row(row)
        return True

    def _widen(self, row: int, first: int, last: int) -> None:
        """Widen the sheet's dimensions to a row's cells from column first to last."""
        if self.dim_rowmin is None or row < self.dim_rowmin:  # as _check_dimensions does for each cell
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or first < self.dim_colmin:
            self.dim_colmin = first
        if self.dim_colmax is None or last > self.dim_colmax:
            self.dim_colmax = last

    def put_link(self, row: int, col: int, location: str, display: str) -> bool:
        """Link a cell (text stored apart) to a place, "'Sheet'!B7"; False past Excel's limit of links a sheet."""
        if len(location) > URL_MAX // 2 and _utf16_len(location) > URL_MAX:
            raise ValueError(f"link location longer than Excel's {URL_MAX} characters: {location!r}")
        if self.hlink_count >= LINK_LIMIT:
            return False
        self.hlink_count += 1
        location, display = self._escape_attributes(location), self._escape_attributes(display)
        self.links[(row, col)] = f'<hyperlink ref="{cell_name(row, col)}" location="{location}" display="{display}"/>'
        return True

    def _write_hyperlinks(self) -> None:
        """Write <hyperlinks>: the links of put_link in row and column order (write_url is not used here)."""
        if self.hyperlinks:
            raise ValueError("ExactSheet links cells through put_link, not write_url")
        if self.links:
            self.fh.write("<hyperlinks>" + "".join([self.links[k] for k in sorted(self.links)]) + "</hyperlinks>")

    def put_prompt(self, first_row: int, first_col: int, last_row: int, last_col: int, title: str,
                   message: str) -> None:
        """Show a titled input message beside a range's selected cell, as data_validation's "any" type does."""
        if self._check_dimensions(first_row, first_col, True, True) or \
                self._check_dimensions(last_row, last_col, True, True):
            return
        if _utf16_len(title) > PROMPT_TITLE_MAX or _utf16_len(message) > PROMPT_MAX:
            raise ValueError(f"input message or title past Excel's limits: {title!r}, {message!r}")
        title, message = self._escape_attributes(title), self._escape_attributes(message)
        self.prompts.append(f'<dataValidation allowBlank="1" showInputMessage="1" showErrorMessage="1" '
                            f'promptTitle="{title}" prompt="{message}" '
                            f'sqref="{xl_range(first_row, first_col, last_row, last_col)}"/>')

    def _write_data_validations(self) -> None:
        """Write <dataValidations>: the input messages of put_prompt (data_validation is not used here)."""
        if self.validations:
            raise ValueError("ExactSheet shows input messages through put_prompt, not data_validation")
        if self.prompts:
            self.fh.write(f'<dataValidations count="{len(self.prompts)}">' + "".join(self.prompts)
                          + "</dataValidations>")

    def _write_sheet_data(self) -> None:
        """Write <sheetData> from the stored rows (an in-memory sheet)."""
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        low, high = self.dim_rowmin, self.dim_rowmax
        table, runs, info = self.table, self.runs, self.row_info
        filled = {r for r, cells in table.items() if cells} | set(runs)
        plain = self.excel_version == 2007  # rows without settings open as <row r="n">
        out = ["<sheetData>"]
        for r in sorted(r for r in filled | set(info) | set(self.comments) if low <= r <= high):
            if plain and r in filled and r not in info:
                out.append(f'<row r="{r + 1}">{self._cells_xml(r)}</row>')
            else:
                self.fh.write("".join(out))
                out.clear()
                self._write_stored_row(r)
        out.append("</sheetData>")
        self.fh.write("".join(out))

    def _write_single_row(self, current_row_num: int = 0) -> None:
        """Write the finished previous row to the row file and forget it (a streamed sheet)."""
        row, self.previous_row = self.previous_row, current_row_num
        if self.table.get(row) or row in self.runs or row in self.row_info or row in self.comments:
            self._write_stored_row(row)
        self.table.clear()
        self.runs.clear()

    def _write_stored_row(self, row: int) -> None:
        """One <row> element: its cells in column order; empty when it only has a height or comments."""
        info = self.row_info.get(row)
        if not self.table.get(row) and row not in self.runs:
            self._write_empty_row(row, None, info)
            return
        if info is None and self.excel_version == 2007:
            self.fh.write(f'<row r="{row + 1}">')
        else:
            self._write_row(row, None, info)
        self.fh.write(self._cells_xml(row) + "</row>")

    def _cells_xml(self, row: int) -> str:
        """A row's <c> elements in column order: its run and its single cells (a cell stored in the run's columns
        after it replaces the run's cell there)."""
        cells = self.table.get(row)
        run = self.runs.get(row)
        if run is None:
            return "".join([cells[c] for c in sorted(cells)])  # type: ignore[union-attr]
        first, last, xml = run
        if not cells:
            return xml
        if any(first <= c <= last for c in cells):
            cells = {**run_cells(xml), **cells}
            return "".join([cells[c] for c in sorted(cells)])
        order = sorted(cells)
        return "".join([cells[c] for c in order if c < first] + [xml] + [cells[c] for c in order if c > last])


def run_cells(xml: str) -> dict[int, str]:
    """A run's <c> elements by 0-based column."""
    cells = {}
    for part in xml.split(CELL_START)[1:]:
        cells[xl_cell_to_rowcol(part[:part.index('"')])[1]] = CELL_START + part
    return cells


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
    ws._write_string(row, col, safe_text(text), styles.get(style))  # undecorated: row and col are ints


Value = str | int | Decimal | None
"""What a plain cell holds: text, an exact number, or nothing (None and empty text leave no cell)."""

Run = tuple[int, int, str]
"""Finished cells of one row, as store_run takes them: the columns of the first and last cells, and the cells'
<c> elements in column order."""


def joined(left: Run | None, right: Run | None) -> Run | None:
    """Two runs of a row as one; every cell of left comes before every cell of right."""
    if left is None or right is None:
        return left or right
    return left[0], right[1], left[2] + right[2]


class RowCells:
    """Writes whole rows of plain cells on one sheet: text in one style (quote-prefixed when formula-like),
    integers in one format, Decimals grouped in full (plain_format). Each row is stored as one run, and each
    distinct text's XML-safe form, formula guard and finished cell tail are worked out once (a Facts sheet
    repeats the same concepts, periods and units on every row)."""

    __slots__ = ("_ws", "_styles", "_style", "_int_style", "_int_attr", "_decimal_attrs", "_text_formats",
                 "_shared", "_inline", "_decimals", "_starts")

    def __init__(self, ws: ExactSheet, styles: Styles, style: Style | None = None,
                 int_style: Style | None = None) -> None:
        self._ws = ws
        self._styles = styles
        self._style = style
        self._int_style = int_style
        self._int_attr: str | None = None  # made at first use: a format's number in the file is its first use's
        self._decimal_attrs: dict[bool, str] = {}  # integral -> style attribute of its plain format
        self._text_formats: dict[bool, Format | None] = {}  # formula-like -> the text style's Format
        self._shared: dict[str, str] = {}  # text -> its cell tail naming a shared string (each use counted)
        self._inline: dict[str, str] = {}  # text -> its cell tail holding the text inline
        self._decimals: dict[Decimal, str] = {}  # value -> its cell tail (equal values are stored alike)
        self._starts: list[str] = []  # column -> '<c r="B', the start of its cells

    def put(self, row: int, values: Sequence[Value], first_col: int = 0) -> None:
        """Store one row's values from column first_col on (0-based)."""
        run = self.cells(row, values, first_col)
        if run is not None:
            self._ws.store_run(row, *run)

    def cells(self, row: int, values: Sequence[Value], first_col: int = 0) -> Run | None:
        """One row's values from column first_col on (0-based) as a run of finished cells not stored yet (shared
        strings counted as used); None when no value makes a cell."""
        end = f'{row + 1}"'
        shared, inline, starts = self._shared, self._inline, self._starts
        if len(starts) < first_col + len(values):
            starts.extend(CELL_START + column_name(c) for c in range(len(starts), first_col + len(values)))
        cells: list[str] = []
        first = last = first_col  # the columns of the first and last cells
        uses = 0
        int_attr = self._int_attr  # None until the first integer cell makes it
        for c, value in enumerate(values, first_col):
            kind = value.__class__
            if kind is str:
                tail = shared.get(value)  # type: ignore[arg-type]
                if tail is not None:
                    uses += 1
                elif not value:
                    continue
                else:
                    tail = inline.get(value) or self._text(value)  # type: ignore[arg-type]
            elif value is None:
                continue
            elif kind is int:
                if int_attr is None:
                    int_attr = self._int_attribute()
                tail = f"{int_attr}><v>{value}</v></c>"
            elif isinstance(value, str):  # a str subclass, written as its plain text
                known, counted = self._any_text(str(value))
                if known is None:
                    continue
                tail, uses = known, uses + counted
            else:
                tail = self._number(value)  # type: ignore[arg-type]
            if not cells:
                first = c
            cells.append(f"{starts[c]}{end}{tail}")
            last = c
        if uses:
            self._ws.str_table.count += uses  # each use of a shared string counts (_text counted the first)
        return (first, last, "".join(cells)) if cells else None

    def _any_text(self, text: str) -> tuple[str | None, int]:
        """A text's cell tail (None for empty text) and the shared string uses to count (put's slow path)."""
        if not text:
            return None, 0
        tail = self._shared.get(text)
        if tail is not None:
            return tail, 1
        return self._inline.get(text) or self._text(text), 0

    def _text(self, text: str) -> str:
        """A new text's cell tail, remembered; a shared string's first use is counted by the string table."""
        quoted = is_formula_like(text)
        if quoted not in self._text_formats:
            style = {**(self._style or {}), "quote_prefix": True} if quoted else self._style
            self._text_formats[quoted] = self._styles.get(style)
        tail, shared = self._ws.text_tail(safe_text(text), self._text_formats[quoted])
        (self._shared if shared else self._inline)[text] = tail
        return tail

    def _int_attribute(self) -> str:
        """The style attribute of integer cells, made at the first one."""
        if self._int_attr is None:
            self._int_attr = style_attribute(self._styles.get(self._int_style))
        return self._int_attr

    def _number(self, value: Decimal | int) -> str:
        """A number's cell tail: stored exactly, a Decimal grouped with its decimals shown only when it has some."""
        if isinstance(value, int):
            return f"{self._int_attribute()}><v>{int(value)}</v></c>"
        tail = self._decimals.get(value)
        if tail is None:
            number = excel_number(value)
            integral = isinstance(number, int)
            attr = self._decimal_attrs.get(integral)
            if attr is None:
                fmt = self._styles.get({"num_format": plain_format(value)})
                attr = self._decimal_attrs[integral] = style_attribute(fmt)
            tail = self._decimals[value] = f"{attr}><v>{number}</v></c>"
        return tail


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
