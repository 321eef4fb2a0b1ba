"""What the whole filing says about time, read once and used as evidence by every table.

Many statements print bare years ("2000  1999  1998") and leave the fiscal year end to the title, the cover page
or the SEC header; a 52/53-week filer's "1999" ended on January 2, 2000, a date printed only in a balance-sheet
caption or an equity roll-forward. The context gathers:

- the fiscal year end (month, day): the SEC header's FISCAL YEAR END, else the cover's "fiscal year ended ...",
  else an EX-27 schedule's <FISCAL-YEAR-END>;
- every full date the filing prints near that month and day after a period phrase ("ended", "as of", "at",
  "balance", or as one of a list of dates or a column header): the fiscal years' actual last days.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from ..model import Duration, Filing, Instant, Period
from ..record import record
from .periods import MONTHS, add_months, date_or_none

FYE_TOLERANCE_DAYS = 7  # a 52/53-week year ends within a week of its nominal month-end
YEAR_DAYS = (357, 374)  # lengths of a fiscal year in days: 52 weeks less a few days to 53 weeks
WEEK_YEAR_DAYS = (364, 371)  # a fiscal year of 52 or 53 whole weeks
WHOLE_WEEK_YEARS = frozenset(WEEK_YEAR_DAYS)  # days between two year ends of a 52/53-week calendar
WEEK_YEAR_END_DAYS = frozenset({4, 5, 6})  # weekdays a 52/53-week year ends on: Friday, Saturday, Sunday
QUARTER_DAYS = (89, 93)  # a calendar quarter's length in days
WEEK_QUARTER_DAYS = 91  # thirteen weeks
YEAR_TO_DATE_DAYS = (175, 280)  # lengths in days of six and nine months to date, 26 weeks less a few days to 40 weeks
MIN_WEEK_END_PRINTS = 2  # times a period end must be printed to fit quarters to it (one mention may be an event)
QUARTER_SLACK_DAYS = 7  # how far before a 52/53-week year's first day its first calendar quarter may start
COVER_LINES = 400  # lines from the top of a document searched for "fiscal year ended ..."

_MONTH_NAMES = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
                r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_FULL_DATE = re.compile(r"\b" + _MONTH_NAMES + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*((?:19|20)\d{2})\b", re.IGNORECASE)
_COVER_FYE = re.compile(r"\b(?:fiscal\s+)?year\s+ended\s*:?\s+" + _MONTH_NAMES + r"\s+(\d{1,2})\s*,?\s*((?:19|20)\d{2})",
                        re.IGNORECASE)
_DATE_CUT = re.compile(r"\b" + _MONTH_NAMES + r"(?:\s+\d{1,2}(?:st|nd|rd|th)?\s*,)?\s*$", re.IGNORECASE)
"""A date cut at the line's end, the rest starting the next line: "Balance at September 25," / " 1992", "Balances as of
September" / "  27, 1996"."""
_PERIOD_WORD = re.compile(r"(?:\b(?:ended|ending|as of|as at|at|balances?|and|through|to)|,|^|(?:19|20)\d\d)\s*$",
                          re.IGNORECASE)
"""What a year-end date follows: a period phrase, a list of dates (the date before it, ending in its year), or nothing
(a column header)."""
_EX27_FYE = re.compile(r"<FISCAL-YEAR-END>\s+([A-Z]{3})-(\d{2})-(\d{4})", re.IGNORECASE)


