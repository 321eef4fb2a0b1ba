"""Conversion from a Report into the long facts.csv (one row per fact, gold-file columns)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..fsutil import atomic_write_text
from ..model import Duration, Fact, Instant, Report, dims_text

NATIVE_COLUMNS = (
    "concept", "label", "section", "table_id", "line", "period_type", "start", "end", "unit", "scale",
    "presented", "value", "decimals", "dims", "statement", "column_header",
)


def fact_row(fact: Fact, statement_kind: str = "", header: str = "") -> dict[str, str]:
    """One fact as native CSV fields (value with the presented sign, in full units)."""
    p = fact.period
    start = p.start.isoformat() if isinstance(p, Duration) else ""
    end = p.end.isoformat() if isinstance(p, Duration) else p.date.isoformat() if isinstance(p, Instant) else ""
    return {
        "concept": str(fact.concept.qname),
        "label": fact.label,
        "section": fact.section,
        "table_id": fact.table_id,
        "line": str(fact.line),
        "period_type": p.kind,
        "start": start,
        "end": end,
        "unit": fact.unit.text,
        "scale": str(fact.amount.scale),
        "presented": fact.amount.presented,
        "value": format_decimal(fact.amount.value),
        "decimals": str(fact.amount.decimals),
        "dims": dims_text(fact.dims),
        "statement": statement_kind,
        "column_header": header,
    }


def format_decimal(value) -> str:  # type: ignore[no-untyped-def]
    """Plain decimal text without exponent or trailing zeros: 293000000, -0.02, 0."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def native_csv_text(report: Report) -> str:
    """The facts.csv content for a report."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=NATIVE_COLUMNS, lineterminator="\n")
    w.writeheader()
    for st in report.statements:
        headers = {c.index: c.header for c in st.columns}
        for f in st.facts:
            w.writerow(fact_row(f, st.kind, headers.get(f.column, "")))
    for f in report.extra_facts:
        w.writerow(fact_row(f, "", ""))
    return buf.getvalue()


def write_native(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/facts.csv."""
    return [atomic_write_text(out_dir / "facts.csv", native_csv_text(report))]
