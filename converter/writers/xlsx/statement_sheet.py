"""Rendering of a laid-out statement onto a worksheet: styles, comments, panes, widths, print setup."""

from __future__ import annotations

import math
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import Worksheet

from ...memo import text_cache
from .cells import PROMPT_MAX, ExactSheet, Style, StyleMemo, Styles, put_text, safe_text, set_widths
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
HEADER_ALIGN: Style = {"align": "right", "text_wrap": True, "valign": "bottom"}
COMMENT_OPTIONS = {"author": AUTHOR, "width": COMMENT_SIZE[0], "height": COMMENT_SIZE[1]}


def display_text(cell: LayoutCell) -> str:
    """Roughly what a value cell shows, for sizing its column."""
    if cell.value is None:
        return cell.text
    multiplier, divisor, places = shown_scale(cell.number_format)
    shown = abs(cell.value) * multiplier / divisor
    return f"({shown:,.{places}f})"


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
    widths = [float(min(max(label + 2, LABEL_WIDTH[0]), LABEL_WIDTH[1]))]
    for i in range(layout.n_columns):
        texts = [display_text(r.cells[i]) for r in layout.rows if r.cells[i] is not None]
        longest = max((len(t) for t in texts), default=0)
        widths.append(float(min(max(longest + 2, VALUE_WIDTH[0]), VALUE_WIDTH[1])))
    widths.append(float(len(LINE_HEADER) + 2))
    return widths


def wrapped_lines(row: LayoutRow, widths: list[float]) -> int:
    """How many text lines a row needs once its label and header texts wrap in their columns."""
    per_char = SMALL_ROWS.get(row.kind, 1.0)  # small fonts fit more characters in a column
    texts = [(row.label, widths[0])] if row.kind in ("heading", "value") else []
    texts += [(c.text, widths[i + 1]) for i, c in enumerate(row.cells) if c is not None and c.text]
    return max((math.ceil(len(t) * per_char / max(w - 1, 1)) for t, w in texts), default=1)


def label_style(row: LayoutRow) -> Style | None:
    """Font and alignment of a row's label cell."""
    font = BOLD if row.subtotal else STYLE_FONTS.get(row.kind)
    if row.kind not in ("heading", "value"):
        return font
    align: dict[str, object] = {"align": "left", "text_wrap": True, "valign": "bottom"}
    if row.depth > 0:
        align["indent"] = row.depth
    return {**(font or {}), **align}


def value_style(number_format: str, subtotal: bool) -> Style:
    """A value cell's style: its number format, bold with a rule above on a subtotal row."""
    if subtotal:
        return {"num_format": number_format, "bold": True, "top": THIN}
    return {"num_format": number_format}


def clip(text: str, limit: int) -> str:
    """Text cut to at most limit UTF-16 units (Excel counts them), an ellipsis marking a cut."""
    if len(text.encode("utf-16-le")) <= 2 * limit:
        return text
    while len(text.encode("utf-16-le")) > 2 * (limit - 1):
        text = text[:-1]
    return text + "\u2026"


def concept_prompt(ws: ExactSheet, r: int, row: LayoutRow, n_columns: int) -> None:
    """The row's concepts and source line, shown beside any of its value cells when selected (an input
    message: no data restriction, nothing printed)."""
    several = "; " in row.concepts
    message = clip(safe_text(f"{row.concepts}\nSource line {row.line}"), PROMPT_MAX)
    ws.put_prompt(r, 1, r, n_columns, "Concepts" if several else "Concept", message)


def header_style(row: LayoutRow) -> Style:
    """Font, alignment and border of a header row's text cells."""
    font = BOLD if row.subtotal else STYLE_FONTS.get(row.kind)
    text: dict[str, object] = {**HEADER_ALIGN, **(font or {})}
    if row.kind == "units":
        text["bottom"] = THIN
    return text


def render_statement(ws: Worksheet, styles: Styles, layout: StatementLayout) -> dict[tuple[int, int], str]:
    """Draw the layout on ws, row by row; returns (source line, column index) -> value cell coordinate."""
    where: dict[tuple[int, int], str] = {}
    line_col = layout.n_columns + 1
    widths = column_widths(layout)
    set_widths(ws, widths)
    small_grey = styles.get(SMALL_GREY)
    memo = StyleMemo(styles)
    value_formats: dict[tuple[str, bool], Format | None] = {}  # (number format, subtotal) -> its Format
    for r, row in enumerate(layout.rows):
        lines = wrapped_lines(row, widths)
        if lines > 1:
            ws.set_row(r, LINE_HEIGHT * lines)
        label_key = ("label", row.kind, row.subtotal, row.depth)  # all label_style() reads
        if row.label:
            memo.put_text(ws, r, 0, row.label, label_key, lambda row=row: label_style(row))
        else:
            label = memo.format(label_key, lambda row=row: label_style(row))
            if label is not None:
                ws.write_blank(r, 0, None, label)
        for i, cell in enumerate(row.cells):
            if cell is None:
                continue
            c = i + 1
            if cell.value is not None:
                key = (cell.number_format, row.subtotal)
                if key not in value_formats:
                    value_formats[key] = styles.get(value_style(*key))
                ws._write_number(r, c, excel_number(cell.value), value_formats[key])
                where[(cell.line, i)] = xl_rowcol_to_cell_fast(r, c)
                if cell.note:
                    ws.write_comment(r, c, safe_text(cell.note), COMMENT_OPTIONS)
            else:
                memo.put_text(ws, r, c, cell.text, ("header", row.kind, row.subtotal),
                              lambda row=row: header_style(row))
        if row.concepts:
            concept_prompt(ws, r, row, layout.n_columns)
        if row.line:
            ws._write_number(r, line_col, row.line, small_grey)
        elif row.kind == "units":
            put_text(ws, styles, r, line_col, LINE_HEADER, SMALL_GREY)
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
