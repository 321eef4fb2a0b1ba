"""Column header text to periods."""

from __future__ import annotations

from datetime import date

import pytest

from converter.interpret.periods import evidence_to_period, quarter_period, read_evidence
from converter.interpret.units import read_units, shares_scale
from converter.interpret.vocab import load_vocab
from converter.model import Duration, Instant


@pytest.mark.parametrize("text,period", [
    ("Three months ended 30 June 2003", Duration(date(2003, 4, 1), date(2003, 6, 30))),
    ("Six months ended 30 June 2004 GBP'000", Duration(date(2004, 1, 1), date(2004, 6, 30))),
    ("At 31 December 2003", Instant(date(2003, 12, 31))),
    ("For the 13 Weeks Ended July 3, 2004 and June 28, 2003 2003", Duration(date(2003, 3, 30), date(2003, 6, 28))),
    ("THREE MONTHS ENDED March 28, 1997", Duration(date(1996, 12, 28), date(1997, 3, 28))),  # 13 weeks
    ("March 28, 1997 (Unaudited)", Instant(date(1997, 3, 28))),
    ("Q2 03", Duration(date(2003, 4, 1), date(2003, 6, 30))),
    ("Growth Q2 04- Q1 04", Duration(date(2004, 4, 1), date(2004, 6, 30))),
    ("For the Years Ended December 31, 1993, 1992 and 1991 1992", Duration(date(1992, 1, 1), date(1992, 12, 31))),
    ("Year ended December 31, 1997 and period from June 3, 1996 (inception) to December 31, 1996 1996",
     Duration(date(1996, 6, 3), date(1996, 12, 31))),
    ("Period from January 1, 1997 to June 15, 1997", Duration(date(1997, 1, 1), date(1997, 6, 15))),  # no year alone
    ("June 16, 1997 through December 31, 1997", Duration(date(1997, 6, 16), date(1997, 12, 31))),
    ("Cumulative from inception (March 1, 1995) to December 31, 1997", Duration(date(1995, 3, 1), date(1997, 12, 31))),
])
def test_header_periods(text, period):
    assert evidence_to_period(read_evidence(text)) == period


@pytest.mark.parametrize("text", ["1997", "Corporate", "% Growth Actual", ""])
def test_no_period(text):
    assert evidence_to_period(read_evidence(text)) is None


def test_fiscal_quarters_follow_the_fiscal_year_end():
    assert quarter_period(2, 1997, "0930") == Duration(date(1997, 1, 1), date(1997, 3, 31))
    assert quarter_period(1, 1997, "0930") == Duration(date(1996, 10, 1), date(1996, 12, 31))


@pytest.mark.parametrize("text,scale", [
    ("(000 omitted)", 3), ("($000)", 3), ("(000,000 omitted)", 6), ("($000,000)", 6), ("(000's omitted)", 3),
    ("Authorized shares total 1,100,000,000 shares. (In thousands)", 3),  # a figure holding 000,000 is no scale
    ("Note 2000 omitted", None), ("$1,000,000", None),
])
def test_scale_phrases(text, scale):
    assert read_units(text, load_vocab()).scale == scale


@pytest.mark.parametrize("text,scale", [
    ("(In thousands, except share and per share data)", 0), ("(in thousands, except per share data)", None),
    ("(Dollars in millions, shares in thousands, earnings per share in dollars)", 3),
    ("(in thousands, except per-share data)", None), ("(In thousands, except per share amounts and number of shares)", 0),
    ("(Shares in millions)", 6), ("(in thousands of shares)", 3), ("(in thousands except share prices)", None),
])
def test_share_count_scales(text, scale):
    assert shares_scale(text) == scale


@pytest.mark.parametrize("text,currency,scale", [
    ("(In millions of Ps.)", "MXN", 6), ("HK$'000", "HKD", 3), ("NT$ thousands", "TWD", 3), ("RMB million", "CNY", 6),
    ("Rs. million", "INR", 6), ("(Lit. billion)", "ITL", 9), ("US$ million", "USD", 6),
    ("The company won the contract", None, None),  # a word of running text names no currency
])
def test_currencies_of_foreign_filers(text, currency, scale):
    ev = read_units(text, load_vocab())
    assert (ev.currency, ev.scale) == (currency, scale)
