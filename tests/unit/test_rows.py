"""Wrapped labels, headings and sections, read from small tables in the layouts of the shared filings."""

from __future__ import annotations

from converter.pipeline import convert_bytes

TABLE = b"""                         Three months ended 30 June
                                2004        2003
                             GBP'000     GBP'000

Turnover                     301,233     292,967

Cost of sales
Interconnect and            (205,028)   (195,477)
network
Network                      (45,736)    (51,616)
depreciation
                            (250,764)   (247,093)

Gross profit                  50,469      45,874
Research and
 development                   1,000         900
"""


def _rows():
    report = convert_bytes(TABLE, "excerpt.txt")
    (st,) = report.statements
    return {r.line: r for r in st.rows if r.row_kind == "value"}, report


def test_labels_wrapped_below_and_above_the_figures_are_joined():
    rows, _ = _rows()
    assert rows[8].label == "Interconnect and network"
    assert rows[10].label == "Network depreciation"
    assert rows[16].label == "Research and development"


def test_sections_and_unlabelled_subtotals():
    rows, _ = _rows()
    assert rows[8].section == "Cost of sales" and rows[12].section == "Cost of sales"
    assert rows[12].label == "" and rows[12].subtotal
    assert rows[14].section == ""


def test_facts_carry_period_unit_and_scale():
    _, report = _rows()
    fact = next(f for f in report.facts if f.line == 8 and f.column == 0)
    assert str(fact.amount.value) in ("-205028000", "-2.05028E+8")
    assert fact.unit.text == "GBP" and fact.amount.decimals == -3
    assert (fact.period.start.isoformat(), fact.period.end.isoformat()) == ("2004-04-01", "2004-06-30")


HEADED = b"""                                          Years Ended December 31
                                                1993        1992
                                            (in millions)
Cash flows from investing
 activities
 Capital expenditures                          (6,714)     (5,697)
 Proceeds from sale and
 leaseback of fixed assets                        884         263
 Other                                            (69)       (492)
                                               ------      ------
   Net cash used in investing activities       (5,899)     (5,926)
Accelerated Depreciation
 resulting from the
 Services transaction                              39          41
Net income                                        100         120
"""


def test_a_wrapped_heading_over_rows_at_its_continuation_indent_is_a_heading_not_a_label_prefix():
    report = convert_bytes(HEADED, "excerpt.txt")
    (st,) = report.statements
    rows = {r.line: r for r in st.rows if r.row_kind == "value"}
    assert rows[6].label == "Capital expenditures"
    assert rows[6].section == "Cash flows from investing activities"
    # a hanging indent whose next row comes back out is one label cut in three
    assert rows[14].label == "Accelerated Depreciation resulting from the Services transaction"


NUMBERED = b"""                                               1996           1995          1994
                                      -------------  ------------- -------------
Restatement of Shares:

(1) Shares used in computing earnings
per share                             1,003,746,162  1,012,140,314 1,017,444,798
(2) Additional shares deemed
outstanding:
(a) Upon issuance pursuant to stock
plans, options and warrants              17,985,314     13,678,552     4,778,406
(b) Upon conversion of preferred
stock                                       129,278        161,316       185,348
                                      -------------  ------------- -------------
(3) Shares assumed to be outstanding
for fully diluted computation         1,021,860,754  1,025,980,182 1,022,408,552
                                      =============  ============= =============
(4) Average market price of Common
Stock during year                            $46.05        $34.445       $27.945
(5) Pro forma fully diluted
earnings per share:                           $2.79         $1.765         $1.80
"""


def test_numbered_items_wide_figures_edge_to_edge_and_share_counts():
    report = convert_bytes(NUMBERED, "excerpt.txt")
    (st,) = report.statements
    rows = {r.line: r for r in st.rows if r.row_kind == "value"}
    # "1,012,140,314 1,017,444,798": two columns one space apart, not a caption's number
    assert [a.value for a in rows[6].amounts] == [1003746162, 1012140314, 1017444798]
    # "(2) ..." starts the next item: it continues no label above it
    assert rows[6].label == "(1) Shares used in computing earnings per share"
    assert rows[10].label == "(a) Upon issuance pursuant to stock plans, options and warrants"
    assert rows[10].section == "(2) Additional shares deemed outstanding:"
    assert rows[18].label == "(4) Average market price of Common Stock during year"
    units = {line: {(a.unit.numerators, a.unit.denominators) for a in rows[line].amounts} for line in (6, 10, 15, 18, 20)}
    assert units[6] == units[10] == units[15] == {(("shares",), ())}  # a list number does not hide "Shares used ..."
    assert units[18] == units[20] == {(("USD",), ("shares",))}  # an average market price is a price, no share count


CAPTION_COUNTS = b"""                                                1999     1998     1997
                                             -------  -------  -------
Total Liabilities                              8,469    8,696    7,758
Common stock, par value of $.10 per share:
     Authorized 4.5 billion shares;  issued
     2,192,970,504  in 1999,  2,188,316,808      219      219      108
     in 1998 and 1,083,253,703 in 1997
Retained earnings                             15,000   12,540   10,950
                                             -------   ------  -------
Total Liabilities and Stockholders' Equity   $23,688  $21,455  $18,816
"""


def test_a_caption_s_count_after_its_comma_is_no_column_and_does_not_split_the_table():
    report = convert_bytes(CAPTION_COUNTS, "excerpt.txt")
    (st,) = report.statements
    rows = {r.line: r for r in st.rows if r.row_kind == "value"}
    assert [a.value for a in rows[6].amounts] == [219, 219, 108]
    assert "2,188,316,808 in 1998" in rows[6].label
    assert [a.value for a in rows[10].amounts] == [23688, 21455, 18816]
    assert all(f.period is not None for f in st.facts) and len(st.facts) == 12


PER_SHARE_COLUMNS = b"""(Dollars in millions, shares in thousands,                    Primary       Fully
earnings per share in dollars)                                earnings     diluted
                                                             per share   per share
                                                             ---------   ---------
Net earnings applicable to common stock                        $ 4,315     $ 4,315
Dividend equivalents applicable to deferred shares                   7           7
                                                               -------     -------
Earnings for per-share calculations                            $ 4,322     $ 4,322
Earnings per share                                               $5.01       $5.00
"""


def test_whole_figures_in_a_per_share_column_printing_cents_elsewhere_are_amounts():
    report = convert_bytes(PER_SHARE_COLUMNS, "excerpt.txt")
    (st,) = report.statements
    rows = {r.line: r for r in st.rows if r.row_kind == "value"}
    units = {line: {(a.unit.numerators, a.unit.denominators) for a in rows[line].amounts} for line in (5, 6, 9)}
    assert units[5] == units[6] == {(("USD",), ())}  # "7" is seven million, not $7 a share
    assert [a.value for a in rows[6].amounts] == [7000000, 7000000]
    assert units[9] == {(("USD",), ("shares",))}
