"""The workbook's cell formats by name, each made once through XlsxWriter's add_format, and the print setup."""

from __future__ import annotations

from typing import Any

from ..safety import FORMULA_TRIGGERS, is_formula_like, xml_safe

GREY = "#666666"
THIN = 1
"""XlsxWriter's code of a thin border line."""

STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 13},
    "bold": {"bold": True},
    "caption": {"italic": True, "font_size": 9, "font_color": GREY},
    "unit_line": {"bold": True, "text_wrap": True, "valign": "bottom", "bottom": THIN},
    "header": {"bold": True, "align": "center", "text_wrap": True, "valign": "bottom", "bottom": THIN},
    "line_header": {"font_size": 8, "font_color": GREY, "align": "right", "valign": "bottom", "bottom": THIN},
    "label": {"text_wrap": True, "valign": "bottom"},
    "figure": {},
    "line": {"font_size": 8, "font_color": GREY},
    "link": {"font_color": "#0563C1", "underline": 1},
    "plain": {},
    "number": {"num_format": "#,##0.##########"},
    "ok": {"bg_color": "#C6EFCE", "font_color": "#006100"},
    "failed": {"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True},
    "undetermined": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
}
"""Named cell styles as XlsxWriter format properties."""

PLAIN_START = "".join(FORMULA_TRIGGERS) + " <"
"""First characters of text that text() writes with care: a formula-like text (after spaces) is quoted, one like
rich-string markup written in fragments."""

FAILED_FIGURE = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
"""How a figure involved in a failed check is highlighted."""


class Styles:
    """The workbook's formats, made on first use and shared by every sheet."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.made: dict[tuple[Any, ...], Any] = {}

    def get(self, name: str, num_format: str = "", bold: bool = False, indent: int = 0, failed: bool = False,
            quoted: bool = False) -> Any:
        """The format of a named style with a number format, bold, an indent, a failed-check fill or a quote
        prefix added."""
        key = (name, num_format, bold, indent, failed, quoted)
        if key not in self.made:
            props = dict(STYLES[name])
            if num_format:
                props["num_format"] = num_format
            if bold:
                props.update({"bold": True, "top": THIN} if name == "figure" else {"bold": True})
            if indent:
                props["indent"] = indent
            if failed:
                props.update(FAILED_FIGURE)
            if quoted:
                props["quote_prefix"] = True
            self.made[key] = self.book.add_format(props)
        return self.made[key]

    def text(self, ws: Any, row: int, col: int, text: str, name: str = "plain", **options: Any) -> None:
        """Write text that stays text (a formula-like text keeps a quote prefix); empty text leaves the cell blank
        in its style."""
        if text and text[0] not in PLAIN_START and text.isascii() and text.isprintable():  # the usual text, as it is
            ws.write_string(row, col, text, self.get(name, **options) if options or name != "plain" else None)
            return
        if not text:
            if name != "plain":
                ws.write_blank(row, col, None, self.get(name, **options))
            return
        if not (text.isascii() and text.isprintable()):
            text = xml_safe(text)
        quoted = is_formula_like(text)
        fmt = self.get(name, quoted=quoted, **options) if quoted or options or name != "plain" else None
        if text.startswith("<r>") and text.endswith("</r>"):  # XlsxWriter would store it as rich-text markup
            ws.write_rich_string(row, col, text[:1], text[1:2], text[2:], fmt)  # as fragments it is escaped
        else:
            ws.write_string(row, col, text, fmt)


def print_setup(ws: Any) -> None:
    """Landscape, one page wide, centred, numbered pages."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer("&CPage &P of &N")
