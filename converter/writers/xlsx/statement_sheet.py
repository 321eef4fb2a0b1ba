"""Rendering of a laid-out statement onto a worksheet: styles, comments, panes, widths, print setup."""

from __future__ import annotations

import math
from decimal import Decimal

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .cells import put_number, put_text
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
"""Width and height of a value comment box, in points."""

THIN = Side(style="thin")
GREY = "FF666666"
FONT = "Calibri"
"""The workbook's font (openpyxl's default), named on every styled cell so renderers do not substitute."""

BOLD = Font(name=FONT, bold=True)
SMALL_GREY = Font(name=FONT, size=8, color=GREY)
STYLE_FONTS = {
    "title": Font(name=FONT, bold=True, size=13),
    "company": BOLD,
    "period": Font(name=FONT, italic=True, size=9, color=GREY),
    "periods": Font(name=FONT, italic=True, size=8, color=GREY),
    "dims": Font(name=FONT, italic=True, size=8, color=GREY),
    "units": BOLD,
    "header": BOLD,
    "heading": BOLD,
}


def display_text(cell: LayoutCell) -> str:
    """Roughly what a value cell shows, for sizing its column."""
    if cell.value is None:
        return cell.text
    core = cell.number_format.split(";")[0].replace("_)", "")
    percent = core.endswith("%")
    core = core.rstrip("%")
    scaling = len(core) - len(core.rstrip(","))
    places = len(core.rstrip(",").split(".")[1]) if "." in core else 0
    shown = abs(cell.value) * (100 if percent else 1) / (Decimal(1000) ** scaling)
    return f"({shown:,.{places}f})"


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


def render_statement(ws: Worksheet, layout: StatementLayout) -> dict[tuple[int, int], str]:
    """Draw the layout on ws; returns (source line, column index) -> value cell coordinate."""
    where: dict[tuple[int, int], str] = {}
    line_col = layout.n_columns + 2
    for r, row in enumerate(layout.rows, start=1):
        font = STYLE_FONTS.get(row.kind)
        if row.subtotal:
            font = BOLD
        label = put_text(ws.cell(r, 1), row.label) if row.label else ws.cell(r, 1)
        if font is not None:
            label.font = font
        if row.kind in ("heading", "value"):
            label.alignment = Alignment(horizontal="left", indent=max(row.depth, 0), wrap_text=True,
                                        vertical="bottom")
        for i, cell in enumerate(row.cells):
            if cell is None:
                continue
            target = ws.cell(r, i + 2)
            if cell.value is not None:
                put_number(target, cell.value, cell.number_format)
                where[(cell.line, i)] = target.coordinate
                if cell.note:
                    target.comment = Comment(cell.note, AUTHOR, width=COMMENT_SIZE[0], height=COMMENT_SIZE[1])
                if row.subtotal:
                    target.font = BOLD
                    target.border = Border(top=THIN)
            else:
                put_text(target, cell.text)
                target.alignment = Alignment(horizontal="right", wrap_text=True, vertical="bottom")
                if font is not None:
                    target.font = font
                if row.kind == "units":
                    target.border = Border(bottom=THIN)
        if row.line:
            ws.cell(r, line_col, row.line).font = SMALL_GREY
        elif row.kind == "units":
            put_text(ws.cell(r, line_col), LINE_HEADER).font = SMALL_GREY
    widths = column_widths(layout)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, row in enumerate(layout.rows, start=1):
        lines = wrapped_lines(row, widths)
        if lines > 1:
            ws.row_dimensions[r].height = LINE_HEIGHT * lines
    setup_print(ws, layout)
    return where


def setup_print(ws: Worksheet, layout: StatementLayout) -> None:
    """Frozen labels and headers; the label and value columns printed landscape, one page wide."""
    ws.freeze_panes = ws.cell(layout.first_body_row + 1, 2).coordinate
    ws.print_area = f"A1:{get_column_letter(layout.n_columns + 1)}{len(layout.rows)}"
    ws.print_title_rows = f"1:{layout.first_body_row}"
    ws.sheet_view.showGridLines = False
    landscape_one_page_wide(ws)


def landscape_one_page_wide(ws: Worksheet) -> None:
    """Print setup for any sheet: landscape, fit to one page wide, numbered pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Page &P of &N"
