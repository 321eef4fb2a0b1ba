"""Conversion from a Report into the long facts.csv (one row per fact, gold-file columns)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, TextIO

from ..fsutil import atomic_write_text_stream
from ..model import Duration, Fact, Period, Report, dims_text
from .csvtext import csv_field, csv_fields, csv_line
from .identity import per_object, per_value

NATIVE_COLUMNS = (
    "concept", "label", "section", "table_id", "line", "period_type", "start", "end", "unit", "scale",
    "presented", "value", "decimals", "dims", "statement", "column_header",
)


def fact_fields(fact: Fact, statement_kind: str = "", header: str = "") -> tuple[str, ...]:
    """One fact as native CSV fields in NATIVE_COLUMNS order (value with the presented sign, in full units)."""
    return FactTexts().fields(fact, statement_kind, header)


class FactTexts:
    """Native CSV fields of facts, the texts of what facts share (concept, period, unit, dims, value) made once."""

    def __init__(self) -> None:
        self.concept = per_object(lambda c: str(c.qname))
        self.period = per_object(period_fields)
        self.unit = per_object(lambda u: u.text)
        self.dims = per_object(lambda d: dims_text(d) if d else "")
        self.value = per_value(format_decimal)

    def fields(self, fact: Fact, statement_kind: str, header: str) -> tuple[str, ...]:
        """One fact as native CSV fields in NATIVE_COLUMNS order."""
        amount = fact.amount
        kind, start, end = self.period(fact.period)
        return (self.concept(fact.concept), fact.label, fact.section, fact.table_id, str(amount.span.line), kind, start,
                end, self.unit(fact.unit), str(amount.scale), amount.presented, self.value(amount.value),
                str(amount.decimals), self.dims(fact.dims), statement_kind, header)


class FactLines:
    """facts.csv records of facts (csv_line of FactTexts.fields), joined from the CSV text of the fields facts share:
    a row's concept, label, section and table; a column's period and unit; the dims, statement kind and header."""

    def __init__(self) -> None:
        self.texts = FactTexts()
        self._heads: dict[tuple[int, str, str, str], str] = {}  # (concept id, label, section, table id) -> text
        self._whens: dict[tuple[int, int], str] = {}  # (period id, unit id) -> period type, start, end, unit
        self._tails: dict[tuple[int, str, str], str] = {}  # (dims id, statement kind, header) -> text

    def line(self, fact: Fact, statement_kind: str, header: str) -> str:
        """One fact's record with its line end (the objects whose ids are keys are the facts', alive while in use)."""
        head_key = (id(fact.concept), fact.label, fact.section, fact.table_id)
        head = self._heads.get(head_key)
        if head is None:
            head = self._heads[head_key] = csv_fields((self.texts.concept(fact.concept), fact.label, fact.section,
                                                       fact.table_id))
        when_key = (id(fact.period), id(fact.unit))
        when = self._whens.get(when_key)
        if when is None:
            when = self._whens[when_key] = csv_fields((*self.texts.period(fact.period), self.texts.unit(fact.unit)))
        tail_key = (id(fact.dims), statement_kind, header)
        tail = self._tails.get(tail_key)
        if tail is None:
            tail = self._tails[tail_key] = csv_fields((self.texts.dims(fact.dims), statement_kind, header))
        a = fact.amount
        value = self.texts.value(a.value)
        return f"{head},{a.span.line},{when},{a.scale},{csv_field(a.presented)},{value},{a.decimals},{tail}\n"


def period_fields(p: Period) -> tuple[str, str, str]:
    """(period_type, start, end) as native CSV fields: a period's type, start (none for an instant) and end as ISO dates."""
    if isinstance(p, Duration):
        return p.kind, p.start.isoformat(), p.end.isoformat()
    return p.kind, "", p.date.isoformat()


def fact_row(fact: Fact, statement_kind: str = "", header: str = "") -> dict[str, str]:
    """One fact as native CSV fields by column name."""
    return dict(zip(NATIVE_COLUMNS, fact_fields(fact, statement_kind, header)))


def format_decimal(value) -> str:  # type: ignore[no-untyped-def]
    """Plain decimal text without exponent or trailing zeros: 293000000, -0.02, 0."""
    if value == 0:
        return "0"
    if value.is_finite() and value == (whole := int(value)):  # most amounts: int() is several times cheaper
        return str(whole)
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
    out.write(csv_line(NATIVE_COLUMNS))
    line = FactLines().line
    for st in report.statements:
        headers = {c.index: c.header for c in st.columns}
        out.write("".join([line(f, st.kind, headers.get(f.column, "")) for f in st.facts]))
    out.write("".join([line(f, "", "") for f in report.extra_facts]))


def write_native(report: Report, out_dir: Path) -> list[Path]:
    """Write out_dir/facts.csv."""
    return [atomic_write_text_stream(out_dir / "facts.csv", lambda fh: write_native_csv(report, fh))]
