"""Deterministic saving of an openpyxl workbook: fixed document dates and zip entry times."""

from __future__ import annotations

import io
from datetime import date, datetime
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from ...model import Report

EPOCH = datetime(1980, 1, 1)
"""The earliest time a zip entry can carry; used when the report has no date."""


def report_timestamp(report: Report) -> datetime:
    """A fixed time derived from the report (filing date, else period of report), never now()."""
    day: date | None = report.meta.filed or report.meta.period_of_report
    if day is None or day.year < EPOCH.year:
        return EPOCH
    return datetime(day.year, day.month, day.day)


def workbook_bytes(workbook: Workbook, when: datetime) -> bytes:
    """The .xlsx bytes of a workbook; the same workbook and time always give the same bytes."""
    workbook.properties.created = when
    workbook.properties.modified = when
    raw = io.BytesIO()
    with ZipFile(raw, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with ZipFile(raw) as src, ZipFile(out, "w", ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
