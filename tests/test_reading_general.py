"""Reading that generalises (issue 12): one test per failure class seen on filings nobody tuned the reader to, each
on a small synthetic table in that layout or an excerpt of a development filing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from converter.mapping.normalise import concept_name, normalise_label
from converter.model import period_text
from converter.pipeline import convert_bytes, convert_file

EXCERPTS = Path(__file__).parent / "fixtures" / "excerpts"
FILINGS = Path(__file__).parent / "fixtures" / "filings"


def _report(name: str):
    return convert_file(EXCERPTS / name)


def _at(report, line: int) -> list:
    return sorted((f for f in report.facts if f.line == line), key=lambda f: f.column)


def _periods(report, line: int) -> list[str]:
    return [period_text(f.period) for f in _at(report, line)]


# 1. Year-only column headers


def test_years_side_by_side_over_one_rule_each_head_their_own_column():
    r = _report("synthetic_years_one_rule.txt")
    assert _periods(r, 6) == ["1993-01-01..1993-12-31", "1992-01-01..1992-12-31", "1991-01-01..1991-12-31"]
    assert [f.dims for f in _at(r, 6)] == [(), (), ()]


def test_bare_years_without_any_fiscal_year_end_are_flagged():
    r = _report("synthetic_years_one_rule.txt")
    assumed = [d for d in r.diagnostics if d.code == "header.fiscal-year-assumed"]
    assert len(assumed) == 3 and all(d.severity == "warning" and "assumed" in d.message for d in assumed)


def test_52_53_week_years_end_on_the_dates_the_filing_prints():
    r = _report("synthetic_52_53_week.txt")
    # the income statement prints only "2000 1999 1998" under "three years ended December 31, 2000"
    assert _periods(r, 17) == ["2000-01-03..2000-12-31", "1999-01-04..2000-01-02", "1997-12-29..1999-01-03"]
    # the balance sheet's "1999" is the year end its caption prints: January 2, 2000
    assert _periods(r, 30) == ["@2000-12-31", "@2000-01-02"]


def test_numeric_month_day_year_headers():
    r = _report("synthetic_numeric_dates.txt")
    assert _periods(r, 6) == ["@2000-04-01", "@2000-01-01"]


def test_quarter_name_columns_under_a_year_centred_over_them():
    r = _report("synthetic_quarter_columns.txt")
    assert _periods(r, 8) == ["1999-01-01..1999-03-31", "1999-04-01..1999-06-30", "1999-07-01..1999-09-30",
                              "1999-10-01..1999-12-31"]
    assert all(f.dims == () for f in _at(r, 8))


def test_quarter_columns_dated_by_a_year_heading_over_the_rows():
    r = convert_bytes(_QUARTERS_BY_ROW_YEAR.encode(), "quarters.txt")
    assert _periods(r, 7) == ["1993-01-01..1993-03-31", "1993-04-01..1993-06-30", "1993-07-01..1993-09-30",
                              "1993-10-01..1993-12-31", "1993-01-01..1993-12-31"]
    assert _periods(r, 10) == ["1992-01-01..1992-03-31", "1992-04-01..1992-06-30", "1992-07-01..1992-09-30",
                               "1992-10-01..1992-12-31", "1992-01-01..1992-12-31"]


_QUARTERS_BY_ROW_YEAR = """\
                 SELECTED QUARTERLY FINANCIAL DATA (in millions of dollars)

                                   First   Second    Third   Fourth
                                 Quarter  Quarter  Quarter  Quarter      Year
                                 -------  -------  -------  -------   -------
1993:
Net Sales                         $2,755   $2,802   $2,862   $2,994   $11,413
Gross Profit                       2,014    2,085    2,099    2,186     8,384
1992:
Net Sales                         $2,641   $2,743   $2,948   $2,824   $11,156
"""


def test_years_with_note_marks_are_a_header_not_a_row():
    r = convert_bytes(_SEGMENTS.encode(), "segments.txt")
    assert _periods(r, 8)[:3] == ["1993-01-01..1993-12-31", "1992-01-01..1992-12-31", "1991-01-01..1991-12-31"]
    assert [f.dims for f in _at(r, 8)][:3] == [(("breakdown", "net_sales"),)] * 3  # "(in millions ...)" is no member
    assert not [f for f in r.facts if f.amount.presented.startswith("1993")]


_SEGMENTS = """\
                    NOTES TO CONSOLIDATED FINANCIAL STATEMENTS
                             (in millions of dollars)

INDUSTRY SEGMENTS                    Net Sales                  Profit
- -----------------           -------------------------  ------------------------
                              1993      1992     1991    1993(a)  1992(b)  1991
                            -------  -------  -------  ------   ------   ------
Pharmaceutical Products     $ 6,524  $ 6,313  $ 5,908  $2,133   $1,584   $1,844
Medical Devices               1,693    1,665    1,559    (24)      305      354
"""


# 3. Periods that live in rows


def test_equity_statement_dated_by_its_balance_rows():
    r = _report("synthetic_52_53_week.txt")
    assert {period_text(f.period) for f in _at(r, 42)} == {"@1997-12-28"}
    assert {period_text(f.period) for f in _at(r, 43)} == {"1997-12-29..1999-01-03"}
    assert {period_text(f.period) for f in _at(r, 48)} == {"@2000-12-31"}
    total = [f for f in _at(r, 42) if f.column == 2]
    assert total and total[0].dims == ()  # "TOTAL EQUITY" is the total column, not a member


def test_balances_dated_at_a_day_of_the_column_period():
    r = convert_bytes(_CASH_AT_DAY.encode(), "cash.txt")
    assert _periods(r, 5) == ["@1992-12-31", "@1991-12-31"]  # "at January 1": the day before each year starts
    assert _periods(r, 7) == ["@1993-12-31", "@1992-12-31"]  # "at December 31"


_CASH_AT_DAY = """\
               STATEMENT OF CASH FLOWS (in millions)

                                              1993        1992
                                            ------      ------
