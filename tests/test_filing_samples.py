"""Income statement and balance sheet cells of every shared filing, read off the filings by eye (issue 2)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from conftest import FILINGS
from converter.model import period_text
from converter.pipeline import convert_file


@lru_cache(maxsize=None)
def _report(name: str):
    return convert_file(FILINGS / name)


# file, line, printed text, value, period, unit
CELLS = [
    ("sears_8-K_2004-07.txt", 349, "$8,700", "8700000000", "2004-04-04..2004-07-03", "USD"),
    ("sears_8-K_2004-07.txt", 349, "$16,325", "16325000000", "2002-12-29..2003-06-28", "USD"),
    ("sears_8-K_2004-07.txt", 382, "$(806)", "-806000000", "2004-01-04..2004-07-03", "USD"),
    ("sears_8-K_2004-07.txt", 389, "$0.25", "0.25", "2004-04-04..2004-07-03", "USD/shares"),
    # under "EARNINGS/ (LOSS) PER COMMON SHARE" > "Basic" / "Diluted", a row whose label names no unit
    ("sears_8-K_2004-07.txt", 392, "$(3.86)", "-3.86", "2004-01-04..2004-07-03", "USD/shares"),
    ("sears_8-K_2004-07.txt", 402, "$(3.86)", "-3.86", "2004-01-04..2004-07-03", "USD/shares"),
    ("sears_8-K_2004-07.txt", 407, "216.5", "216500000", "2004-04-04..2004-07-03", "shares"),
    ("sears_8-K_2004-07.txt", 418, "$9,057", "9057000000", "@2004-01-03", "USD"),
    ("sears_8-K_2004-07.txt", 465, "(8,740)", "-8740000000", "@2004-07-03", "USD"),
    ("apple_10-Q_1997-03.txt", 116, "$1,601", "1601000000", "1996-12-28..1997-03-28", "USD"),
    ("apple_10-Q_1997-03.txt", 140, "$(828)", "-828000000", "1996-09-28..1997-03-28", "USD"),
    ("apple_10-Q_1997-03.txt", 143, "$(5.64)", "-5.64", "1996-12-28..1997-03-28", "USD/shares"),
    ("apple_10-Q_1997-03.txt", 153, "125,609", "125609000", "1996-12-28..1997-03-28", "shares"),
    ("apple_10-Q_1997-03.txt", 173, "$1,273", "1273000000", "@1997-03-28", "USD"),
    ("apple_10-Q_1997-03.txt", 203, "$5,364", "5364000000", "@1996-09-27", "USD"),
    ("amazon_8-K_1998-08.txt", 347, "$3,086,238", "3086238", "@1997-12-31", "USD"),
    ("amazon_8-K_1998-08.txt", 431, "$742,411", "742411", "1996-06-03..1996-12-31", "USD"),
    ("amazon_8-K_1998-08.txt", 431, "$4,200,103", "4200103", "1997-01-01..1997-12-31", "USD"),
    # the highlights table: its rule lines carry tabs typed in place of spaces (one column each, not eight)
    ("ford_10-K_1993-12.txt", 3702, "$23,511", "23511000000", "1993-10-01..1993-12-31", "USD"),
    ("ford_10-K_1993-12.txt", 3727, "$2,017", "2017000000", "1993-10-01..1993-12-31", "USD"),
    ("ford_10-K_1993-12.txt", 3727, "$5,790", "5790000000", "1992-01-01..1992-12-31", "USD"),
    ("ford_10-K_1993-12.txt", 3856, "$84,407", "84407000000", "1992-01-01..1992-12-31", "USD"),
    ("ford_10-K_1993-12.txt", 3925, "(7,385)", "-7385000000", "1992-01-01..1992-12-31", "USD"),
    ("ford_10-K_1993-12.txt", 4079, "$198,938", "198938000000", "@1993-12-31", "USD"),
    # rows under the heading "AMOUNTS PER SHARE OF COMMON STOCK ..." are per share, though their labels do not say so
    ("ford_10-K_1993-12.txt", 3963, "(14.15)", "-14.15", "1992-01-01..1992-12-31", "USD/shares"),
    ("ford_10-K_1993-12.txt", 3971, "$1.95", "1.95", "1991-01-01..1991-12-31", "USD/shares"),
]


@pytest.mark.parametrize("name,line,printed,value,period,unit", CELLS)
def test_cell(name, line, printed, value, period, unit):
    facts = [f for f in _report(name).facts if f.line == line and f.amount.presented == printed]
    assert facts, f"no fact printed {printed!r} on line {line}"
    got = {(f.amount.value, period_text(f.period), f.unit.text) for f in facts}
    assert (Decimal(value), period, unit) in got


@pytest.mark.parametrize("name", sorted(p.name for p in FILINGS.glob("*.txt")))
def test_every_shared_filing_converts(name):
    report = _report(name)
    assert report.statements, "no table found"
    assert len(report.facts) > 50
