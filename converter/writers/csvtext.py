"""CSV records as text, exactly as csv.writer(lineterminator="\\n") writes them, for a fraction of its cost a row."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence


def _csv_quotes(ch: str) -> bool:
    """Whether the running csv module quotes a field holding ch (Python 3.13 began quoting carriage returns)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([ch])
    return buf.getvalue().startswith('"')


_QUOTE_CR = _csv_quotes("\r")


def csv_field(field: str) -> str:
    """One field as a record of several fields holds it: quoted (quotes doubled) when it holds a comma, quote or line end."""
    if "," in field or '"' in field or "\n" in field or (_QUOTE_CR and "\r" in field):
        return '"' + field.replace('"', '""') + '"'
    return field


def csv_fields(fields: Sequence[str]) -> str:
    """Fields as part of a record of several fields, without its line end: csv_line(a + b) is
    csv_fields(a) + "," + csv_fields(b) + "\n" for non-empty a and b."""
    return ",".join([csv_field(f) for f in fields])


def csv_line(fields: Sequence[str]) -> str:
    """One record with its line end, minimal quoting: fields holding a comma, quote or line feed are quoted."""
    line = ",".join(fields)
    if not line or '"' in line or "\n" in line or (_QUOTE_CR and "\r" in line):
        return _rare_line(fields)
    if line.count(",") == len(fields) - 1:
        return line + "\n"  # nothing to quote
    return ",".join([f'"{f}"' if "," in f else f for f in fields]) + "\n"  # commas are all there is to quote


def _rare_line(fields: Sequence[str]) -> str:
    """csv_line() of a record holding quotes or line ends, or of an empty one."""
    if len(fields) == 1 and not fields[0]:
        return '""\n'  # csv quotes a lone empty field, so the record is no blank line
    return csv_fields(fields) + "\n"


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """Records as CSV text, a line end after each."""
    return "".join([csv_line(r) for r in rows])