Cash and cash equivalents at January 1      $3,504      $4,958
Net cash provided by operating activities    2,163      (1,454)
Cash and cash equivalents at December 31    $5,667      $3,504
"""


# 4. Unit and scale


def test_per_common_and_common_equivalent_share_is_per_share():
    r = _report("synthetic_per_common_equivalent_share.txt")
    eps = _at(r, 10)
    assert [f.unit.text for f in eps] == ["USD/shares"] * 3
    assert [f.amount.value for f in eps] == [Decimal("2.50"), Decimal("2.25"), Decimal("2.00")]


def test_effect_of_exchange_rate_changes_is_money_not_a_rate():
    r = convert_bytes(_EXCHANGE.encode(), "fx.txt")
    fx = _at(r, 6)
    assert [(f.unit.text, f.amount.value) for f in fx] == [("USD", Decimal("-5006000")), ("USD", Decimal("-2844000"))]
    assert [f.unit.text for f in _at(r, 8)] == ["USD", "USD"]  # the rows below keep their unit too


_EXCHANGE = """\
             CONSOLIDATED STATEMENTS OF CASH FLOWS (DOLLARS IN THOUSANDS)

                                                                  2000        1999
                                                               ---------   ---------
Effect of Exchange Rate Changes on Cash and Cash
  Equivalents...............................................     (5,006)     (2,844)
                                                              ---------   ---------
Net (Decrease) Increase in Cash and Cash Equivalents........     (1,099)     31,085
"""


def test_a_per_share_heading_does_not_hold_for_whole_amounts_after_it():
    r = convert_bytes(_EPS_BLOCK.encode(), "eps.txt")
    assert [f.unit.text for f in _at(r, 7)] == ["USD/shares", "USD/shares"]
    revenues = _at(r, 9)
    assert [(f.unit.text, f.amount.value) for f in revenues] == [("USD", Decimal("2721000000")),
                                                                ("USD", Decimal("2520000000"))]
    assert [f.unit.text for f in _at(r, 10)] == ["shares", "shares"]  # "(in millions)" share counts


_EPS_BLOCK = """\
                      Consolidated Earnings (in millions of dollars)

                                                  2004       2003
                                                  ----       ----
Basic Earnings Per Share-

- - As Reported                                  $ 0.27     $ 0.17

Operating Revenues                               $2,721     $2,520
End of Period Shares Outstanding (in millions)      741        735
"""


# 5. Row structure


def test_wrapped_label_over_one_indented_row_is_one_label_not_a_heading():
    r = convert_bytes(_EXCHANGE.encode(), "fx.txt")
    fx = _at(r, 6)
    assert fx[0].label == "Effect of Exchange Rate Changes on Cash and Cash Equivalents"
    assert _at(r, 8)[0].section == ""  # the row below is under no heading


def test_heading_closes_when_rows_come_back_to_its_indent():
    r = convert_bytes(_HEADING_SCOPE.encode(), "scope.txt")
    assert _at(r, 8)[0].section == "Comprehensive income:"
    assert _at(r, 10)[0].section == ""  # "Cash dividends" is back at the heading's indent


_HEADING_SCOPE = """\
                 STATEMENT OF STOCKHOLDERS' EQUITY (DOLLARS IN THOUSANDS)
                      FOR THE YEAR ENDED DECEMBER 31, 1998

                                                         RETAINED        TOTAL
                                                         EARNINGS       EQUITY
                                                         --------       ------
Comprehensive income:
  Net income...........................................   102,002      102,002
  Other comprehensive income...........................     7,586        7,586
Cash dividends.........................................   (25,408)     (25,408)
"""


def test_a_flush_sector_block_runs_to_the_total_that_names_it():
    r = _report("layout_swapped_markers_sections.txt")
    sections = {f.section for f in r.facts if f.label == "Interest expense"}
    assert len(sections) == 2
    r2 = convert_bytes(_FLUSH_BLOCK.encode(), "flush.txt")
    assert {f.dims for f in _at(r2, 9)} == {(("section", "automotive"),)}  # after the inner subtotal
    assert {f.dims for f in _at(r2, 14)} == {(("section", "financial_services"),)}


_FLUSH_BLOCK = """\
                     BALANCE SHEET (in millions)
                                                      December 31,  December 31,
                                                          1993          1992
                                                     -------------  -----------
Automotive
Cash and cash equivalents                            $  5,667       $  3,504
Marketable securities                                   4,085          5,531
   Total cash and marketable securities                 9,752          9,035
Receivables                                             2,302          2,204
   Total Automotive assets                             12,054         11,239

Financial Services
Cash and cash equivalents                               2,555          3,182
Receivables                                           119,535        106,144
   Total Financial Services assets                    122,090        109,326
"""


def test_line_item_headings_make_no_members_but_distinct_concepts():
    r = convert_bytes(_SALES_COSTS.encode(), "sales.txt")
    products = [f for f in r.facts if f.label == "Products"]
    assert {f.dims for f in products} == {()}
    assert len({f.concept.qname for f in products}) == 2  # sales of products and cost of products stay apart


_SALES_COSTS = """\
                 CONSOLIDATED INCOME STATEMENTS (DOLLARS IN THOUSANDS)

                                                       2000          1999
                                                     --------      --------
Sales:
  Products.........................................  $1,484,275    $1,206,038
  Services.........................................     210,992       157,091
                                                     ----------    ----------
Total Sales........................................   1,695,267     1,363,129
Cost of Sales:
  Products.........................................     917,428       746,417
  Services.........................................      85,768       107,043
                                                     ----------    ----------
