"""Rendering of a laid-out statement onto a worksheet: styles, comments, panes, widths, print setup."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ...memo import text_cache
from ..safety import is_formula_like
from .cells import CELL_START, PROMPT_MAX, ExactSheet, Style, Styles, column_name, safe_text, set_widths, style_attribute
from .formats import excel_number
from .layout import LINE_HEADER, LayoutCell, LayoutRow, StatementLayout

AUTHOR = "edgar2xbrl"
"""Author of the cell comments."""

LABEL_WIDTH = (24, 60)
"""Minimum and maximum width of the label column, in characters."""

VALUE_WIDTH = (10, 22)
"""Minimum and maximum width of a value column, in characters."""

LINE_HEIGHT = 15.0
"""Height in points of one wrapped text line (11 pt font)."""

SMALL_ROWS = {"periods": 0.75, "dims": 0.75}
"""Rows in a smaller font: characters take this share of an 11 pt character's width."""

COMMENT_SIZE = (320, 90)
"""Width and height of a value comment box, in pixels."""

THIN = 1
"""XlsxWriter's code of a thin border line."""

GREY = "#666666"

BOLD: Style = {"bold": True}
SMALL_GREY: Style = {"font_size": 8, "font_color": GREY}
STYLE_FONTS: dict[str, Style] = {
    "title": {"bold": True, "font_size": 13},
    "company": BOLD,
    "period": {"italic": True, "font_size": 9, "font_color": GREY},
    "periods": {"italic": True, "font_size": 8, "font_color": GREY},
    "dims": {"italic": True, "font_size": 8, "font_color": GREY},
    "units": BOLD,
    "header": BOLD,
    "heading": BOLD,
}
WRAPPED_LABELS = ("heading", "value")
"""Row kinds whose label wraps in the label column (the others may run on into empty cells)."""

HEADER_ALIGN: Style = {"align": "right", "text_wrap": True, "valign": "bottom"}
COMMENT_OPTIONS = {"author": AUTHOR, "width": COMMENT_SIZE[0], "height": COMMENT_SIZE[1]}


def display_length(cell: LayoutCell) -> int:
    """Roughly how many characters a cell shows, for sizing its column: a value as its format shows it
    ("(292,967)"), counted without formatting (grouping digits is slow): its digits rounded half-even to the
    shown places, a comma per three whole digits, the decimal point and the parentheses."""
    if cell.value is None:
        return len(cell.text)
    multiplier, divisor, places = shown_scale(cell.number_format)
    shown = cell.value * multiplier / divisor
    units = (shown.scaleb(places) if places else shown).to_integral_value()  # the shown digits, unpointed
    whole = max(units.adjusted() + 1 - places, 1) if units else 1  # "0.25" shows one whole digit
    return whole + (whole - 1) // 3 + (places + 1 if places else 0) + 2


@text_cache(maxsize=256)
def shown_scale(number_format: str) -> tuple[int, Decimal, int]:
    """A number format's multiplier (100 for a percentage), divisor (1000 a trailing comma) and decimal places."""
    core = number_format.split(";")[0].replace("_)", "")
    percent = core.endswith("%")
    core = core.rstrip("%")
    scaling = len(core) - len(core.rstrip(","))
    places = len(core.rstrip(",").split(".")[1]) if "." in core else 0
    return (100 if percent else 1), Decimal(1000) ** scaling, places


def column_widths(layout: StatementLayout) -> list[float]:
    """Label column width, then one width per value column, then the source line column."""
    body = layout.rows[layout.first_body_row :]
    label = max((len(r.label) + 2 * r.depth for r in body), default=0)
    longest = [0] * layout.n_columns  # column -> its longest display text
    for row in layout.rows:
        for i, cell in enumerate(row.cells):
            if cell is not None and (size := display_length(cell)) > longest[i]:
                longest[i] = size
    return [float(min(max(label + 2, LABEL_WIDTH[0]), LABEL_WIDTH[1])),
            *[float(min(max(n + 2, VALUE_WIDTH[0]), VALUE_WIDTH[1])) for n in longest],
            float(len(LINE_HEADER) + 2)]


