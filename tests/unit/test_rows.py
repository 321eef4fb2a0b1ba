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
