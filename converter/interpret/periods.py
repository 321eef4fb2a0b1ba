"""Conversion from stacked column-header text into a period: a duration, an instant, or partial evidence.

Headers read like this::

                                      Three months ended 30 June
                      2003         2003        2003           2004        2004
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..memo import text_cache
from ..model import Duration, Instant, Period
from ..record import record

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17,
    "twenty-six": 26, "twenty six": 26, "twenty-seven": 27, "thirty-nine": 39, "forty": 40,
    "fifty-two": 52, "fifty two": 52, "fifty-three": 53, "fifty three": 53,
}
_LEN_RE = re.compile(
    r"\b(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")[\s-]+(months?|weeks?)\b"
)
_YEAR_LEN_RE = re.compile(r"\b(years?|fiscal|twelve months|annual)\b.{0,12}\b(ended|ending|to)\b|\byears? ended\b")
_QUARTER_LEN_RE = re.compile(r"\bquarters? (ended|ending)\b")
_HALF_RE = re.compile(r"\b(half[- ]year|first half|six months)\b")
# _DMY and _YEAR start with what they consume and test the character before afterwards (a digit, then "not a word
# character before it" for \b; "19"/"20", then "not a digit, comma, point, $ or ' before it"): the same matches as
# \b(\d{1,2})... and (?<![\d,.$'])((?:19|20)\d{2})..., but the regex engine can skip ahead to a digit
_DMY = re.compile(r"(\d(?<!\w\d)\d?)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s*((?:19|20)\d{2})?\b")
_MDY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b,?\s*((?:19|20)\d{2})?")
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+((?:19|20)\d{2})\b")
_YEAR = re.compile(r"((?:19|20)(?<![\d,.$'](?:19|20))\d{2})(?![\d,%])")
_SHORT_YEAR = re.compile(r"(?:(?<![\w'])'|\bfy\s*'?)(\d{2})\b")
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_QUARTER = re.compile(r"\b(?:q([1-4])\s*'?((?:19|20)?\d{2})|([1-4])q\s*'?((?:19|20)?\d{2}))\b")
_QUARTER_WORDS = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|qtr\b\.?)"
                            r"(?:\s+(?:of\s+)?((?:19|20)\d{2}))?"
                            r"|\bquarters?\s+(first|second|third|fourth)\b")  # "2000 FISCAL QUARTERS | FIRST"
QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_INSTANT_RE = re.compile(r"\b(at|as at|as of|balance at|balances at)\b")
COMPARISON_RE = re.compile(r"\b(compared (to|with)|vs\.?|versus|change|growth|variance|increase|decrease)\b")


YEAR_HEADING = re.compile(r"^\s*(?:fiscal\s+)?((?:19|20)\d{2})\s*:?\s*$", re.IGNORECASE)
DATE_HEADING = re.compile(r"^\s*(?:(?:balances?\s+)?(?:at|as\s+(?:at|of))\s+)?[a-z]{3,9}\.?\s+\d{1,2},\s*(?:19|20)\d\d"
                          r"\s*:?\s*$", re.IGNORECASE)
"""A heading that is a full date ("December 31, 1993", "As of Sept. 30, 1997:")."""


SPAN_HEADING = re.compile(r"^\s*(?:for\s+the\s+)?(?:fiscal\s+)?(?:year|(?:three|six|nine|twelve)\s+months|quarter|"
                          r"period)\s+(?:ended|ending)\b", re.IGNORECASE)
"""A row label that is a period and nothing else: "For the year ended December 31, 1993", "Year ended June 30, 1996"."""


def is_period_heading(label: str) -> bool:
    """A heading that names a time, not a line item: "1993", "DECEMBER 31, 1993", "For the year ended ..."."""
    return bool(YEAR_HEADING.match(label) or SPAN_HEADING.search(label) or DATE_HEADING.match(label))
"""A heading that is a year and nothing else ("1993", "1993:", "Fiscal 1999"): the year of the rows below it."""

@record
class PeriodEvidence:
    """What a column header says about time, possibly incomplete."""

    months: int | None  # duration length in months, if stated
    weeks: int | None  # duration length in weeks, if stated
    end: date | None  # a full end date, if one could be read
    month_day: tuple[int, int] | None  # month and day without a year
    year: int | None  # a bare year (the column's own)
    quarter: tuple[int, int] | None  # (quarter number, year) from "Q2 2004"
    instant: bool  # the header says "at"/"as of"
    comparison: bool  # the header describes a change between periods
    spans: tuple[Duration, ...] = ()  # explicit "from June 3, 1996 to December 31, 1996" periods


def add_months(d: date, months: int) -> date:
    """Shift a date by whole months, clamping the day."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def date_or_none(y: int, m: int, d: int) -> date | None:
    """A date, or None when the day does not exist."""
    return _safe_date(y, m, d)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year4(text: str) -> int:
    y = int(text)
    return y if y >= 100 else (1900 + y if y >= 50 else 2000 + y)