Total Cost of Sales................................   1,003,196       853,460
"""


# 6. Table identity


def test_contents_page_numbers_do_not_swallow_the_statement_below():
    r = convert_file(FILINGS / "bms_10-Q_1999-09.txt")
    cash = [f for f in r.facts if f.line == 183]
    assert [period_text(f.period) for f in cash] == ["@1999-09-30", "@1998-12-31"]
    assert [f.amount.value for f in cash] == [Decimal("2455000000"), Decimal("2244000000")]


def test_a_count_in_a_caption_is_label_text_not_a_figure():
    r = convert_file(FILINGS / "bms_10-Q_1999-09.txt")
    assert not [f for f in r.facts if f.amount.value in (Decimal("207218701"), Decimal("207218701000000"))]
    equity = [f for f in r.facts if f.line == 259]
    assert [f.amount.value for f in equity] == [Decimal("8441000000"), Decimal("7576000000")]


def test_a_statement_title_decides_the_kind_and_names_the_table():
    r = convert_file(FILINGS / "amazon_8-K_1998-08.txt")
    kinds = {st.title: st.kind for st in r.statements}
    assert kinds["STATEMENTS OF STOCKHOLDERS' EQUITY"] == "equity"  # its rows ("Net loss") score as income
    assert kinds["CONDENSED STATEMENTS OF CASHFLOWS"] == "cashflow"


def test_a_statement_continued_on_its_next_page_keeps_its_name_and_kind():
    r = convert_file(FILINGS / "amazon_8-K_1998-08.txt")
    titles = [(st.title, st.kind) for st in r.statements]
    assert ("STATEMENTS OF STOCKHOLDERS' EQUITY (continued)", "equity") in titles  # further columns, same rows
    r2 = convert_bytes(_CONTINUED.encode(), "continued.txt")
    assert [(st.title, st.kind) for st in r2.statements] == [
        ("CONSOLIDATED STATEMENT OF CASH FLOWS", "cashflow"), ("CONSOLIDATED STATEMENT OF CASH FLOWS (continued)", "cashflow")]


_CONTINUED = """\
                     CONSOLIDATED STATEMENT OF CASH FLOWS
                              (in millions)
                                                    1999        1998
                                                   ------      ------
Net earnings                                       $1,000      $  900
Depreciation                                          200         180
                                    -12-
<PAGE>
                                                    1999        1998
                                                   ------      ------
Dividends paid                                       (500)       (450)
Net increase in cash                                  700         630
"""


# 2. Dates from the wrong place; note numbers


def test_a_report_date_above_a_balance_sheet_does_not_date_it():
    r = _report("synthetic_auditor_date_above.txt")
    assert _periods(r, 10) == ["@2000-12-31", "@1999-12-31"]  # not February 14, the accountants' report date


def test_a_note_column_holds_references_not_amounts():
    r = _report("synthetic_note_column.txt")
    assert [f.amount.value for f in _at(r, 5)] == [Decimal("1200000"), Decimal("1100000")]
    notes = [d for d in r.diagnostics if d.code == "table.note-column"]
    assert len(notes) == 1 and "1(a), 2, 3" in notes[0].message
    assert not [d for d in r.diagnostics if d.severity == "error"]


def test_a_note_column_under_a_title_line_holds_references_not_amounts():
    r = _report("synthetic_notes_under_a_title_line.txt")
    assert [(f.amount.value, period_text(f.period)) for f in _at(r, 7)] == [
        (Decimal("1234000000"), "1997-04-01..1998-03-31"), (Decimal("1100000000"), "1996-04-01..1997-03-31")]
    assert not any(f.dims for f in r.facts)  # the 1998 column is no second "column 2" of a period the notes share


def test_share_counts_under_shares_of_common_stock_in_a_note_in_millions():
    r = _report("synthetic_share_counts_in_a_note_in_millions.txt")
    assert [(f.unit.text, f.amount.value) for f in _at(r, 10)] == [
        ("shares", Decimal("532673413")), ("shares", Decimal("14689052")), ("USD", Decimal("435000000"))]
    assert [(f.unit.text, f.amount.value) for f in _at(r, 13)] == [("shares", Decimal("11515")),
                                                                  ("shares", Decimal("0")), ("USD", Decimal("0"))]


def test_whole_amounts_below_tables_in_millions_are_read_as_printed():
    r = convert_bytes(_WHOLE_DOLLARS.encode(), "whole.txt")
    assert [f.amount.value for f in _at(r, 11)] == [Decimal("1959128000"), Decimal("1537853000")]
    assert [f.amount.value for f in _at(r, 4)] == [Decimal("9000000000"), Decimal("8000000000")]  # millions kept
    assert any(d.code == "header.scale-implausible" for d in r.diagnostics)


_WHOLE_DOLLARS = """\
                                  (dollars in millions)
                                                1993              1992
                                            --------          --------
Net sales                                    $ 9,000           $ 8,000
Net earnings                                   1,959             1,538


                                                1993              1992
                                      --------------    --------------
Restatement of Earnings:
    Continuing operations           $1,959,128,000    $1,537,853,000
    Net earnings                     1,959,128,000     1,961,698,000
