"""Conversion from a Report into the long facts.csv (one row per fact, gold-file columns)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable, TextIO

from ..fsutil import atomic_write_text_stream
from ..model import Duration, Fact, Report, dims_text

NATIVE_COLUMNS = (
    "concept", "label", "section", "table_id", "line", "period_type", "start", "end", "unit", "scale",
    "presented", "value", "decimals", "dims", "statement", "column_header",
)


def fact_fields(fact: Fact, statement_kind: str = "", header: str = "") -> tuple[str, ...]:
    """One fact as native CSV fields in NATIVE_COLUMNS order (value with the presented sign, in full units)."""
    p = fact.period
    amount = fact.amount
    if isinstance(p, Duration):
        start, end = p.start.isoformat(), p.end.isoformat()
    else:
        start, end = "", p.date.isoformat()
    return (str(fact.concept.qname), fact.label, fact.section, fact.table_id, str(amount.span.line), p.kind, start, end,
            fact.unit.text, str(amount.scale), amount.presented, format_decimal(amount.value), str(amount.decimals),
            dims_text(fact.dims) if fact.dims else "", statement_kind, header)


def fact_row(fact: Fact, statement_kind: str = "", header: str = "") -> dict[str, str]:
    """One fact as native CSV fields by column name."""
    return dict(zip(NATIVE_COLUMNS, fact_fields(fact, statement_kind, header)))


def format_decimal(value) -> str:  # type: ignore[no-untyped-def]
    """Plain decimal text without exponent or trailing zeros: 293000000, -0.02, 0."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def text_of(write: Callable[[TextIO], None]) -> str:
    """What a text writer writes, as one string (for tests and small outputs)."""
    buf = io.StringIO()
    write(buf)
    return buf.getvalue()


def native_csv_text(report: Report) -> str:
    """The facts.csv content for a report."""
    return text_of(lambda out: write_native_csv(report, out))


def write_native_csv(report: Report, out: TextIO) -> None:
    """Write facts.csv rows to a text file, one statement at a time (a large report is never held as text)."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(NATIVE_COLUMNS)
    for st in report.statements:
        headers = {c.index: c.header for c in st.columns}
        w.writerows([fact_fields(f, st.kind, headers.get(f.column, "")) for f in st.facts])
    w.writerows([fact_fields(f, "", "") for f in report.extra_facts])


def write_native(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/facts.csv."""
    return [atomic_write_text_stream(out_dir / "facts.csv", lambda fh: write_native_csv(report, fh))]