def wrapped_lines(row: LayoutRow, widths: list[float]) -> int:
    """How many text lines a row needs (at least one) once its label and header texts wrap in their columns."""
    per_char = SMALL_ROWS.get(row.kind, 1.0)  # small fonts fit more characters in a column
    lines = 1
    if row.kind in WRAPPED_LABELS:
        lines = max(lines, math.ceil(len(row.label) * per_char / max(widths[0] - 1, 1)))
    for i, cell in enumerate(row.cells, 1):
        if cell is not None and cell.text:
            lines = max(lines, math.ceil(len(cell.text) * per_char / max(widths[i] - 1, 1)))
    return lines


def label_style(kind: str, subtotal: bool, depth: int) -> Style | None:
    """Font and alignment of a label cell, from its row's kind, subtotal flag and depth."""
    font = BOLD if subtotal else STYLE_FONTS.get(kind)
    if kind not in WRAPPED_LABELS:
        return font
    align: dict[str, object] = {"align": "left", "text_wrap": True, "valign": "bottom"}
    if depth > 0:
        align["indent"] = depth
    return {**(font or {}), **align}


def value_style(number_format: str, subtotal: bool) -> Style:
    """A value cell's style: its number format, bold with a rule above on a subtotal row."""
    if subtotal:
        return {"num_format": number_format, "bold": True, "top": THIN}
    return {"num_format": number_format}


def line_style() -> Style:
    """The style of the source line column."""
    return SMALL_GREY


def clip(text: str, limit: int) -> str:
    """Text cut to at most limit UTF-16 units (Excel counts them), an ellipsis marking a cut."""
    if len(text) <= limit // 2 or len(text.encode("utf-16-le")) <= 2 * limit:  # a character is 1 or 2 units
        return text
    while len(text.encode("utf-16-le")) > 2 * (limit - 1):
        text = text[:-1]
    return text + "\u2026"


def concept_prompt(ws: ExactSheet, r: int, row: LayoutRow, n_columns: int) -> None:
    """The row's concepts and source line, shown beside any of its value cells when selected (an input
    message: no data restriction, nothing printed)."""
    several = "; " in row.concepts
    message = clip(f"{safe_text(row.concepts)}\nSource line {row.line}", PROMPT_MAX)  # a line feed is XML-safe
    ws.put_prompt(r, 1, r, n_columns, "Concepts" if several else "Concept", message)


def header_style(kind: str, subtotal: bool) -> Style:
    """Font, alignment and border of a header row's text cells, from the row's kind and subtotal flag."""
    font = BOLD if subtotal else STYLE_FONTS.get(kind)
    text: dict[str, object] = {**HEADER_ALIGN, **(font or {})}
    if kind == "units":
        text["bottom"] = THIN
    return text


StyleKey = tuple[Any, ...]
"""A style named by its style function followed by that function's arguments: (label_style, "value", False, 2)."""

LINE_KEY: StyleKey = (line_style,)
"""The source line column's style."""