"""


def test_share_counts_at_the_scale_the_caption_gives_them():
    whole = _report("synthetic_except_share_data.txt")  # "(In thousands, except share and per share data)"
    assert [(f.unit.text, f.amount.value) for f in _at(whole, 12)] == [("shares", Decimal("10000000"))] * 2
    assert [f.amount.value for f in _at(whole, 9)] == [Decimal("120000000"), Decimal("100000000")]
    thousands = _report("synthetic_shares_in_thousands.txt")  # "(Dollars in millions, shares in thousands)"
    assert [(f.unit.text, f.amount.value) for f in _at(thousands, 12)] == [("shares", Decimal("100000000"))] * 2
    assert [f.amount.value for f in _at(thousands, 9)] == [Decimal("1200000000"), Decimal("1000000000")]


def test_nil_as_minus_zero_minus_and_negatives_in_angle_brackets_are_cells_not_label_words():
    r = convert_bytes(_ZERO_AND_ANGLES.encode(), "angles.txt")
    assert [f.amount.presented for f in _at(r, 6)] == ["-0-", "(50)", "-0-", "(100)"]
    assert [f.amount.value for f in _at(r, 7)] == [Decimal(-125000), Decimal(75000), Decimal(-250000), Decimal(150000)]
    assert {f.label for f in r.facts} == {"Revenues", "Interest expense", "Other income (expense)"}


_ZERO_AND_ANGLES = """\
                 (in thousands, except per share data)
                              Three months ended June 30,  Six months ended June 30,
                                1998            1997           1998            1997
                              --------        --------       --------        --------
Revenues                      $ 10,000        $  9,000       $ 20,000        $ 18,000
Interest expense                  -0-             (50)           -0-            (100)
Other income (expense)          <125>             75           <250>             150
"""


def test_a_table_printing_no_currency_takes_its_documents_currency():
    r = _report("synthetic_no_currency_sign.txt")
    assert [(f.unit.text, f.amount.value) for f in _at(r, 13)] == [("USD", Decimal("20000000")),
                                                                  ("USD", Decimal("18000000"))]
    assert [d.code for d in r.diagnostics if d.code == "header.currency-carried"] == ["header.currency-carried"]


def test_a_lone_year_over_quarterly_rows_dates_them():
    r = convert_bytes(_QUARTERS_YEAR_LINE.encode(), "q.txt")
    assert _periods(r, 7) == ["1999-01-01..1999-03-31", "1999-04-01..1999-06-30", "1999-07-01..1999-09-30",
                              "1999-10-01..1999-12-31", "1999-01-01..1999-12-31"]


_QUARTERS_YEAR_LINE = """\
                        SELECTED QUARTERLY FINANCIAL INFORMATION
                                              FIRST      SECOND     THIRD      FOURTH
(IN THOUSANDS EXCEPT PER SHARE DATA)         QUARTER    QUARTER    QUARTER    QUARTER       YEAR
------------------------------------         --------   --------   --------   --------   ----------
<S>                                          <C>        <C>        <C>        <C>        <C>
1999
Sales......................................  $402,286   $398,705   $431,863   $462,413   $1,695,267
Net income.................................    16,243     35,573      2,080     36,624       90,520
"""


def test_a_table_printing_no_scale_takes_the_scale_its_ex27_schedule_confirms():
    r = _report("synthetic_scale_from_ex27.txt")
    assets = [f for f in r.facts if f.label == "Total assets" and f.table_id != "ex27"]
    assert [f.amount.value for f in assets] == [Decimal("456789000"), Decimal("420000000")]
    chosen = [d for d in r.diagnostics if d.code == "header.scale-carried"]
    assert len(chosen) == 2 and all("EX-27" in d.message for d in chosen)
    # without the schedule the same tables are read in units, and say so
    text = (EXCERPTS / "synthetic_scale_from_ex27.txt").read_text()
    bare = convert_bytes(text[: text.index("<DOCUMENT>\n<TYPE>EX-27")].encode(), "bare.txt")
    assert [f.amount.value for f in bare.facts if f.label == "Total assets"] == [Decimal("456789"), Decimal("420000")]
    assert [d.code for d in bare.diagnostics].count("header.scale-unstated") == 2


def test_a_roll_forward_by_year_rows_with_dated_balances():
    r = convert_bytes(_SHARES_ROLL.encode(), "shares.txt")
    assert {period_text(f.period) for f in _at(r, 6)} == {"@1990-12-31"}
    assert {period_text(f.period) for f in _at(r, 8)} == {"1991-01-01..1991-12-31"}  # the year labels the row
    assert {period_text(f.period) for f in _at(r, 11)} == {"1991-01-01..1992-12-31"}  # between the balances
    assert {f.unit.text for f in r.facts} == {"shares"}
    assert [f.amount.value for f in _at(r, 8)] == [Decimal("10000000"), Decimal("0")]


_SHARES_ROLL = """\
                               (in millions)

                                Common      Class B
SHARES OF CAPITAL STOCK         Stock        Stock
                               ---------   --------
Issued at December 31, 1990     438          35
Additions
  1991                           10           0
  1992                            6           0
                                ---          --
    Net additions                16           0
                                ---          --
