"""Number formats and unit captions that keep a statement's printed scale and sign convention."""

from __future__ import annotations

import re
from decimal import Decimal

from ...memo import text_cache
from ...model import Amount, Column, Unit

SCALE_WORDS = {3: "'000", 6: " million", 9: " billion"}
"""Caption suffix for a printed scale (GBP'000, USD million)."""

_DIGIT = re.compile(r"\d")


def display_places(amount: Amount) -> int:
    """Digits printed after the decimal point at the printed scale: "293.0" in millions -> 1."""
    return max(0, amount.decimals + amount.scale)


def _literal(text: str) -> str:
    """A number-format literal showing text exactly (each character escaped)."""
    return "".join("\\" + ch for ch in text)


def number_format(amount: Amount) -> str:
    """An accounting format: full value stored, printed scale shown, negatives in parentheses.

    292967000 printed "292,967" in thousands -> ``#,##0,_);(#,##0,)``; "33.3%" -> ``0.0%_);(0.0%)``;
    a zero printed as "--" keeps its dashes through a third section.
    """
    presented = amount.presented
    zero_text = presented.strip() if amount.value == 0 and not _DIGIT.search(presented) else ""
    return accounting_format(display_places(amount), amount.scale, "%" in presented, zero_text)


@text_cache(maxsize=256)
def accounting_format(places: int, scale: int, percent: bool, zero_text: str) -> str:
    """number_format() of an amount with these decimal places, scale, percent sign and text of a zero printed
    without digits ("" for none); made once per distinct combination (a filing has a handful)."""
    frac = "." + "0" * places if places else ""
    if percent and scale == -2:
        body = f"0{frac}%"
    elif scale > 0 and scale % 3 == 0:
        body = f"#,##0{frac}" + "," * (scale // 3)
    else:
        body = f"#,##0{frac}"
    fmt = f"{body}_);({body})"
    if zero_text:
        fmt += ";" + _literal(zero_text) + "_)"
    return fmt


def excel_number(value: Decimal) -> int | Decimal:
    """A value as the workbook stores it exactly: int when integral, else a plain Decimal (no exponent)."""
    if value == value.to_integral_value():
        return int(value)
    return Decimal(format(value.normalize(), "f"))


def unit_caption(unit: Unit | None, scale: int) -> str:
    """A unit and scale as a column caption: GBP'000, USD million, shares'000, %."""
    if unit is None:
        return ""
    text = unit.text
    if text == "pure" and scale == -2:
        return "%"
    if scale in SCALE_WORDS:
        return text + SCALE_WORDS[scale]
    if scale:
        return f"{text} x 10^{scale}"
    return text


def column_caption(column: Column) -> str:
    """The units row entry of one value column."""
    return unit_caption(column.unit, column.scale)


def plain_format(value: Decimal) -> str:
    """A format for a number shown in full: grouped digits, decimals only when it has some."""
    return "#,##0" if value == value.to_integral_value() else "#,##0.##########"