_DATE_ANY = r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:19|20)\d{2}|\d{1,2}\s+" + _MONTH + r",?\s*(?:19|20)\d{2})"
_FROM_TO = re.compile(r"(?:\bfrom\s+(?:[a-z]+\s+){0,3})?\(?(?P<a>" + _DATE_ANY + r")\)?(?:\s*\([a-z ]+\))?\s+"
                      r"(?:to|through)\s+(?P<b>" + _DATE_ANY + r")")
"""An explicit period: "from June 3, 1996 (inception) to December 31, 1996", "from inception (March 1, 1995) to
December 31, 1997", "January 1, 1997 through June 15, 1997"."""


def _one_date(text: str) -> date | None:
    """The date in a short text such as 'june 3, 1996'."""
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy")):
        m = rx.search(text)
        if m and m[3]:
            day_s, mon_s = (m[2], m[1]) if order == "mdy" else (m[1], m[2])
            mon = MONTHS.get(mon_s.rstrip(".")) or MONTHS.get(mon_s[:3])
            if mon:
                return _safe_date(int(m[3]), mon, int(day_s))
    return None


def _spans(t: str) -> tuple[Duration, ...]:
    """The explicit "from June 3, 1996 to December 31, 1996" periods of a lower-cased, space-folded text."""
    spans: list[Duration] = []
    if " to " in t or " through " in t:  # _FROM_TO holds one of the words
        for m in _FROM_TO.finditer(t):
            a, b = _one_date(m["a"]), _one_date(m["b"])
            if a and b and a < b:
                spans.append(Duration(a, b))
    return tuple(spans)


@text_cache(maxsize=16384)
def read_spans(text: str) -> tuple[Duration, ...]:
    """read_evidence(text).spans, without reading the text's other clues."""
    return _spans(" ".join(text.lower().split()))


@text_cache(maxsize=16384)
def read_evidence(text: str) -> PeriodEvidence:
    """Read every time clue from a column's joined header text (lower-cased inside)."""
    t = " ".join(text.lower().split())
    spans = _spans(t)
    if spans:
        t = _FROM_TO.sub(" ", t)
    months = weeks = None
    m = _LEN_RE.search(t)
    if m:
        n = int(m[1]) if m[1].isdigit() else _NUMBER_WORDS[m[1]]
        if m[2].startswith("month"):
            months = n
        else:
            weeks = n
    elif _QUARTER_LEN_RE.search(t):
        months = 3
    elif _YEAR_LEN_RE.search(t):
        months = 12
    elif _HALF_RE.search(t):
        months = 6
    dates: list[date] = []
    month_day = None
    used: list[tuple[int, int]] = []
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        for mm in rx.finditer(t):
            if any(a <= mm.start() < b for a, b in used):
                continue
            day_s, mon_s, year_s = (mm[1], mm[2], mm[3]) if order == "dmy" else (mm[2], mm[1], mm[3])
            mon = MONTHS.get(mon_s.rstrip(".")) or MONTHS.get(mon_s[:3])
            if mon is None:
                continue
            day = int(day_s)
            used.append((mm.start(), mm.end()))
            if year_s:
                d = _safe_date(int(year_s), mon, day)
                if d:
                    dates.append(d)
            elif month_day is None and 1 <= day <= 31:
                month_day = (mon, day)
    if "/" in t:  # "4/1/00", "12/31/1999": numeric month/day/year
        for mm in NUMERIC_DATE.finditer(t):
            d = _safe_date(_year4(mm[3]), int(mm[1]), int(mm[2]))
            if d is not None:
                dates.append(d)
                used.append((mm.start(), mm.end()))
    if not dates and month_day is None:
        mm2 = _MONTH_YEAR.search(t)
        if mm2:
            mon = MONTHS.get(mm2[1][:3])
            if mon:
                y = int(mm2[2])
                dates.append(date(y, mon, calendar.monthrange(y, mon)[1]))
                used.append((mm2.start(), mm2.end()))
    rest = t
    for a, b in sorted(used, reverse=True):
        rest = rest[:a] + " " * (b - a) + rest[b:]
    quarter = None
    qm = _QUARTER.search(rest)
    if qm:
        q = int(qm[1] or qm[3])
        quarter = (q, _year4(qm[2] or qm[4]))
        rest = rest[: qm.start()] + " " * (qm.end() - qm.start()) + rest[qm.end():]
    elif "quarter" in rest or "qtr" in rest:  # _QUARTER_WORDS names one
        qw = _QUARTER_WORDS.search(rest)
        other_years = _YEAR.findall(rest[: qw.start()] + rest[qw.end():]) if qw else []
        if qw and (qw[2] or other_years):  # "First Quarter 1999", or "1999 | First | Quarter"
            quarter = (QUARTER_ORDINALS[qw[1] or qw[3]], int(qw[2] or other_years[-1]))
    years = [int(y) for y in _YEAR.findall(rest)]
    if not years and ("'" in rest or "fy" in rest):  # "'98", "FY98": a year printed with two digits
        years = [_year4(y) for y in _SHORT_YEAR.findall(rest)]
    end = None
    year = years[-1] if years else None
    if dates:
        if year is not None:
            same = [d for d in dates if d.year == year]
            days = {(d.month, d.day) for d in dates}
            # "For the Years Ended December 31, 1993, 1992 and 1991" over a 1992 column: December 31, 1992
            end = same[0] if same else (_safe_date(year, *days.pop()) if len(days) == 1 else None)
        else:
            end = dates[0] if len(dates) == 1 else None
            if len(dates) > 1:
                end = None
    return PeriodEvidence(
        months=months, weeks=weeks, end=end, month_day=month_day, year=year, quarter=quarter,
        instant=bool(_INSTANT_RE.search(t)) and months is None and weeks is None,
        comparison=bool(COMPARISON_RE.search(t)),
        spans=spans,
    )