Issued at December 31, 1992     454          35
"""


def test_a_headerless_block_after_a_statement_takes_its_periods():
    r = convert_file(FILINGS / "ford_10-K_1993-12.txt")
    total = _at(r, 4257)  # "Total cash and cash equivalents" in a <TABLE> of its own below the cash flows
    assert [period_text(f.period) for f in total] == ["@1993-12-31", "@1992-12-31", "@1991-12-31"]
    assert [f.dims for f in total] == [(), (), ()]


def test_a_statement_continued_on_its_next_page_is_one_sheet(tmp_path):
    import openpyxl

    from converter.pipeline import write_report

    r = convert_bytes(_CONTINUED.encode(), "continued.txt")
    assert len([st for st in r.statements if st.kind == "cashflow"]) == 2  # two pages read
    write_report(r, tmp_path, ("xlsx",))
    book = openpyxl.load_workbook(next(tmp_path.glob("*.xlsx")))
    assert book.sheetnames[1:3] == ["Cash flows", "Checks"]  # issue 14: one sheet for the statement
    labels = [row[0] for row in book["Cash flows"].iter_rows(values_only=True) if row[0]]
    pages = [st for st in r.statements if st.kind == "cashflow"]
    assert pages[0].rows[0].label in labels and pages[1].rows[-1].label in labels


def test_a_change_column_takes_the_latest_period_it_compares():
    r = _report("synthetic_change_columns.txt")
    assert _periods(r, 9) == ["2004-10-01..2004-12-31", "2003-10-01..2003-12-31", "2004-10-01..2004-12-31",
                              "2004-01-01..2004-12-31", "2003-01-01..2003-12-31", "2004-01-01..2004-12-31"]
    changes = [f for f in _at(r, 9) if f.dims]
    assert [f.amount.value for f in changes] == [Decimal("201E6"), Decimal("717E6")]
    assert [dict(f.dims)["comparison"] for f in changes] == ["vs_2003_12_31", "vs_2003_12_31"]


def test_quarters_of_a_52_53_week_year_are_thirteen_weeks_and_prices_to_the_cent_carry_no_scale():
    r = _report("synthetic_52_53_week.txt")
    # "2000 FISCAL QUARTERS" over "FIRST ... FOURTH": fiscal 2000 runs January 3 to December 31, 2000 (52 weeks)
    assert _periods(r, 60) == ["2000-01-03..2000-04-02", "2000-04-03..2000-07-02", "2000-07-03..2000-10-01",
                               "2000-10-02..2000-12-31"]
    # stock prices printed to the cent under no scale caption: not the thousands of the tables above
    assert [f.amount.value for f in _at(r, 60)] == [Decimal("45.00"), Decimal("68.63"), Decimal("107.00"),
                                                    Decimal("124.94")]
    assert any(d.code == "header.scale-not-carried" for d in r.diagnostics)


def test_a_table_printing_no_scale_takes_the_scale_at_which_it_repeats_the_filing_s_other_tables():
    r = _report("synthetic_scale_from_other_tables.txt")
    first, note = r.statements
    assert [f.amount.value for f in first.facts[:3]] == [Decimal("2905E6"), Decimal("2816E6"), Decimal("2911E6")]
    assert [f.amount.value for f in note.facts[:3]] == [Decimal("2905E6"), Decimal("2816E6"), Decimal("2911E6")]
    assert any("other tables" in d.message for d in r.diagnostics)


def test_a_named_quarter_ends_on_the_period_end_the_filing_prints():
    r = convert_file(FILINGS / "apple_10-Q_1997-03.txt")
    # "Second Quarter 1997" of a 52/53-week filer whose statements print "three months ended March 28, 1997"
    assert _periods(r, 509)[:2] == ["1996-12-28..1997-03-28", "1995-12-30..1996-03-29"]


def test_balances_dated_by_a_day_after_a_comma_are_instants_of_their_column():
    r = _report("synthetic_earnings_and_retained_earnings.txt")
    assert _periods(r, 19) == ["@1994-12-31", "@1993-12-31", "@1992-12-31"]  # "Retained Earnings, January 1"
    assert _periods(r, 22) == ["@1995-12-31", "@1994-12-31", "@1993-12-31"]  # "..., December 31"
    assert {f.concept.qname.local for f in _at(r, 19) + _at(r, 22)} == {"RetainedEarningsAccumulatedDeficit"}


def test_a_subsidiary_s_condensed_statement_is_on_the_legal_entity_axis_and_note_references_are_no_qualifier():
    r = _report("synthetic_subsidiary_and_note_refs.txt")
    parent, subsidiary = r.statements
    assert all(f.dims == () for f in parent.facts)
    assert {f.dims for f in subsidiary.facts} == {(("legal_entity", "subsidiary"),)}
    names = {(f.label, f.table_id): f.concept.qname.local for f in r.facts}
    assert names["Total assets", subsidiary.table_id] == names["Total assets", parent.table_id] == "Assets"
    assert names["Noncurrent liabilities", subsidiary.table_id] == "LiabilitiesNoncurrent"
    # "(Note 9)" points the reader to a note; it does not qualify the line item (a full-label match, not a weak one)
    assert names["Deferred income taxes (Note 9)", parent.table_id] == "DeferredTaxLiabilitiesNoncurrent"
    assert normalise_label("Provision for income taxes (See Note 9)") == "provision for income taxes"
    assert concept_name("Net payable to Automotive (Notes 4 and 16)") == "NetPayableToAutomotive"


def test_bare_grand_totals_of_a_balance_sheet_are_assets_and_liabilities_and_equity_by_its_own_identity():
    r = convert_file(FILINGS / "apple_10-Q_1997-03.txt")
    # no label at all: "$4,487 $5,364" closes the assets (page one) and the liabilities and equity (continued page)
    assert {f.concept.qname.local for f in _at(r, 203)} == {"Assets"}
    assert {f.concept.qname.local for f in _at(r, 255)} == {"LiabilitiesAndStockholdersEquity"}
    assert [f.amount.value for f in _at(r, 255)] == [Decimal("4487E6"), Decimal("5364E6")]


def test_a_bare_year_heading_dates_every_row_below_it_until_the_next_one():
    r = _report("synthetic_year_blocks.txt")
    # "2000" over rows under columns naming no time ("BEFORE-TAX AMOUNT"): the fiscal year, for every row down to
    # the next year heading, also those under a sub-heading ("Unrealized gains on securities:")
    assert _periods(r, 7) == ["2000-01-01..2000-12-31"] * 3
    assert _periods(r, 9) == ["2000-01-01..2000-12-31"] * 3
    assert _periods(r, 18) == ["1999-01-01..1999-12-31"] * 3
    assert [f.amount.value for f in _at(r, 9)] == [Decimal("673E3"), Decimal("-192E3"), Decimal("481E3")]
    # a share price printed to the cent in a table "in thousands" is a price per share, not thousands of dollars
    high = _at(r, 29)
    assert [f.amount.value for f in high] == [Decimal("79.25"), Decimal("68.75"), Decimal("107.00"), Decimal("119.50")]
    assert {(f.unit.numerators, f.unit.denominators) for f in high} == {(("USD",), ("shares",))}


def test_prices_in_fractions_are_figures_and_quarter_rows_take_their_quarter_of_the_column_s_year():
    r = _report("synthetic_fraction_prices.txt")
    assert [f.amount.value for f in _at(r, 7)] == [Decimal("67.25"), Decimal("52.875"), Decimal("90.125"),
                                                   Decimal("75.625")]
    assert [f.amount.presented for f in _at(r, 7)][:1] == ["$67 1/4"]
    assert _periods(r, 8) == ["1993-04-01..1993-06-30"] * 2 + ["1992-04-01..1992-06-30"] * 2
    # a price range row is read (each range a diagnostic: no one number) and does not split its table
    assert [f.amount.value for f in _at(r, 16)] == [Decimal("251506E6"), Decimal("192876E6"), Decimal("166508E6")]
    assert _periods(r, 16) == ["@1993-12-31", "@1992-12-31", "@1991-12-31"]
    assert sum(d.code == "cell.unreadable" and d.span.line == 15 for d in r.diagnostics) == 3


def test_a_historical_column_beside_a_pro_forma_one_is_the_reported_figure():
    r = _report("synthetic_historical_pro_forma.txt")
    historical, pro_forma = _at(r, 8)
    assert historical.dims == () and historical.concept.qname.local == "Revenues"
    assert pro_forma.dims == (("scenario", "pro_forma"),)


def test_a_row_naming_its_year_dates_columns_naming_none_balances_at_its_start_and_end():
    r = _report("synthetic_valuation_schedule.txt")
    assert _periods(r, 15) == ["@1992-12-31", "1993-01-01..1993-12-31", "1993-01-01..1993-12-31", "@1993-12-31"]
    assert _periods(r, 19) == ["@1991-12-31", "1992-01-01..1992-12-31", "1992-01-01..1992-12-31", "@1992-12-31"]
    assert not [d for d in r.diagnostics if d.code == "cell.no-period"]


def test_quarter_rows_under_a_year_heading_are_that_year_s_quarters():
    r = _report("synthetic_quarters_under_years.txt")
    assert _periods(r, 4) == ["1993-10-01..1993-12-31"] * 3
    assert _periods(r, 5) == ["1993-07-01..1993-09-30"] * 3
    assert _periods(r, 7) == ["1992-10-01..1992-12-31"] * 3
    assert all(("section", "1993") not in f.dims for f in _at(r, 4))  # the year is the period, not a member


def test_a_heading_naming_a_period_dates_the_rows_below_it():
    r = _report("synthetic_property_schedule.txt")
    assert _periods(r, 11) == ["@1992-12-31", "1993-01-01..1993-12-31", "1993-01-01..1993-12-31", "@1993-12-31"]
    assert _periods(r, 16) == ["@1991-12-31", "1992-01-01..1992-12-31", "1992-01-01..1992-12-31", "@1992-12-31"]


def test_a_balance_sheet_printed_as_an_assets_page_and_a_liabilities_page_is_one_sheet(tmp_path):
    import openpyxl

    from converter.pipeline import write_report

    r = convert_file(FILINGS / "bms_10-Q_1999-09.txt")  # "CONSOLIDATED BALANCE SHEET - ASSETS", then "... SHEET"
    write_report(r, tmp_path, ("xlsx",))
    book = openpyxl.load_workbook(next(tmp_path.glob("*.xlsx")))
    # the contents page listing the statements (page numbers, no periods) is no balance sheet of its own
    assert book.sheetnames[1:4] == ["Income statement", "Balance sheet", "Cash flows"]
    labels = {row[0] for row in book["Balance sheet"].iter_rows(values_only=True) if row[0]}
    assert {"Total Current Assets", "Total Current Liabilities"} <= labels, sorted(labels)[:20]


def test_a_page_number_above_the_page_break_is_no_figure():
    r = convert_bytes(_FOLIOS.encode(), "folios.txt")
    assert {f.line for f in r.facts} == {4, 5, 11, 12}  # not the "- 45 -" of line 7 nor the "17" of line 14
    assert [f.amount.value for f in _at(r, 12)] == [Decimal("2500000000"), Decimal("2400000000")]


_FOLIOS = """\
                                                (dollars in millions)
                                                    1999        1998
                                                   ------      ------
