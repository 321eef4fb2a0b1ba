"""Cells to exact numbers, and lines to label plus cells."""

from __future__ import annotations

from decimal import Decimal

import pytest

from converter.interpret.numbers import amount_decimals, parse_number, scaled_value, split_line


@pytest.mark.parametrize("text,number,places,percent,currency", [
    ("(1,590,218)", "-1590218", 0, False, ""),
    ("292,967", "292967", 0, False, ""),
    ("$(708)", "-708", 0, False, "$"),
    ("(.07)", "-0.07", 2, False, ""),
    ("33.3%", "33.3", 1, True, ""),
    ("(10%)", "-10", 0, True, ""),
    ("GBP(0.02)", "-0.02", 2, False, "GBP"),
    ("GBP0.00", "0.00", 2, False, "GBP"),
    ("--", "0", 0, False, ""),
    ("-", "0", 0, False, ""),
    ("nil", "0", 0, False, ""),
    ("$---", "0", 0, False, "$"),
    ("-0-", "0", 0, False, ""),
    ("$-0-", "0", 0, False, "$"),
    ("<1,250>", "-1250", 0, False, ""),
    ("1,500-", "-1500", 0, False, ""),
    ("(2)%", "-2", 0, True, ""),
])
def test_parse_number(text, number, places, percent, currency):
    p = parse_number(text)
    assert p is not None
    assert p.number == Decimal(number) and p.places == places and p.percent is percent and p.currency == currency


@pytest.mark.parametrize("text", ["1996)", "(1,234", "abc", "12a", "143,57", "<1%", "(125>", "-1,500-", "(1,500)-"])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,scale,value,decimals", [
    ("(195,477)", 3, "-195477000", -3),
    ("293.0", 6, "293000000", -5),
    ("GBP(0.02)", 0, "-0.02", 2),
    ("33.3%", -2, "0.333", 3),
    ("1,490", 6, "1490000000", -6),
])
def test_scaled_value_and_decimals(text, scale, value, decimals):
    p = parse_number(text)
    assert scaled_value(p, scale) == Decimal(value)
    assert amount_decimals(p.places, scale, False) == decimals


@pytest.mark.parametrize("line,label,cells", [
    ("Interconnect and   (195,477)        --       (195,477)", "Interconnect and", ["(195,477)", "--", "(195,477)"]),
    ("     Merchandise sales and services     $8,700  $ 8,851", "Merchandise sales and services", ["$8,700", "$8,851"]),
    ("EBITDA (1)                                  37.9      38.3", "EBITDA (1)", ["37.9", "38.3"]),
    ("September 27, 1996)                  1,149            1,496", "September 27, 1996)", ["1,149", "1,496"]),
    ("accounts of $96 ($91 at", "accounts of $96 ($91 at", []),
    ("Tel: +44 (0) 20 7390 3681", "Tel: +44 (0) 20 7390 3681", []),
    ("Basic     GBP(0.02)  $(0.04) GBP(0.05)", "Basic", ["GBP(0.02)", "$(0.04)", "GBP(0.05)"]),
    ("Cars.......................        8.5   8.2", "Cars", ["8.5", "8.2"]),
    ("Gross margin         $    303     $  (421)       NM", "Gross margin", ["$303", "$(421)", "NM"]),
    ("  Canada     126,297    143,57    147,712", "Canada", ["126,297", "143,57", "147,712"]),
])
def test_split_line(line, label, cells):
    sp = split_line(line)
    assert sp.label == label
    assert [c.text for c in sp.cells] == cells


def test_a_figure_with_a_letter_footnote_mark_is_a_figure():
    # "$   463a/", "$   (840)d/": the footnote style of older filings; the table must not break at that row
    assert parse_number("463a/").number == 463
    assert parse_number("(840)d/").number == -840
    assert parse_number("a/") is None and parse_number("1/2") is None


def test_prices_in_fractions_are_exact():
    # halves to sixty-fourths of the last printed digit: "$.21 1/2" is 21 1/2 cents; "58  1/2" printed with two spaces
    assert parse_number("92 3/4").number == Decimal("92.75")
    assert parse_number("$.21 1/2").number == Decimal("0.215")
    assert parse_number("58__1/2").number == Decimal("58.5")
    assert parse_number("44 29/32").number == Decimal("44.90625")
    assert parse_number("1 1/3") is None  # thirds have no exact decimal: not read as a figure


def test_a_footnote_mark_after_a_figure_and_a_fraction_three_spaces_out_are_no_label_words():
    # "$ 2,591 (a)" in a schedule of borrowings; "$45   1/8" in a table of stock prices: before, the whole row up
    # to the last figure was read as its label and its other figures were lost
    sp = split_line("    Commercial paper             $  708       3.36%      $ 2,943   $ 2,591 (a)     3.11%")
    assert sp.label == "Commercial paper" and [c.text for c in sp.cells] == ["$708", "3.36%", "$2,943", "$2,591", "3.11%"]
    assert split_line("Cash (a)     1,234   2,345").label == "Cash (a)"  # a mark after a label stays in it
    from converter.layout.lines import classify_line
    line = classify_line("First Quarter               $69  1/4  $53  1/4   $45   1/8   $40  9/16")
    assert line.split.label == "First Quarter"
    assert [parse_number(c.text).number for c in line.split.cells] == [
        Decimal("69.25"), Decimal("53.25"), Decimal("45.125"), Decimal("40.5625")]


def test_footnote_marks_in_a_figures_place_or_after_it_keep_the_row_split():
    # Ford's ratio table: "1.5   f/   g/   1.2   1.7" (marks for "see note f") and "18.8 c/   20.6   16.5"
    sp = split_line("   charges                                 1.5          f/           g/         1.2        1.7")
    assert sp.label == "charges" and [c.text for c in sp.cells] == ["1.5", "f/", "g/", "1.2", "1.7"]
    assert parse_number("f/") is None  # a placeholder: it holds its column and states no number
    sp = split_line("  Outstanding at end of period                  18.8 c/     20.6        16.5")
    assert sp.label == "Outstanding at end of period" and [c.text for c in sp.cells] == ["18.8", "20.6", "16.5"]


def test_a_ratio_printed_as_times_is_an_unreadable_cell_not_label_text():
    sp = split_line("Ratio of earnings to fixed charges       2.5x      3.1x")
    assert sp.label == "Ratio of earnings to fixed charges" and [c.text for c in sp.cells] == ["2.5x", "3.1x"]
    assert parse_number("2.5x") is None  # reported as unreadable, its row kept in the table


def test_a_percent_two_spaces_off_a_star_after_a_figure_and_a_range_keep_the_row_split():
    assert [c.text for c in split_line("Nonprescription Health Products     685    669      2  %    12 %").cells] == [
        "685", "669", "2%", "12%"]
    assert [c.text for c in split_line("   Periodic Reassessments    2,500    8,000    10,500 **").cells] == [
        "2,500", "8,000", "10,500"]
    assert split_line("   Time sales and loans    39,678    41,410-40,685    36,131").label == "Time sales and loans"
    assert parse_number("41,410-40,685") is None  # a range: an unreadable cell, reported
