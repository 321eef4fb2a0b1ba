"""Conversion from a Report into checks.csv (one row per self-check) and confidence.json (the summary)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from ..checks.summary import checks_of, confidence_summary
from ..fsutil import atomic_write_text, atomic_write_text_stream
from ..model import Check, Report
from .csvtext import csv_writer
from .native_out import format_decimal, text_of

CHECK_COLUMNS = ("kind", "table_id", "line", "period", "ok", "expected", "computed", "difference", "description")


def check_fields(c: Check) -> tuple[str, ...]:
    """One check as CSV fields in CHECK_COLUMNS order."""
    ok = "yes" if c.ok else ("undetermined" if c.undetermined else "no")
    return (c.kind, c.table_id, str(c.line), c.period, ok, format_decimal(c.expected), format_decimal(c.computed),
            format_decimal(c.expected - c.computed), c.description)


def checks_csv_text(report: Report) -> str:
    """checks.csv content, sorted by table, line, kind, period and description."""
    return text_of(lambda out: write_checks_csv(report, out))


def write_checks_csv(report: Report, out: TextIO) -> None:
    """Write checks.csv rows to a text file, row by row (a large report is never held as text)."""
    checks = sorted(checks_of(report), key=lambda c: (c.table_id, c.line, c.kind, c.period, c.description))
    writer = csv_writer(out)
    writer.writerow(CHECK_COLUMNS)
    writer.writerows(map(check_fields, checks))


def confidence_json_text(report: Report) -> str:
    """confidence.json content: the summary with sorted keys."""
    return json.dumps(confidence_summary(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_checks(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/checks.csv and out_dir/confidence.json."""
    return [atomic_write_text_stream(out_dir / "checks.csv", lambda fh: write_checks_csv(report, fh)),
            atomic_write_text(out_dir / "confidence.json", confidence_json_text(report))]
