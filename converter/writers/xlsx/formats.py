"""How figures and headers read on a statement sheet: printed-scale number formats, period, breakdown and unit
captions in words."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ...model import Amount, Dims, Duration, Instant, Period, Unit

MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.")
"""Month abbreviations as EDGAR's Financial Report prints them."""

DAYS_PER_MONTH = 30.4375
MONTH_SLACK_DAYS = 8
"""A duration within this many days of a whole number of months reads as months (52 weeks: "12 Months")."""

SCALE_WORDS = {3: "thousands", 6: "millions", 9: "billions"}
"""A printed scale (power of ten) in words."""

_DIGIT = re.compile(r"\d")


def shown_value(amount: Amount) -> Decimal:
    """The figure as printed, with its sign: "(195,477)" in thousands -> -195477."""
    return amount.value.scaleb(-amount.scale)


def excel_number(value: Decimal) -> int | float:
    """A Decimal as the workbook stores it: an int when whole, else the nearest double."""
    return int(value) if value == value.to_integral_value() else float(value)


def number_format(amount: Amount) -> str:
    """An accounting format showing the printed figure as printed: places, parentheses, a "%" sign, dashes.

    "(195,477)" -> ``#,##0_);(#,##0)``; "33.3%" -> ``0.0"%"_);(0.0"%")``; a zero printed "--" keeps its dashes.
    """
    presented = amount.presented
    places = max(0, amount.decimals + amount.scale)
    frac = "." + "0" * places if places else ""
    body = f'0{frac}"%"' if "%" in presented else f"#,##0{frac}"
    fmt = f"{body}_);({body})"
    if amount.value == 0 and not _DIGIT.search(presented):
        fmt += ';"' + presented.strip().replace('"', "") + '"_)'
    return fmt


def day_text(day) -> str:  # type: ignore[no-untyped-def]
    """A date as EDGAR's Financial Report prints it: "Sep. 26, 1997"."""
    return f"{MONTHS[day.month - 1]} {day.day:02d}, {day.year}"


def span_text(period: Duration) -> str:
    """A duration's length: "12 Months", "13 Weeks", "45 Days"."""
    days = (period.end - period.start).days + 1
    months = round(days / DAYS_PER_MONTH)
    if months and abs(days - months * DAYS_PER_MONTH) <= MONTH_SLACK_DAYS:
        return f"{months} Months"
    return f"{days // 7} Weeks" if days % 7 == 0 else f"{days} Days"


def period_heading(period: Period | None) -> str:
    """A column's period on two lines: "3 Months Ended\\nJun. 30, 2004" or "As of\\nDec. 31, 2000"."""
    if isinstance(period, Instant):
        return f"As of\n{day_text(period.date)}"
    if isinstance(period, Duration):
        return f"{span_text(period)} Ended\n{day_text(period.end)}"
    return "Period not read"


_PERIOD_TEXT = re.compile(r"@(\d{4}-\d\d-\d\d)|(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)")


def readable_periods(text: str) -> str:
    """Text with each period code in words: "@2000-12-31" -> "As of Dec. 31, 2000"."""
    def heading(m: re.Match[str]) -> str:
        if m.group(1):
            return period_heading(Instant(date.fromisoformat(m.group(1)))).replace("\n", " ")
        return period_heading(Duration(date.fromisoformat(m.group(2)), date.fromisoformat(m.group(3)))).replace(
            "\n", " ")
    return _PERIOD_TEXT.sub(heading, text)


def words(name: str) -> str:
    """A dimension name in words: "before_exceptional" -> "Before exceptional"."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def dims_caption(dims: Dims) -> str:
    """A column's breakdown in words: "Region: North; Customer: Corporate"."""
    return "; ".join(f"{words(axis)}: {words(member)}" for axis, member in dims)


def scaled(word: str, scale: int) -> str:
    """A unit word with its scale: "GBP thousands", "shares in millions", "minutes x 10^2"."""
    if not scale:
        return word
    return f"{word} {SCALE_WORDS.get(scale) or f'x 10^{scale}'}"


def unit_caption(unit: Unit, scale: int) -> str:
    """A unit and scale in words: "GBP thousands", "GBP per share", "shares in thousands", "percentages"."""
    if unit.numerators == ("pure",):
        return "percentages" if scale == -2 else "ratios"
    if unit.denominators == ("shares",):
        return f"{'*'.join(unit.numerators)} per share"
    if unit.numerators == ("shares",):
        return scaled("shares in", scale) if scale else "shares"
    return scaled(unit.text, scale)


def exception_caption(unit: Unit, scale: int) -> str:
    """The words of an exception to a table's unit: "per-share amounts", "shares in thousands"."""
    return "per-share amounts" if unit.denominators == ("shares",) else unit_caption(unit, scale)