class SheetCells:
    """Finished ``<c>`` elements of one statement sheet, made a row at a time for ExactSheet.store_row: each
    style's Format and s="n" attribute and each column's letters are worked out once a sheet, not once a cell.
    Cells are made in the order XlsxWriter's cell writers would store them, so formats and shared strings are
    numbered alike."""

    __slots__ = ("ws", "_styles", "_formats", "_attributes", "letters")

    def __init__(self, ws: ExactSheet, styles: Styles, n_cols: int) -> None:
        self.ws = ws
        self._styles = styles
        self._formats: dict[tuple[StyleKey, bool], Format | None] = {}  # (key, quote-prefixed) -> Format
        self._attributes: dict[StyleKey, str] = {}  # key -> its s="n" attribute
        self.letters = [column_name(c) for c in range(n_cols)]  # column -> its letters

    def format(self, key: StyleKey, quoted: bool = False) -> Format | None:
        """The Format of key's style (made at its first use), quote-prefixed if asked."""
        made = self._formats.get((key, quoted), _NONE)
        if made is _NONE:
            style = key[0](*key[1:])
            if quoted:
                style = {**(style or {}), "quote_prefix": True}
            made = self._formats[(key, quoted)] = self._styles.get(style)
        return made  # type: ignore[return-value]

    def attribute(self, key: StyleKey) -> str:
        """The s="n" attribute of key's style ("" for the default format)."""
        made = self._attributes.get(key)
        if made is None:
            made = self._attributes[key] = style_attribute(self.format(key))
        return made

    def text(self, name: str, text: str, key: StyleKey) -> str:
        """A text cell that can never become a formula, in key's style (quote-prefixed when formula-like)."""
        tail, _ = self.ws.text_tail(safe_text(text), self.format(key, is_formula_like(text)))
        return f'{CELL_START}{name}"{tail}'

    def number(self, name: str, value: int | Decimal, key: StyleKey) -> str:
        """A number cell holding value exactly, in key's style."""
        return f'{CELL_START}{name}"{self.attribute(key)}><v>{value}</v></c>'

    def blank(self, name: str, key: StyleKey) -> str | None:
        """An empty cell in key's style; None for the default style (nothing to store)."""
        if self.format(key) is None:
            return None
        return f'{CELL_START}{name}"{self.attribute(key)}/>'


_NONE = object()
"""Marks a Format not made yet (None is the default cell format)."""


def render_statement(ws: ExactSheet, styles: Styles, layout: StatementLayout) -> dict[tuple[int, int], str]:
    """Draw the layout on ws, row by row; returns (source line, column index) -> value cell coordinate."""
    where: dict[tuple[int, int], str] = {}
    line_col = layout.n_columns + 1
    widths = column_widths(layout)
    set_widths(ws, widths)
    sheet = SheetCells(ws, styles, line_col + 1)
    letters = sheet.letters
    for r, row in enumerate(layout.rows):
        lines = wrapped_lines(row, widths)
        if lines > 1:
            ws.set_row(r, LINE_HEIGHT * lines)
        number = str(r + 1)  # the row's number in cell names
        cells: dict[int, str] = {}
        label_key = (label_style, row.kind, row.subtotal, row.depth)
        if row.label:
            cells[0] = sheet.text(letters[0] + number, row.label, label_key)
        elif (blank := sheet.blank(letters[0] + number, label_key)) is not None:
            cells[0] = blank
        for c, cell in enumerate(row.cells, 1):
            if cell is None:
                continue
            name = letters[c] + number
            if cell.value is not None:
                cells[c] = sheet.number(name, excel_number(cell.value), (value_style, cell.number_format, row.subtotal))
                where[(cell.line, c - 1)] = name
                if cell.note:
                    ws.write_comment(r, c, safe_text(cell.note), COMMENT_OPTIONS)
            else:
                cells[c] = sheet.text(name, cell.text, (header_style, row.kind, row.subtotal))
        if row.concepts:
            concept_prompt(ws, r, row, layout.n_columns)
        if row.line:
            cells[line_col] = sheet.number(letters[line_col] + number, row.line, LINE_KEY)
        elif row.kind == "units":
            cells[line_col] = sheet.text(letters[line_col] + number, LINE_HEADER, LINE_KEY)
        ws.store_row(r, cells)
    setup_print(ws, layout)
    return where


def setup_print(ws: Worksheet, layout: StatementLayout) -> None:
    """Frozen labels and headers; the label and value columns printed landscape, one page wide."""
    ws.freeze_panes(layout.first_body_row, 1)
    ws.print_area(0, 0, max(len(layout.rows), 1) - 1, layout.n_columns)
    if layout.first_body_row:
        ws.repeat_rows(0, layout.first_body_row - 1)
    ws.hide_gridlines(2)
    landscape_one_page_wide(ws)


def landscape_one_page_wide(ws: Worksheet) -> None:
    """Print setup for any sheet: landscape, fit to one page wide, numbered pages."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer("&CPage &P of &N")
