"""Conversion from a Report into the long facts.csv (one row per fact: gold-file columns, XBRL value, filer)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Callable, TextIO

from ..fsutil import atomic_write_text_stream
from ..mapping.evidence import presented_kinds
from ..model import Duration, Fact, FilingMeta, Period, Report, dims_text
from .csvtext import csv_writer

NATIVE_COLUMNS = (
    "concept", "label", "section", "table_id", "line", "period_type", "start", "end", "unit", "scale",
    "presented", "value", "decimals", "dims", "statement", "column_header",
)
"""The columns the workbook's Facts sheet shares with facts.csv; value is in full units with the printed sign."""

FACTS_COLUMNS = (*NATIVE_COLUMNS, "xbrl_value", "filer", "cik")
"""facts.csv columns: the native ones, the value as the XBRL instance holds it (the concept's balance sign), and
the filer's name and ten-digit CIK on every row."""


def fact_fields(fact: Fact, statement_kind: str = "", header: str = "") -> tuple[str, ...]:
    """One fact as native CSV fields in NATIVE_COLUMNS order (value with the presented sign, in full units)."""
    amount = fact.amount
    kind, start, end = period_fields(fact.period)
    return (str(fact.concept.qname), fact.label, fact.section, fact.table_id, str(amount.span.line), kind, start, end,
            fact.unit.text, str(amount.scale), amount.presented, format_decimal(amount.value), str(amount.decimals),
            dims_text(fact.dims), statement_kind, header)


def period_fields(p: Period) -> tuple[str, str, str]:
    """(period_type, start, end) as native CSV fields: the type, the start (none for an instant), the end."""
    if isinstance(p, Duration):
        return p.kind, p.start.isoformat(), p.end.isoformat()
    return p.kind, "", p.date.isoformat()


def format_decimal(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 293000000, -0.02, 0."""
    if value == 0:
        return "0"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def text_of(write: Callable[[TextIO], None]) -> str:
    """What a text writer writes, as one string (for tests and small outputs)."""
    buf = io.StringIO()
    write(buf)
    return buf.getvalue()


def native_csv_text(report: Report) -> str:
    """The facts.csv content for a report."""
    return text_of(lambda out: write_native_csv(report, out))


def cik_text(meta: FilingMeta) -> str:
    """The filer's CIK as ten digits (as the instance's entity identifier), or "" when unknown."""
    return meta.cik.strip().zfill(10) if meta.cik.strip("0 ") else ""


def write_native_csv(report: Report, out: TextIO) -> None:
    """Write facts.csv rows (FACTS_COLUMNS) to a text file, statement by statement, then the extra facts."""
    writer = csv_writer(out)
    writer.writerow(FACTS_COLUMNS)
    filer = (report.meta.company, cik_text(report.meta))
    kinds = presented_kinds(report.statements)
    placed = [(st.facts, kinds[st.table_id], {c.index: c.header for c in st.columns}) for st in report.statements]
    for facts, kind, headers in [*placed, (report.extra_facts, "", {})]:
        writer.writerows((*fact_fields(f, kind, headers.get(f.column, "")), format_decimal(f.xbrl_value), *filer)
                         for f in facts)


def write_native(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/facts.csv."""
    return [atomic_write_text_stream(out_dir / "facts.csv", lambda fh: write_native_csv(report, fh))]
