"""Layout features of real EDGAR text tables (issue 6), each on a small excerpt of a shared filing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from converter.model import period_text
from converter.pipeline import convert_bytes, convert_file

EXCERPTS = Path(__file__).parent / "fixtures" / "excerpts"
FILINGS = Path(__file__).parent / "fixtures" / "filings"


def _facts(name: str):
    return convert_file(EXCERPTS / name).facts


def _cell(facts, label: str, column: int):
    hits = [f for f in facts if f.label == label and f.column == column]
    assert hits, f"no fact for {label!r} in column {column}"
    return hits[0]


def test_untagged_table_with_dotted_leaders_and_count_units():
    facts = _facts("layout_untagged_leaders.txt")
    cars = _cell(facts, "Cars", 0)
    assert (cars.amount.value, cars.unit.text, period_text(cars.period)) == (Decimal("8500000"), "vehicles", "1993-01-01..1993-12-31")
    assert _cell(facts, "Total", 4).amount.value == Decimal("14900000")


def test_swapped_markers_and_business_sections_without_double_counting():
    facts = _facts("layout_swapped_markers_sections.txt")
    interest = [f for f in facts if f.label == "Interest expense" and f.column == 0]
    assert sorted(f.amount.value for f in interest) == [Decimal("807000000"), Decimal("6482000000")]
    assert len({f.dims for f in interest}) == 2  # automotive and financial services stay apart
    sales = _cell(facts, "Sales (Note 1)", 2)
    assert (sales.amount.value, period_text(sales.period)) == (Decimal("72051000000"), "1991-01-01..1991-12-31")


def test_tab_indented_table_with_scale_printed_above_it():
    facts = _facts("layout_tabs_scale_above.txt")
    sales = _cell(facts, "Net sales", 3)
    assert (sales.amount.value, sales.unit.text, period_text(sales.period)) == (
        Decimal("5333000000"), "USD", "1995-09-30..1996-03-29")
    rd = _cell(facts, "Research and development", 2)
    assert rd.amount.value == Decimal("290000000")


def test_balance_sheet_with_three_dates_and_dollar_signs_in_their_own_column():
    facts = _facts("layout_three_dates_dollar_column.txt")
    cash = [_cell(facts, "Cash and cash equivalents", j) for j in range(3)]
    assert [(f.amount.value, period_text(f.period)) for f in cash] == [
        (Decimal("3559000000"), "@2004-07-03"), (Decimal("2921000000"), "@2003-06-28"), (Decimal("9057000000"), "@2004-01-03")]


def test_years_printed_oldest_first():
    report = convert_bytes((EXCERPTS / "layout_years_oldest_first.txt").read_bytes(), "x.txt")
    rev = sorted((period_text(f.period), f.amount.value) for f in report.facts if f.label == "Revenues")
    assert rev == [("1991-01-01..1991-12-31", Decimal("1000000")), ("1992-01-01..1992-12-31", Decimal("1200000")),
                   ("1993-01-01..1993-12-31", Decimal("1500000"))]


def test_statements_inside_an_exhibit_of_a_full_submission():
    report = convert_file(FILINGS / "sears_8-K_2004-07.txt")
    assert {st.doc_type for st in report.statements} == {"EX-99"}
    assert report.meta.cik == "319256"
