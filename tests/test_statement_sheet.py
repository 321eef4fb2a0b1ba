"""Statement sheet helpers that stand in for slower exact forms (converter/writers/xlsx/statement_sheet.py)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, strategies as st

from converter.writers.xlsx.layout import LayoutCell
from converter.writers.xlsx.statement_sheet import display_length, shown_scale

FORMATS = ["#,##0,_);(#,##0,)", "#,##0,_);(#,##0,);\\-\\-_)", "#,##0_);(#,##0)", "#,##0.0,,_);(#,##0.0,,)",
           "#,##0.00_);(#,##0.00)", "#,##0.000,,,_);(#,##0.000,,,)", "0%_);(0%)", "0.0%_);(0.0%)"]


def shown_text(cell: LayoutCell) -> str:
    """What a value cell shows under its number format, formatted in full."""
    multiplier, divisor, places = shown_scale(cell.number_format)
    return f"({abs(cell.value) * multiplier / divisor:,.{places}f})"


@given(st.integers(-10**30, 10**30), st.integers(-12, 12), st.sampled_from(FORMATS))
@example(9995, -1, "#,##0_);(#,##0)")  # rounds up to a fourth digit and a comma
@example(-5, -1, "#,##0_);(#,##0)")  # rounds half to even, to zero
@example(0, 5, "#,##0.00_);(#,##0.00)")  # a zero with a positive exponent
@example(999_999_999_999_999_999_999_999_999_9, 0, "0%_);(0%)")  # more digits than the context keeps
def test_display_length_counts_the_formatted_value(digits: int, exponent: int, number_format: str) -> None:
    cell = LayoutCell(value=Decimal(digits).scaleb(exponent), number_format=number_format)
    assert display_length(cell) == len(shown_text(cell))


def test_display_length_of_text_is_its_length() -> None:
    assert display_length(LayoutCell(text="2004-04-01..2004-06-30")) == 22
