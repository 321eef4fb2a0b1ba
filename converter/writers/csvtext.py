"""CSV through the csv module: one dialect (minimal quoting, "\\n" line ends) for every CSV file written."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence, TextIO


def csv_writer(out: TextIO) -> Any:
    """A csv.writer in the converter's dialect, writing to out."""
    return csv.writer(out, lineterminator="\n")


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Records as CSV text, a line end after each."""
    buf = io.StringIO()
    csv_writer(buf).writerows(rows)
    return buf.getvalue()
