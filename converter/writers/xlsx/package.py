"""The workbook file: document dates from the report, fixed zip entry times, memory use bounded for large reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import IO

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ...model import Report

STREAMED_FACTS = 5_000
"""Reports with more facts are streamed row by row through temporary files: an in-memory workbook holds
about 7 KB per fact, a streamed one under 2 KB (links), at some 40% more time."""

EPOCH = datetime(1980, 1, 1)
"""The earliest time a zip entry can carry; used when the report has no date."""

AUTHOR = "edgar2xbrl"
"""The workbook's author and last modifier."""


def report_timestamp(report: Report) -> datetime:
    """A fixed time derived from the report (filing date, else period of report), never now()."""
    day: date | None = report.meta.filed or report.meta.period_of_report
    if day is None or day.year < EPOCH.year:
        return EPOCH
    return datetime(day.year, day.month, day.day)


def new_workbook(target: IO[bytes], when: datetime, title: str, subject: str, streamed: bool) -> Workbook:
    """An empty workbook writing to target on close, its document dates `when`; text cells are never guessed
    as formulas, numbers or URLs. Streamed: rows go to temporary files as written (so must come in order) and
    text is stored inline; else everything is kept in memory and text goes to the shared strings table."""
    book = Workbook(target, {"in_memory": not streamed, "constant_memory": streamed, "strings_to_formulas": False,
                             "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": title, "subject": subject, "author": AUTHOR, "created": when})
    return book


def finish_sheet(ws: Worksheet) -> None:
    """Close a finished sheet's temporary row file (streamed workbooks; XlsxWriter reopens it when saving),
    so a report with thousands of statements never holds thousands of open files."""
    if ws.constant_memory:
        ws._opt_close()
