"""Safe cell writing and sheet naming rules shared by every sheet of the workbook."""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.cell.cell import Cell

from ..safety import is_formula_like, xml_safe
from .formats import excel_number

SHEET_NAME_MAX = 31
"""Excel's limit on a sheet name's length."""

RESERVED_NAMES = ("History",)
"""Names Excel keeps for itself."""

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def put_text(cell: Cell, text: str) -> Cell:
    """Store text that can never become a formula: typed as a string, quote-prefixed when formula-like."""
    cell.value = xml_safe(text)
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True
    return cell


def put_number(cell: Cell, value: Decimal | int, number_format: str = "") -> Cell:
    """Store an exact number as a numeric cell with an optional display format."""
    cell.value = excel_number(Decimal(value))
    if number_format:
        cell.number_format = number_format
    return cell


def put(cell: Cell, value: str | Decimal | int | None, number_format: str = "") -> Cell:
    """Store text or a number; None leaves the cell empty."""
    if value is None:
        return cell
    if isinstance(value, str):
        return put_text(cell, value)
    return put_number(cell, value, number_format)


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