def quarter_period(q: int, year: int, fiscal_year_end: str = "") -> Duration:
    """Quarter q of a year ending in the fiscal year-end month (December when unknown)."""
    fye_month = int(fiscal_year_end[:2]) if fiscal_year_end[:2].isdigit() and 1 <= int(fiscal_year_end[:2]) <= 12 else 12
    first = add_months(date(year, fye_month, 1), -3 * (4 - q))
    end = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return Duration(add_months(end + timedelta(days=1), -3), end)


WEEK_QUARTER_MONTHS = {3: 13, 6: 26, 9: 39}
"""Quarters of months and the weeks they hold in a 52/53-week calendar."""


def duration_ending(end: date, months: int | None, weeks: int | None) -> Duration:
    """A duration of whole months or weeks ending on a date (inclusive). Three, six or nine months ending on a day
    that is no month's last ("three months ended March 28, 1997") are the 13, 26 or 39 weeks of a 52/53-week year."""
    if not weeks and months in WEEK_QUARTER_MONTHS and (end + timedelta(days=1)).day != 1:
        weeks = WEEK_QUARTER_MONTHS[months]
    if weeks:
        return Duration(end - timedelta(days=7 * weeks - 1), end)
    return Duration(add_months(end + timedelta(days=1), -(months or 12)), end)


def evidence_to_period(ev: PeriodEvidence, fiscal_year_end: str = "") -> Period | None:
    """Combine clues into a period, or None when the header does not say enough."""
    if ev.year is not None:
        for span in ev.spans:
            if span.end.year == ev.year:
                return span
    elif len(ev.spans) == 1 and not (ev.end or ev.month_day or ev.quarter):
        return ev.spans[0]  # "Period from January 1, 1997 to June 15, 1997": the header is the period
    end = ev.end
    if end is None and ev.month_day and ev.year:
        end = _safe_date(ev.year, ev.month_day[0], ev.month_day[1])
    if end is None and ev.quarter and not (ev.months or ev.weeks):
        return quarter_period(ev.quarter[0], ev.quarter[1], fiscal_year_end)
    if end is None and ev.year and (ev.months or ev.weeks) and len(fiscal_year_end) == 4:
        end = _safe_date(ev.year, int(fiscal_year_end[:2]), int(fiscal_year_end[2:]))
    if end is None:
        return None
    if ev.months or ev.weeks:
        return duration_ending(end, ev.months, ev.weeks)
    return Instant(end)


def period_for_year(year: int, fiscal_year_end: str, instant: bool) -> Period | None:
    """A bare fiscal year column: the year ending on the filer's fiscal year end."""
    if len(fiscal_year_end) != 4 or not fiscal_year_end.isdigit():
        return None
    month, day = int(fiscal_year_end[:2]), int(fiscal_year_end[2:])
    if not 1 <= month <= 12:
        return None
    end = _safe_date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if end is None:
        return None
    return Instant(end) if instant else duration_ending(end, 12, None)
