"""Cover facts: the fiscal year a document's period falls in."""

from __future__ import annotations

from datetime import date

import pytest

from converter.writers.xbrl.cover import fiscal_year


@pytest.mark.parametrize("fye,end,year", [
    ("0927", date(1997, 3, 28), 1997),  # a 10-Q's second quarter of the year ending September 1997
    ("0927", date(1996, 12, 27), 1997),  # its first quarter, in calendar 1996
    ("0927", date(1997, 9, 28), 1997),  # a 52/53-week year a day past its nominal end
    ("1231", date(1997, 12, 31), 1997),
    ("1231", date(1998, 1, 2), 1997),  # a 52/53-week year "ended December 31" on January 2
    ("0630", date(1999, 9, 30), 2000),
    ("", date(1998, 1, 31), 1998),  # no fiscal year end known: the calendar year
])
def test_fiscal_year_focus(fye: str, end: date, year: int) -> None:
    assert fiscal_year(fye, end) == year
