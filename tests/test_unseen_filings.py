"""Filings nobody developed the reader against (excerpts in fixtures/unseen, SOURCES.md there): each test pins one
error class an analyst found reading them cell by cell, now read right by a general rule."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from converter.model import period_text
from converter.pipeline import convert_file

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


@lru_cache(maxsize=None)
def _report(name: str):
    return convert_file(UNSEEN / name)


def _periods(name: str, line: int) -> list[str]:
    return [period_text(f.period) for f in sorted((f for f in _report(name).facts if f.line == line),
                                                  key=lambda f: f.column)]


def test_earlier_years_of_a_52_53_week_filer_end_on_the_dates_the_filing_prints_elsewhere():
    # "Three fiscal years ended September 29, 1995" over "1995 1994 1993": 1994 ended September 30, 1994 (the balance
    # sheet), 1993 on September 24, 1993 (an equity row printed "Balance at September 25," / " 1992" and so on)
    assert _periods("apple_10-K_1995.txt", 277) == [
        "1994-10-01..1995-09-29", "1993-09-25..1994-09-30", "1992-09-26..1993-09-24"]


def test_six_months_to_date_start_the_day_after_the_printed_year_end_not_26_weeks_back():
    # "Six Months Ended April 1, 2000" in a 53-week year: from September 26, 1999, after the year ended on
    # September 25, 1999 (the balance sheet's other date)
    assert _periods("apple_10-Q_2000.txt", 138)[2] == "1999-09-26..2000-04-01"
    assert _periods("apple_10-Q_2000.txt", 263)[0] == "@1999-09-25"  # cash at the beginning of the period


def _concepts(name: str, line: int) -> list[str]:
    return [f.concept.qname.local for f in sorted((f for f in _report(name).facts if f.line == line),
                                                   key=lambda f: f.column)]


def test_a_scale_caption_printed_left_of_the_years_is_the_tables_not_the_first_columns():
    # "($ in millions except per share amounts)  1995   1994   1993": the caption's "per share" made every 1995
    # figure a per-share amount; it is the table's scale, and only the EPS row is per share
    assert _concepts("mrk_10-K_1995.txt", 109) == ["Revenues"] * 3
    assert [f.amount.value for f in _report("mrk_10-K_1995.txt").facts if f.line == 109][0] == 16_681_100_000
    assert _concepts("mrk_10-K_1995.txt", 128) == ["EarningsPerShareBasic"] * 3


def test_a_caption_row_printing_bare_dollar_signs_does_not_cut_the_balance_sheet_in_two():
    # "COMMITMENTS AND CONTINGENCIES     $        $" between minority interest and stockholders' equity
    assert _periods("wmx-technologies_10-K_1993.txt", 230) == ["@1992-12-31", "@1993-12-31"]
    assert _concepts("wmx-technologies_10-K_1993.txt", 230) == ["RetainedEarningsAccumulatedDeficit"] * 2


def test_an_equity_statements_movements_under_a_dated_balance_row_are_the_years_movements():
    # "BALANCE, JANUARY 1, 1991" with the year's movements indented under it: the balance opens 1991 (the end of
    # December 31, 1990), the movements run over 1991 and are no parts of the balance row
    w = "wmx-technologies_10-K_1993.txt"
    assert _periods(w, 364)[3] == "@1990-12-31" and _periods(w, 366)[3] == "1991-01-01..1991-12-31"
    assert _concepts(w, 366)[3] == "NetIncomeLoss"


def test_a_label_cut_after_ended_runs_on_into_the_date_on_the_line_with_the_figures():
    # "Net loss for year ended" / "December 31, 2006   -   -   ...   (75,593)   (75,593)" is one row, net loss
    assert "NetIncomeLoss" in _concepts("24Holdings_10-KSB_2007.txt", 321)
    assert not [f for f in _report("24Holdings_10-KSB_2007.txt").facts if f.concept.qname.local == "December"]


def test_the_total_column_of_an_equity_statement_headed_total_over_three_lines_is_no_component():
    # "TOTAL" / "SHAREHOLDERS'" / "EQUITY" / "(DEFICIT)" over the last column; rules one space apart under the
    # "PREFERRED STOCK" and "COMMON STOCK" groups are rules, not header words
    columns = next(st for st in _report("24Holdings_10-KSB_2007.txt").statements if st.kind == "equity").columns
    assert columns[-1].header.startswith("TOTAL") and columns[-1].dims == ()
    assert columns[0].header == "PREFERRED STOCK | SHARES"


def test_share_counts_scaled_in_their_label_or_their_heading_are_counts_at_that_scale():
    # "Common and common equivalent shares used in the calculations of earnings per share (in thousands)  123,047"
    k = [f for f in _report("apple_10-K_1995.txt").facts if f.line == 296]
    assert {(f.unit.text, f.amount.value) for f in k if f.column == 0} == {("shares", 123_047_000)}
    # "Shares used in computing earnings per share (in thousands):" over "Basic   162,172"
    q = [f for f in _report("apple_10-Q_2000.txt").facts if f.line == 173 and f.column == 0]
    assert [(f.unit.text, f.amount.value) for f in q] == [("shares", 162_172_000)]


def test_a_privacy_enhanced_messages_dash_escapes_are_undone():
    # RFC 934: "- - basic and diluted" is "- basic and diluted" as typed
    labels = {f.label for f in _report("24Holdings_10-KSB_2007.txt").facts}
    assert not any(label.startswith("- -") for label in labels)


def test_a_stock_class_the_label_names_is_kept_when_the_filers_schedule_files_the_figure_under_another():
    # the 10-Q's EX-27 swaps <COMMON> (150) and <PREFERRED-MANDATORY> (1,419); the balance sheet's labels stand
    assert _concepts("apple_10-Q_2000.txt", 230) == ["PreferredStockValue"] * 2
    assert _concepts("apple_10-Q_2000.txt", 232) == ["CommonStockValue"] * 2


def test_a_balance_sheets_unlabelled_grand_totals_are_total_assets_and_total_liabilities_and_equity():
    # "$23,831.8" closes the assets and again the sheet, both without a label; the last sits under "Common stock"
    assert _concepts("mrk_10-K_1995.txt", 190) == ["Assets"] * 2
    assert _concepts("mrk_10-K_1995.txt", 223) == ["LiabilitiesAndStockholdersEquity"] * 2


def test_a_title_wrapped_after_statement_names_the_statement_and_activity_sections_make_a_cash_flow():
    kinds = {st.first_line: (st.kind, st.title) for st in _report("mrk_10-K_1995.txt").statements}
    # "CONSOLIDATED STATEMENT      Merck & Co., Inc. and Subsidiaries" / "OF RETAINED EARNINGS"
    assert kinds[129] == ("equity", "CONSOLIDATED STATEMENT OF RETAINED EARNINGS")
    # the filer printed the same title over its cash flows: their operating, investing and financing rows decide
    assert kinds[232][0] == "cashflow"


def test_an_ex27_figure_equal_by_chance_does_not_move_a_row_its_label_names():
    # "Accrued compensation and employee benefits  99" beside the schedule's <ALLOWANCES> 99
    assert set(_concepts("apple_10-K_1997.txt", 248)) == {"EmployeeRelatedLiabilitiesCurrent"}


def test_a_wrapped_label_inside_brackets_runs_on_to_the_line_with_the_figures():
    # "Accounts receivable, net of allowance for" / "doubtful accounts of $87 ($87 at September" / "29, 1995)  1,366"
    facts = [f for f in _report("apple_10-Q_1996.txt").facts if f.line == 191]
    assert facts[0].label.startswith("Accounts receivable") and facts[0].concept.qname.local == "AccountsReceivableNetCurrent"


def test_a_heading_closed_by_a_colon_does_not_become_the_label_of_the_single_row_under_it():
    # "Adjustments to reconcile net income (loss) to cash" / " generated by (used for) operations:" over
    # " Depreciation and amortization   88"
    assert set(_concepts("apple_10-Q_1996.txt", 312)) == {"DepreciationDepletionAndAmortization"}


def test_a_52_53_week_filers_three_months_to_a_month_end_are_thirteen_weeks():
    # "Three months ended March 31, 1995" of a filer whose year ended September 29, 1995
    assert _periods("apple_10-Q_1996.txt", 130)[1] == "1994-12-31..1995-03-31"


def test_lettered_note_references_under_a_notes_header_are_no_part_of_the_label():
    # "Rentals and financing        Q      3,731": note Q, under "Notes"
    assert {f.label for f in _report("ibm_10-K405_1997.txt").facts if f.line == 110} == {"Rentals and financing"}
    assert any(d.code == "table.note-column" and d.span.line == 110 for d in _report("ibm_10-K405_1997.txt").diagnostics)


def test_statement_titles_set_in_lower_case_name_their_statements():
    kinds = [(st.kind, st.title) for st in _report("ibm_10-K405_1997.txt").statements]
    assert kinds[0] == ("income", "consolidated statement of earnings")
    assert kinds[3] == ("equity", "consolidated statement of stockholders' equity")


def test_an_equity_statements_stock_group_heads_its_shares_and_amount_columns():
    # "Common Stock" centred over "Shares (in Thousands)" and "Amount"; "Total Share- holders' Equity" is no component
    columns = next(st for st in _report("apple_10-K_1995.txt").statements if st.kind == "equity").columns
    assert (columns[0].unit.text, columns[0].scale) == ("shares", 3)
    assert columns[1].dims == (("breakdown", "common_stock"),) and columns[4].dims == ()


def test_an_equity_statements_closing_balance_row_stays_equity_whatever_its_component_figures_equal():
    # the common stock column's closing $398 equals the EX-27 <COMMON>: the row is still the equity balance
    assert set(_concepts("apple_10-K_1995.txt", 379)) == {"SharesOutstanding", "StockholdersEquity"}
    assert set(_concepts("apple_10-K_1995.txt", 346)) >= {"StockRepurchasedDuringPeriodValue"}  # not a cash payment


def test_a_filer_moving_its_year_end_weekday_has_each_years_printed_end():
    # the header's FISCAL YEAR END is 0930; the years ended September 26, 1997 (a Friday), September 25, 1998 (a
    # Friday) and September 25, 1999 (a Saturday), printed in the equity statement's wrapped balance rows
    assert _periods("apple_10-K_1999.txt", 145) == [
        "1998-09-26..1999-09-25", "1997-09-27..1998-09-25", "1996-09-28..1997-09-26"]


def test_a_balance_row_wrapped_after_its_month_dates_the_equity_statement():
    # "Balances as of September" / "  27, 1996......   --   $ --   124,497 ..."
    assert _periods("apple_10-K_1999.txt", 197)[0] == "@1996-09-27"
    assert not [d for d in _report("apple_10-K_1999.txt").diagnostics if d.code == "cell.no-period"]


def test_a_change_in_an_asset_printed_as_its_effect_on_cash_is_signed_as_the_assets_increase():
    # "Prepaid expenses   27   63   14" among the operating cash flow's changes: a decrease each year
    facts = [f for f in _report("bms_10-K_1994.txt").facts if f.line == 347]
    assert {f.concept.qname.local for f in facts} == {"IncreaseDecreaseInPrepaidExpense"}
    assert sorted(f.amount.value * f.xbrl_sign for f in facts) == [-63_000_000, -27_000_000, -14_000_000]


def test_a_total_named_after_its_own_component_takes_the_concept_they_share():
    # "Interest and other income (expense), net  49" then "Total interest and other income (expense), net  149":
    # the total is the non-operating income; interest and other income is no net interest income
    assert set(_concepts("apple_10-Q_2000.txt", 157)) == {"NonoperatingIncomeExpense"}
    assert set(_concepts("apple_10-Q_2000.txt", 155)) == {"InterestAndOtherIncomeExpenseNet"}  # its own extension


def test_a_note_after_the_cash_flow_statement_does_not_continue_it():
    # "NOTES TO FINANCIAL STATEMENTS" / "NOTE 5 - INCOME TAXES" over a table of the same two years
    statements = _report("24Holdings_10-KSB_2007.txt").statements
    note = next(st for st in statements if st.first_line == 405)
    assert note.title == "NOTE 5 - INCOME TAXES" and note.kind != "cashflow"


def test_an_equity_statement_under_year_headings_dates_its_balance_rows_by_their_labels():
    # "1995" over "Stockholders' equity, January 1, 1995 ... $23,413" and the year's movements, closed by
    # "Stockholders' equity, December 31, 1995"; the last balance row has its facts too
    ibm = "ibm_10-K405_1997.txt"
    assert _periods(ibm, 341)[7] == "@1994-12-31" and _concepts(ibm, 341)[7] == "StockholdersEquity"
    assert _periods(ibm, 342)[-1] == "1995-01-01..1995-12-31"
    assert _periods(ibm, 394)[7] == "@1997-12-31" and [f.dims for f in _report(ibm).facts if f.line == 394][-1] == ()
    # "Preferred stock purchased and retired" / "(13,450 shares)   (1)   (1)": the (1) are figures, not marks
    assert [f.amount.value for f in _report(ibm).facts if f.line == 384][-1] == -1_000_000


def test_year_ends_printed_once_each_on_a_friday_count_once_a_52_53_week_calendar_is_known():
    # "THREE FISCAL YEARS ENDED SEPTEMBER 30, 2000" over "2000 1999 1998"; the equity statement's "Balances as of
    # September 26, 1997" and "September 25, 1998" are Fridays, September 25, 1999 and 30, 2000 Saturdays
    assert _periods("apple_10-K_2000.txt", 278) == [
        "1999-09-26..2000-09-30", "1998-09-26..1999-09-25", "1997-09-27..1998-09-25"]


def test_share_amounts_which_are_in_thousands():
    # "(IN MILLIONS, EXCEPT SHARE AMOUNTS WHICH ARE IN THOUSANDS)" over SHARES columns
    facts = [f for f in _report("apple_10-K_2000.txt").facts if f.line == 327 and f.unit.text == "shares"]
    assert sorted(f.amount.value for f in facts) == [150_000, 255_898_000]


def test_an_equity_header_broken_over_lines_beside_tags_reads_whole():
    # "<TABLE>  Accu-" / "<CAPTION>  mulated  Notes" / "Trans-  Receivable Total" / "lation  from  Share-" ...
    columns = next(st for st in _report("apple_10-K_1994.txt").statements if st.kind == "equity").columns
    headers = [c.header for c in columns]
    assert "Translation" in headers[3] and headers[4].startswith("Notes | Receivable") and headers[5].startswith("Total")
    assert columns[5].dims == () and columns[4].unit is not None  # "Notes ..." heads amounts, not note references


def test_equity_statement_movements_of_the_late_1990s_map_to_their_elements():
    concepts = {f.label: f.concept.qname.local for f in _report("apple_10-K_2000.txt").facts
                if f.unit.text == "USD" and not f.dims}
    assert concepts["Unrealized gain on available-for-sale securities, net of tax"] == \
        "OtherComprehensiveIncomeUnrealizedHoldingGainLossOnSecuritiesArisingDuringPeriodNetOfTax"  # no tax
    assert concepts["Common stock repurchased"] == "StockRepurchasedDuringPeriodValue"
    assert concepts["Tax benefit related to disqualifying dispositions of stock options"] == \
        "AdjustmentsToAdditionalPaidInCapitalTaxEffectFromShareBasedCompensation"
    assert concepts["Total comprehensive income"] == "ComprehensiveIncome"  # no part of the row above it


def test_wording_that_tells_a_row_from_a_look_alike_element():
    # an asset "Non-current debt and equity investments" is no current debt; a book value written off is no sale
    # proceeds; shares issued for services are no cash from an issue
    assert set(_concepts("apple_10-Q_2000.txt", 206)) == {"LongTermInvestments"}
    book = [f for f in _report("apple_10-K_1995.txt").facts if f.label.startswith("Net book value")]
    assert book and all(f.concept.qname.local != "ProceedsFromSaleOfPropertyPlantAndEquipment" for f in book)
    services = [f for f in _report("24Holdings_10-KSB_2007.txt").facts if "for services" in f.label]
    assert {f.concept.qname.local for f in services} == {"IssuanceOfStockAndWarrantsForServicesOrClaims"}


def test_an_unlabelled_total_closes_the_heading_whose_rows_it_adds_up():
    # "Costs and expenses:" rows, then "Special charges:" rows, then "8,151" adding up both: costs and expenses
    assert set(_concepts("apple_10-K_1997.txt", 300)) == {"CostsAndExpenses"}


def test_a_lone_unmapped_row_under_a_heading_is_no_business_segment():
    # "Special charges:" / "Executive bonus   90": a kind of charge, not a segment member of the heading's concept
    bonus = [f for f in _report("apple_10-K_2000.txt").facts if f.label == "Executive bonus"]
    assert bonus and all(not f.dims for f in bonus)


def test_rows_below_the_closing_cash_balance_are_cash_paid():
    # "SUPPLEMENTAL DISCLOSURE OF CASH FLOWS / INFORMATION" / "Income taxes  $ -  $ -" after cash at end of year
    taxes = [f for f in _report("24Holdings_10-KSB_2007.txt").facts if f.label == "Income taxes"]
    assert taxes and {f.concept.qname.local for f in taxes} == {"IncomeTaxesPaid"}


def test_an_equity_statement_dated_by_its_rows_is_the_workbooks_equity_sheet():
    from converter.mapping.load import load_taxonomy
    from converter.writers.xlsx.names import is_primary
    equity = next(st for st in _report("apple_10-K_2000.txt").statements if st.kind == "equity")
    assert all(c.period is None for c in equity.columns) and is_primary(equity, load_taxonomy())


def test_a_statement_of_retained_earnings_rolls_retained_earnings_not_equity():
    # "CONSOLIDATED STATEMENT OF RETAINED EARNINGS": "BALANCE, JANUARY 1" and "BALANCE, DECEMBER 31" rows
    assert set(_concepts("mrk_10-K_1995.txt", 138)) == set(_concepts("mrk_10-K_1995.txt", 144)) == {
        "RetainedEarningsAccumulatedDeficit"}
    assert set(_concepts("mrk_10-K_1995.txt", 221)) == {"StockholdersEquity"}  # the balance sheet keeps its own


def test_whole_numbers_grouped_by_commas_one_space_apart_are_separate_figures():
    # "(in thousands)                 123,734 123,047 118,735": three columns printed edge to edge
    facts = [f for f in _report("apple_10-K_1996.txt").facts if f.line == 145]
    assert [(f.unit.text, f.amount.value) for f in facts] == [
        ("shares", 123_734_000), ("shares", 123_047_000), ("shares", 118_735_000)]


def test_a_column_stands_where_its_figures_end_not_where_its_dashes_are_centred():
    # "OTHER" column: "--" centred under the header on most rows, "$      39" and "(12)" ending further right
    facts = [f for f in _report("apple_10-K_1998.txt").facts if f.line == 192]
    assert [f.amount.value for f in facts][-1] == 39_000_000
    assert not [d for d in _report("apple_10-K_1998.txt").diagnostics if d.code == "layout.extra-cell"]


def test_an_ex27_year_is_the_fiscal_year_the_statements_print():
    # <PERIOD-TYPE> YEAR ending SEP-29-1995 counted back in calendar months started September 30, 1994; the
    # statements' fiscal 1995 started October 1, 1994: one context for one year
    periods = {period_text(f.period) for f in _report("apple_10-K_1995.txt").extra_facts}
    assert "1994-10-01..1995-09-29" in periods and "1994-09-30..1995-09-29" not in periods


def test_two_unlabelled_grand_totals_equal_to_the_schedules_total_assets_are_assets_then_the_other_side():
    # "$5,364" closes the assets and again the liabilities and equity; the EX-27's TOTAL-ASSETS equals both
    assert set(_concepts("apple_10-K_1996.txt", 86)) == {"Assets"}
    assert set(_concepts("apple_10-K_1996.txt", 109)) == {"LiabilitiesAndStockholdersEquity"}


def test_an_amount_column_after_a_stock_classs_shares_column_is_that_stocks_amount():
    # "Common Stock" over "Shares (in thousands)" only, then "Amount": the common stock's amount, not total equity
    columns = next(st for st in _report("apple_10-K_1996.txt").statements if st.kind == "equity").columns
    assert columns[1].dims == (("breakdown", "common_stock"),) and columns[4].dims == ()


def test_a_columns_scale_caption_broken_over_two_lines_is_read_whole():
    # "(IN" over "THOUSANDS)" under "COMMON STOCK | SHARES": share counts in thousands
    columns = next(st for st in _report("apple_10-K_1998.txt").statements if st.kind == "equity").columns
    assert (columns[2].unit.text, columns[2].scale) == ("shares", 3)


def test_cash_flow_activity_headings_are_no_members():
    # "Operations:", "Investments:" and "Financing:" each hold an "Other" row: told apart by activity, not dimension
    assert not [f for f in _report("apple_10-K_1995.txt").facts if any(a == "section" for a, _ in f.dims)]


def test_a_year_in_one_equity_columns_name_is_no_period():
    # "1988 Employee Stock Ownership Plan" beside five undated components: its figures take their rows' periods
    w = "wmx-technologies_10-K_1993.txt"
    assert _periods(w, 364)[5] == "@1990-12-31"
    assert [f.dims for f in _report(w).facts if f.line == 364][5] == (("breakdown", "employee_stock_ownership_plan"),)


def test_a_second_caption_inside_a_table_starts_a_panel_of_its_own():
    # the equity statement's "TOTAL SHAREHOLDERS' EQUITY" column printed as a second <CAPTION> panel below the first
    facts = [f for f in _report("apple_10-K_1998.txt").facts if f.label.startswith("Balances as of September 29, 1995")
             and f.unit.text == "USD" and not f.dims]
    assert [f.amount.value for f in facts] == [2_901_000_000]



def test_cash_flow_payments_are_negated_whichever_way_a_year_went():
    # "Purchases of long-term investments" and the like print outflows in brackets: the XBRL payment is positive
    facts = [f for f in _report("apple_10-K_1995.txt").facts if f.concept.qname.local == "PaymentsToAcquireInvestments"]
    assert facts and all(f.amount.value * f.xbrl_sign > 0 for f in facts if f.amount.value < 0)


def test_operating_cash_before_securities_trading_is_no_operating_total():
    ford = {m.label: m.concept for m in _report("ford_10-K_2002.txt").mappings}
    assert ford["Net cash flows from operating activities"] == "e2x:NetCashProvidedByUsedInOperatingActivities"


def test_a_row_printed_to_the_cent_in_a_table_of_millions_except_per_share_is_per_share():
    # "(in millions, except per share amounts)": "Cash dividends  $1.05  $1.80  $1.88"
    facts = [f for f in _report("ford_10-K_2002.txt").facts if f.line == 129]
    assert [(f.unit.text, f.amount.value) for f in facts][0] == ("USD/shares", Decimal("1.05"))


def test_an_insurance_recoverable_of_a_company_that_is_no_insurer_is_no_reinsurance():
    assert set(_concepts("bms_10-Q_1994.txt", 195)) == {"InsuranceSettlementsReceivable"}