@record
class FilingContext:
    """The filing-wide facts about time that a table's own header may leave out."""

    fiscal_year_end: tuple[int, int] | None  # (month, day) of the nominal fiscal year end, if known
    fye_source: str  # where it was read: "header", "cover", "ex27" or ""
    printed_year_ends: tuple[date, ...]  # printed dates within FYE_TOLERANCE_DAYS of a nominal year end, sorted
    period_of_report: date | None  # the header's period of report, else the cover's fiscal year end date
    # period ends printed repeatedly a few days off a month end ("March 28"), with how often they are printed
    printed_week_ends: tuple[tuple[date, int], ...] = ()

    @property
    def fye_mmdd(self) -> str:
        """The fiscal year end as the header's "MMDD", or ""."""
        return f"{self.fiscal_year_end[0]:02d}{self.fiscal_year_end[1]:02d}" if self.fiscal_year_end else ""

    def fiscal_label(self, end: date) -> int | None:
        """The fiscal year whose nominal end lies within the tolerance of a date, if any."""
        if self.fiscal_year_end is None:
            return None
        nominal = _nominal_near(end, self.fiscal_year_end)
        return nominal.year if nominal is not None else None

    def settle(self, period: Period, printed: frozenset[date]) -> Period:
        """A period ending at a fiscal year end, fitted to the filing's printed year ends.

        A date the header made up from a bare year and the nominal month-end ("1999" under "years ended December
        31"), or from another year's end ("1994" under "three fiscal years ended September 29, 1995"), moves to
        the year end the filing prints for that year (January 2, 2000; September 30, 1994); a twelve-month duration ending
        at a year end starts the day after the year before ended. A date printed in the header itself stays."""
        end = period.date if isinstance(period, Instant) else period.end
        if isinstance(period, Duration) and end not in printed:
            weeks = self.week_quarter(period)
            if weeks is not None:
                return weeks
        days = (period.end - period.start).days + 1 if isinstance(period, Duration) else 0
        if YEAR_TO_DATE_DAYS[0] <= days <= YEAR_TO_DATE_DAYS[1]:
            return self.year_to_date(period)  # type: ignore[arg-type]
        if QUARTER_DAYS[0] <= days <= QUARTER_DAYS[1] and days != WEEK_QUARTER_DAYS and end in printed \
                and self.week_years():  # "Three months ended March 31, 1995" of a 52/53-week filer: 13 weeks to it
            return Duration(end - timedelta(days=WEEK_QUARTER_DAYS - 1), end)
        fy = self.fiscal_label(end)
        if fy is None:
            return period
        actual = self.year_end(fy)
        if actual is None:
            return period
        if end != actual and end not in printed and (end == self.nominal_year_end(fy) or actual in self.printed_year_ends):
            end = actual  # a made-up end: the nominal month-end, or the anniversary of another year's printed end
        if isinstance(period, Instant):
            return period if end == period.date else Instant(end)
        if end != actual:
            return period
        if YEAR_DAYS[0] <= (period.end - period.start).days + 1 <= YEAR_DAYS[1]:
            whole = self.fiscal_year(fy)
            return whole if whole is not None else period
        return Duration(period.start + (end - period.end), end) if end != period.end else period

    def week_years(self) -> bool:
        """Whether the filing's fiscal years end on a weekday near a month's end (52/53-week years, thirteen-week
        quarters), by a year end it prints short of the month's last day."""
        return any(_short_of_month_end(d) for d in self.printed_year_ends)

    def year_to_date(self, period: Duration) -> Duration:
        """Six or nine months counted back from a period end, as the year to date it is: from the day after the
        printed end of the fiscal year before, when that lies within FYE_TOLERANCE_DAYS of the counted start (a
        53-week year's first quarter runs fourteen weeks)."""
        before = [d for d in self.printed_year_ends
                  if d < period.end and abs((d + timedelta(days=1) - period.start).days) <= FYE_TOLERANCE_DAYS]
        return Duration(before[-1] + timedelta(days=1), period.end) if before else period

    def week_quarter(self, period: Duration) -> Duration | None:
        """A calendar quarter made up from a quarter's name, as the quarter of a 52/53-week fiscal year it names:
        thirteen weeks each from the year's first day, the fourth running to the printed year end (fourteen weeks
        in a 53-week year). None when the period is no quarter or its year is no printed 52/53-week year."""
        if not QUARTER_DAYS[0] <= (period.end - period.start).days + 1 <= QUARTER_DAYS[1]:
            return None
        for fy in (period.end.year, period.end.year + 1):
            whole = self.fiscal_year(fy)
            if whole is None or (whole.end - whole.start).days + 1 not in WEEK_YEAR_DAYS:
                continue
            if whole.end not in self.printed_year_ends:
                continue
            if not whole.start - timedelta(days=QUARTER_SLACK_DAYS) <= period.start <= whole.end:
                continue
            q = min(4, max(1, round((period.end - whole.start).days / 91)))
            start = whole.start + timedelta(days=91 * (q - 1))
            return Duration(start, whole.end if q == 4 else start + timedelta(days=90))
        # a quarter ending a few days from the period end the filing prints ("three months ended March 28, 1997"
        # beside "Second Quarter 1997"): the thirteen weeks to that day
        near = [(n, d) for d, n in self.printed_week_ends if abs((d - period.end).days) <= QUARTER_SLACK_DAYS]
        if near:
            end = max(near)[1]  # the most printed
            return Duration(end - timedelta(days=90), end)
        return None

    def nominal_year_end(self, year: int) -> date | None:
        """The nominal last day of the fiscal year named `year` (None without a known fiscal year end)."""
        if self.fiscal_year_end is None:
            return None
        month, day = self.fiscal_year_end
        return date_or_none(year, month, day) or date_or_none(year, month, 28)

    def year_end(self, year: int) -> date | None:
        """The last day of fiscal year `year`: the printed date nearest its nominal end, else the nominal end."""
        nominal = self.nominal_year_end(year)
        if nominal is None:
            return None
        return snap_year_end(nominal, self.printed_year_ends)

    def fiscal_year(self, year: int) -> Duration | None:
        """Fiscal year `year` as a duration: from the day after the previous year's end to its own end."""
        end = self.year_end(year)
        if end is None:
            return None
        before = self.year_end(year - 1)
        start = before + timedelta(days=1) if before is not None else add_months(end + timedelta(days=1), -12)
        return Duration(start, end)