Net earnings                                       $1,000      $  900
Total                                               3,000       2,000
                                                   ======      ======
                                   -  45  -
<PAGE>
                                                (dollars in millions)
                                                    1999        1998
Current assets                                     $1,500      $1,400
Total assets                                        2,500       2,400

                                      17
<PAGE>
"""


def test_a_figure_missing_a_bracket_is_unreadable_and_figures_left_in_a_label_are_reported():
    r = convert_bytes(_MISPRINTED_ROW.encode(), "misprint.txt")
    assert [f.amount.presented for f in _at(r, 5)] == ["1,012"]  # its row stays a row of the table
    assert [d.message for d in r.diagnostics if d.code == "cell.unreadable"] == ["cannot read '1,027)' as a number"]
    warned = [d for d in r.diagnostics if d.code == "layout.figure-in-label"]
    assert [(d.span.line, d.message.split("'")[1]) for d in warned] == [(7, "2,000"), (7, "1,500")]
    assert {f.line for f in r.facts} == {4, 5, 6, 8}  # the table goes on past the row it could not split


_MISPRINTED_ROW = """\
                                         (dollars in millions)
                                            1997          1996
                                         ---------     ---------
Granted                                   $ (5,296)     $  5,296
Lapsed                                        1,012        1,027)
Exercised                                        -          (686)
Forfeited                                     2,000        1,500  (see note 4)
Balance, end of year                          4,000        3,000
"""


def test_an_equity_statements_share_column_counts_whole_shares_on_share_concepts():
    r = _report("synthetic_equity_statement_with_share_counts.txt")  # "(in thousands, except share data)"
    shares = {(f.line, f.concept.qname.local, f.amount.value) for f in r.facts if f.unit.text == "shares"}
    assert {(9, "SharesOutstanding", Decimal("5000000")), (10, "StockIssuedDuringPeriodSharesNewIssues", Decimal("500000")),
            (14, "StockIssuedDuringPeriodSharesStockOptionsExercised", Decimal("20000")),
            (17, "SharesOutstanding", Decimal("5520000"))} <= shares
    assert [f.amount.value for f in _at(r, 17) if f.unit.text == "USD"][-1] == Decimal("9590000")


def test_a_bracketed_caption_between_header_and_rows_is_the_tables_caption():
    r = _report("synthetic_scale_caption_below_the_header.txt")  # "(Unaudited)" then "(In thousands, ...)"
    assert [f.amount.value for f in _at(r, 11)] == [Decimal("1200000"), Decimal("1500000")]
    assert not any(f.section.startswith("(") for f in r.facts)


def test_a_convenience_translation_column_and_a_lone_note_reference():
    r = _report("synthetic_convenience_translation_with_a_note.txt")  # "1998 RMB  1999 RMB  1999 US$", note "3"
    assert [(f.label, f.unit.text, f.amount.value) for f in _at(r, 9)] == [
        ("Revenues", "CNY", Decimal("1200000000")), ("Revenues", "CNY", Decimal("1500000000")),
        ("Revenues", "USD", Decimal("181200000"))]
    assert [d.code for d in r.diagnostics if d.span and d.span.line == 9] == ["table.note-column"]


def test_a_figure_one_space_from_its_label_in_an_empty_column_is_the_rows_figure():
    r = _report("synthetic_figure_one_space_from_its_label.txt")  # "... cumulative effect of 12,500        11,000"
    assert [(f.label, f.amount.value) for f in _at(r, 10)] == [
        ("Income before income taxes and cumulative effect of accounting change", Decimal("12500000")),
        ("Income before income taxes and cumulative effect of accounting change", Decimal("11000000"))]
    assert [d.code for d in r.diagnostics] == ["layout.glued-figure"]


def test_abbreviated_quarter_columns_under_year_headings_are_quarters():
    r = _report("synthetic_quarters_abbreviated_under_year_headings.txt")  # "1st Qtr ... 4th Qtr" under "1998"
    assert _periods(r, 8) == ["1998-01-01..1998-03-31", "1998-04-01..1998-06-30", "1998-07-01..1998-09-30",
                              "1998-10-01..1998-12-31"]
    assert _periods(r, 13)[0] == "1997-01-01..1997-03-31"


def test_a_statement_heading_over_the_discussion_a_table_interrupts_does_not_title_the_table():
    r = _report("synthetic_statement_heading_over_a_discussion.txt")
    assert [(st.title, st.kind) for st in r.statements] != [("STATEMENT OF FINANCIAL POSITION", "balance")]
    assert all(st.kind != "balance" for st in r.statements)


def test_two_digit_years_and_a_percent_sign_one_space_off():
    r = _report("synthetic_two_digit_years_and_spaced_percent.txt")  # "'98  '97  '96", "40.5 %" (was no table)
    assert _periods(r, 9) == ["1997-07-01..1998-06-30", "1996-07-01..1997-06-30", "1995-07-01..1996-06-30"]
    assert [(f.unit.text, f.amount.value) for f in _at(r, 10)] == [
        ("pure", Decimal("0.405")), ("pure", Decimal("0.398")), ("pure", Decimal("0.381"))]


def test_a_note_reference_beside_a_restated_caption_in_the_header_is_no_row():
    r = _report("synthetic_restated_column_note_reference.txt")  # "(As Restated)  (1)" under the years
    assert {f.label for f in r.facts} == {"Net sales", "Net income"}


def test_a_line_of_justified_prose_ending_with_a_number_is_no_row():
    r = convert_bytes(_JUSTIFIED.encode(), "justified.txt")
    assert {f.line for f in r.facts} == {4, 5}  # not "... Note  7" (line 7) as $7 million for 1995
    from converter.layout.lines import classify_line
    assert classify_line("Reference  is  made  to  Note  2 Acquisitions  and  Divestitures,  Note  7").kind == "text"


_JUSTIFIED = """\
(dollars in millions)            1999      1998      1997      1996      1995
                               -------   -------   -------   -------   -------