NO_CONTEXT = FilingContext(None, "", (), None)


def snap_year_end(nominal: date, printed: tuple[date, ...]) -> date:
    """The printed year end within the tolerance of a nominal one, nearest first; the nominal date when none is."""
    near = [d for d in printed if abs((d - nominal).days) <= FYE_TOLERANCE_DAYS]
    return min(near, key=lambda d: (abs((d - nominal).days), d)) if near else nominal


def printed_dates(text: str) -> frozenset[date]:
    """The full dates printed in a text."""
    return frozenset(d for m in _FULL_DATE.finditer(text) if (d := _date_of(m[1], m[2], m[3])) is not None)


_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
"""The letters every month name of _MONTH_NAMES starts with."""


def _may_name_month(line: str) -> bool:
    """Whether _MONTH_NAMES can match in a line: an ASCII line holding no month's first letters (any case) cannot
    (other text is left to the pattern, whose case-blind letters match some non-ASCII ones)."""
    if not line.isascii():
        return True
    low = line.lower()
    for stem in _MONTH_STEMS:
        if stem in low:
            return True
    return False


def read_context(filing: Filing) -> FilingContext:
    """Read the fiscal year end and the printed year-end dates of a filing."""
    fye, source = _header_fye(filing.meta.fiscal_year_end), "header"
    cover = _cover_fye(filing)
    if fye is None and cover is not None:
        fye, source = (cover.month, cover.day), "cover"
    if fye is None:
        fye, source = _ex27_fye(filing), "ex27"
    if fye is None:
        return FilingContext(None, "", (), filing.meta.period_of_report or cover)
    counts: Counter[date] = Counter()
    week_ends: Counter[date] = Counter()
    lines = filing.lines
    for i, line in enumerate(lines):
        # quick tests before the date pattern: every full date holds a year and a month's first three letters
        if not _may_name_month(line):
            continue
        found = [(m.start(), _date_of(m[1], m[2], m[3])) for m in _FULL_DATE.finditer(line)] \
            if "19" in line or "20" in line else []
        cut = _DATE_CUT.search(line) if i + 1 < len(lines) else None
        if cut and (m := _FULL_DATE.match(f"{line[cut.start():]} {lines[i + 1].lstrip()}")):
            found.append((cut.start(), _date_of(m[1], m[2], m[3])))
        for start, d in found:
            if d is None or not _PERIOD_WORD.search(line, 0, start):
                continue
            if _near_nominal(d, fye):
                counts[d] += 1
            if _short_of_month_end(d):
                week_ends[d] += 1
    return FilingContext(fye, source, _year_end_choices(counts, fye), filing.meta.period_of_report or cover,
                         tuple(sorted((d, n) for d, n in week_ends.items() if n >= MIN_WEEK_END_PRINTS)))


def _short_of_month_end(d: date) -> bool:
    """A day within a week before the last of its month (or after the last of the one before): a period end of a
    52/53-week calendar, not a month end."""
    if d.day == 1 or (d + timedelta(days=1)).day == 1:
        return False  # a month's first day starts periods ("effective January 1"); its last ends them by the month
    return (d + timedelta(days=QUARTER_SLACK_DAYS)).month != d.month or d.day <= QUARTER_SLACK_DAYS


def _year_end_choices(counts: Counter[date], fye: tuple[int, int]) -> tuple[date, ...]:
    """One printed date per nominal year end: the most often printed, the nearest to the nominal date on a tie.

    A 52/53-week year ends on the same weekday as a rule, so a date off the nominal month-end counts only on the
    weekday of the year end the filing prints most (a plan "restated as of January 1, 1993" is no year end); once
    such a year end is chosen, a date on another weekday printed again and again, on a weekend or a Friday, or 52 or
    53 whole weeks from a chosen one, counts too (a filer moving its year end from the last Friday to the last
    Saturday of September)."""
    if not counts:
        return ()
    anchor = max(counts, key=lambda d: (counts[d], d))
    by_nominal: dict[date, list[date]] = {}
    for d in counts:
        nominal = _nominal_near(d, fye)
        if nominal is not None and (d == nominal or d.weekday() == anchor.weekday()):
            by_nominal.setdefault(nominal, []).append(d)
    chosen = {n: max(ds, key=lambda d: (counts[d], -abs((d - n).days), d)) for n, ds in by_nominal.items()}
    grown = any(d != n for n, d in chosen.items())  # a 52/53-week filer's
    while grown:
        grown = False
        for d in sorted(counts):
            nominal = _nominal_near(d, fye)
            if nominal is not None and nominal not in chosen and (
                    counts[d] >= MIN_WEEK_END_PRINTS or d.weekday() in WEEK_YEAR_END_DAYS
                    or any(abs((d - c).days) in WHOLE_WEEK_YEARS for c in chosen.values())):
                chosen[nominal] = d
                grown = True
    return tuple(sorted(chosen.values()))


def _nominal_near(d: date, fye: tuple[int, int]) -> date | None:
    """The nominal year end within the tolerance of a date, if any (it may fall in the next or previous year)."""
    for year in (d.year - 1, d.year, d.year + 1):
        n = date_or_none(year, *fye) or date_or_none(year, fye[0], 28)
        if n is not None and abs((d - n).days) <= FYE_TOLERANCE_DAYS:
            return n
    return None


def _near_nominal(d: date, fye: tuple[int, int]) -> bool:
    return _nominal_near(d, fye) is not None


def _date_of(month: str, day: str, year: str) -> date | None:
    mon = MONTHS.get(month.lower().rstrip(".")) or MONTHS.get(month.lower()[:3])
    return date_or_none(int(year), mon, int(day)) if mon else None


def _header_fye(text: str) -> tuple[int, int] | None:
    """(month, day) from a header's "MMDD"."""
    if len(text) == 4 and text.isdigit() and 1 <= int(text[:2]) <= 12 and 1 <= int(text[2:]) <= 31:
        return int(text[:2]), int(text[2:])
    return None


def _cover_fye(filing: Filing) -> date | None:
    """The date of the first "(fiscal) year ended <date>" near the top of a document."""
    for doc in filing.documents:
        lines = filing.lines[doc.first_line - 1: min(doc.last_line, doc.first_line - 1 + COVER_LINES)]
        text = " ".join(" ".join(lines).split())
        m = _COVER_FYE.search(text)
        if m:
            return _date_of(m[1], m[2], m[3])
    return None


def _ex27_fye(filing: Filing) -> tuple[int, int] | None:
    """(month, day) of an EX-27 schedule's <FISCAL-YEAR-END>."""
    for line in filing.lines:
        if "FISCAL-YEAR-END" in line.upper():
            m = _EX27_FYE.search(line)
            if m:
                d = _date_of(m[1], m[2], m[3])
                if d is not None:
                    return d.month, d.day
    return None