Current assets                 $ 9,267   $ 8,782   $ 7,736   $ 7,528   $ 7,018
Total assets                    17,114    16,272    14,977    14,685    13,929

Reference  is  made  to  Note  2 Acquisitions  and  Divestitures,  Note  7
Property,  Plant  and Equipment and Note 15 Litigation, appearing  in  the
"""


def test_a_wrapped_label_is_not_qualified_by_the_row_above_it():
    r = convert_bytes(_WRAPPED_REPEATS.encode(), "wrapped.txt")
    assert {f.label for f in r.facts if f.line in (8, 12)} == {"Exercise of employee stock options and related benefits"}


_WRAPPED_REPEATS = """\
                  CONSOLIDATED STATEMENTS OF STOCKHOLDERS' EQUITY
                                                   (In thousands)
                                                  Common      Retained
                                                   Stock      Earnings
BALANCE, DECEMBER 28, 1997.........             $ 55,000     $ 600,000
Cash dividends ($.56 per share)....                   --      (25,408)
Exercise of employee stock options
  and related benefits.............                6,618            --
BALANCE, JANUARY 3, 1999...........               60,102       623,591
Cash dividends ($.56 per share)....                   --      (27,100)
Exercise of employee stock options
  and related benefits.............                7,100            --
BALANCE, JANUARY 2, 2000...........               67,202       596,491
"""


def test_columns_headed_percent_beside_each_year_are_that_years_percentages():
    r = _report("synthetic_percent_of_sales_columns.txt")  # "1998   %   1997   %", figures without the sign
    assert [(period_text(f.period), f.unit.text, f.amount.value) for f in _at(r, 10)] == [
        ("1998-01-01..1998-12-31", "USD", Decimal("60000000")), ("1998-01-01..1998-12-31", "pure", Decimal("0.600")),
        ("1997-01-01..1997-12-31", "USD", Decimal("55000000")), ("1997-01-01..1997-12-31", "pure", Decimal("0.611"))]
    assert not [d for d in r.diagnostics if d.code in ("cell.no-period", "header.no-period")]


def test_a_table_with_years_down_the_side_and_line_items_across_the_top():
    r = _report("synthetic_years_down_the_side.txt")  # "1998   $10,000   $1,000   $1.00" under "Net Sales ..."
    assert [(f.concept.qname.local, period_text(f.period), f.amount.value) for f in _at(r, 8)] == [
        ("Revenues", "1998-01-01..1998-12-31", Decimal("10000000")),
        ("NetIncomeLoss", "1998-01-01..1998-12-31", Decimal("1000000")),
        ("EarningsPerShareBasic", "1998-01-01..1998-12-31", Decimal("1.00"))]
    assert not [d for d in r.diagnostics if d.code in ("cell.no-period", "header.no-period")]  # its rows date it


# Date headings over rows


def test_a_date_heading_dates_the_rows_below_it_in_columns_naming_no_period():
    r = _report("synthetic_date_headings.txt")
    assert _periods(r, 8) == ["@1995-12-31"] * 4 and _periods(r, 13) == ["@1994-12-31"] * 4
    assert all(("section", "december_31_1995") not in f.dims for f in _at(r, 8))  # told apart by period, no member
    assert not [d for d in r.diagnostics if d.code == "cell.no-period"]
    assert {f.concept.qname.local for f in _at(r, 11)} != {"TotalDecember"}  # a date is no line item to total


def test_a_period_heading_wrapped_over_two_lines_dates_a_roll_forward():
    r = _report("synthetic_date_headings.txt")
    # "For the year ended" / " December 31, 1995" over "Balance at beginning | Additions | Balance at end"
    assert _periods(r, 26) == ["@1994-12-31", "1995-01-01..1995-12-31", "@1995-12-31"]


# Tables of share counts


def _units(report, line: int) -> list[tuple[str, Decimal]]:
    return [(f.unit.text, f.amount.value) for f in _at(report, line)]


def test_a_caption_scaling_only_shares_makes_the_figures_share_counts_and_dollar_figures_money_printed_whole():
    r = _report("synthetic_option_counts.txt")
    # "(shares in thousands)" is the only scale stated, and nothing names a currency over the columns
    assert _units(r, 14) == [("shares", Decimal(1_200_000)), ("shares", Decimal(1_100_000)),
                             ("shares", Decimal(1_000_000))]
    assert _units(r, 19) == [("USD/shares", Decimal("24.13")), ("USD/shares", Decimal("22.50")),
                             ("USD/shares", Decimal("20.10"))]  # "weighted average ... price" is no share count
    assert [u for u, _ in _units(r, 8)] == ["USD/shares"] * 3 and _units(r, 8)[0][1] == Decimal("41.25")


def test_a_figure_joined_to_the_one_above_by_and_keeps_the_table_whole_and_is_reported():
    r = _report("synthetic_option_counts.txt")
    # the "and" line under "$30.00" neither splits the table (its header would be lost) nor labels a row
    assert _periods(r, 13)[0] == "@1994-12-31" and {f.label for f in _at(r, 8)} == {"Option price of new grants"}
    assert not _at(r, 10) and not [d for d in r.diagnostics if d.code == "cell.no-period"]
    joined = [d for d in r.diagnostics if d.code == "cell.joined"]
    assert len(joined) == 1 and joined[0].span.line == 10 and "$24.13" in joined[0].message


def test_rows_naming_their_years_under_a_caption_spanning_several_date_a_valuation_schedule():
    # "FOR THE THREE YEARS ENDED DECEMBER 31, 2000" over the columns, "Year Ended December 31, 1998" on a row:
    # the row's year, its opening and closing balances at that year's ends, its concept from its heading
    r = _report("synthetic_valuation_accounts.txt")
    assert _periods(r, 10) == ["@1997-12-31", "1998-01-01..1998-12-31", "1998-01-01..1998-12-31",
                               "1998-01-01..1998-12-31", "@1998-12-31"]
    assert {f.concept.qname.local for f in _at(r, 14)} <= {"AccruedRestructuringCosts", "AccruedRestructuringCostsAmount"}
    assert not any(d[0] == "section" for f in _at(r, 14) for d in f.dims)


def test_a_row_saying_it_counts_is_a_count_whatever_the_tables_currency():
    r = convert_bytes(b"""                                 1993       1992
                               ------     ------
Payroll                       $13,753    $13,754
Average number of employees   322,213    325,333
""", "employees.txt")
    facts = [f for f in r.facts if f.label == "Average number of employees"]
    assert [(f.unit.text, f.amount.value) for f in facts] == [("employees", 322_213), ("employees", 325_333)]
