"""One Parquet dataset per output folder: Report facts -> DIR/facts.parquet/filing=<name>/, results -> filings.parquet.

Each filing owns one part, DIR/facts.parquet/filing=<output folder name>/part-0.parquet (hive partitioning), which a
re-run replaces whole by an atomic rename, so the dataset never holds a filing twice or half. Values are exact:
`value` is decimal128(38, 10) (28 whole and 10 fractional digits, far beyond any printed amount) and `value_text`
is the same number as facts.csv prints it; a value that would not fit the decimal exactly is left null there and
kept in `value_text`.
"""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..fsutil import atomic_write_stream
from ..model import Report, dims_text
from .records import FileResult, FilingInfo

if TYPE_CHECKING:
    import pyarrow as pa

DATASET_FORMAT = "parquet"  # the --formats name of the dataset
FACTS_DATASET = "facts.parquet"  # folder of the facts dataset in the output root
FILINGS_TABLE = "filings.parquet"  # one row per filing in the output root
PARTITION_KEY = "filing"  # hive partition column: the filing's output folder name
PART_NAME = "part-0.parquet"  # the one file of a filing's partition
VALUE_PRECISION, VALUE_SCALE = 38, 10  # decimal128 of the value column
_MAX_WHOLE_DIGITS = VALUE_PRECISION - VALUE_SCALE


def fact_schema() -> pa.Schema:
    """Columns of facts.parquet (the partition column `filing` comes from the folder names)."""
    import pyarrow as pa

    s, d, i = pa.string(), pa.date32(), pa.int32()
    return pa.schema([
        ("cik", s), ("company", s), ("form", s), ("accession", s), ("source", s), ("period_of_report", d),
        ("concept", s), ("label", s), ("section", s), ("table_id", s), ("statement", s), ("column_header", s),
        ("line", i), ("period_type", s), ("start", d), ("end", d), ("unit", s), ("scale", i), ("decimals", i),
        ("presented", s), ("value", pa.decimal128(VALUE_PRECISION, VALUE_SCALE)), ("value_text", s), ("dims", s),
    ])


def filings_schema() -> pa.Schema:
    """Columns of filings.parquet."""
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    return pa.schema([
        ("filing", s), ("source", s), ("member", s), ("status", s), ("reason", s), ("cik", s), ("company", s),
        ("form", s), ("accession", s), ("period_of_report", pa.date32()), ("facts", i), ("statements", i),
        ("unmapped", i), ("calc_failures", i), ("warnings", i), ("checks", i), ("checks_failed", i),
        ("subtotal_share", pa.float64()), ("balance", s),
    ])


def exact_decimal(value: Decimal) -> Decimal | None:
    """The value when decimal128(38, 10) holds it exactly, else None (value_text keeps it)."""
    if not value.is_finite():
        return None
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    whole = len(digits) + exponent if digits != (0,) else 0
    if whole > _MAX_WHOLE_DIGITS:
        return None
    if exponent < -VALUE_SCALE and any(digits[len(digits) + exponent + VALUE_SCALE:]):
        return None  # nonzero digits past the tenth place
    return value


def facts_table(report: Report, source: str) -> pa.Table:
    """One row per fact of the report, in facts.csv order, with the filing's filer, form and period."""
    from ..mapping.evidence import presented_kinds
    from ..writers.native_out import format_decimal, period_fields

    meta = report.meta
    rows: list[tuple[object, ...]] = []
    filing = (meta.cik, meta.company, meta.form_type, meta.accession, source, meta.period_of_report)
    kinds = presented_kinds(report.statements)
    for st, facts in [(st, st.facts) for st in report.statements] + [(None, report.extra_facts)]:
        headers = {c.index: c.header for c in st.columns} if st is not None else {}
        for f in facts:
            a = f.amount
            kind, start, end = period_fields(f.period)
            rows.append((*filing, str(f.concept.qname), f.label, f.section, f.table_id,
                         kinds[st.table_id] if st is not None else "", headers.get(f.column, "") if st is not None else "",
                         a.span.line, kind, start, end, f.unit.text, a.scale, a.decimals, a.presented,
                         exact_decimal(a.value), format_decimal(a.value), dims_text(f.dims) if f.dims else ""))
    return arrow_table(fact_schema(), rows)


def arrow_table(schema: pa.Schema, rows: Iterable[Sequence[object]]) -> pa.Table:
    """A table of rows (values in the schema's order; None is null) with the schema's types, read by pyarrow's CSV
    reader from the rows' text: Decimals stay exact, and pyarrow's converter of Python values (pa.table, pa.array)
    is not used because it imports pandas to look for its arrays, which took 0.4 s of a one-filing run's 1.7 s.
    Text columns never hold None here (an empty text is "")."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    text = io.StringIO()
    write = csv.writer(text, lineterminator="\n").writerow
    for row in rows:
        write(["" if v is None else format(v, "f") if isinstance(v, Decimal) else v.isoformat()
               if isinstance(v, date) else repr(v) if isinstance(v, float) else v for v in row])
    if not text.tell():
        return pa.Table.from_batches([], schema=schema)  # the reader needs a row; empty_table() imports pandas
    return pacsv.read_csv(
        io.BytesIO(text.getvalue().encode("utf-8")),
        read_options=pacsv.ReadOptions(column_names=schema.names, use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(column_types=schema, strings_can_be_null=False, null_values=[""]),
    ).combine_chunks()


def part_path(out_root: Path, stem: str) -> Path:
    """Where a filing's part of facts.parquet lives."""
    return out_root / FACTS_DATASET / f"{PARTITION_KEY}={stem}" / PART_NAME


def write_part(report: Report, out_root: Path, stem: str, source: str) -> Path:
    """Write (or replace, atomically) the filing's part of facts.parquet."""
    import pyarrow.parquet as pq

    table = facts_table(report, source)
    path = part_path(out_root, stem)
    return atomic_write_stream(path, lambda fh: pq.write_table(table, fh))


def filing_info(report: Report) -> FilingInfo:
    """The filings-table fields a report gives: filer, form, period and what its self-checks say."""
    from ..checks.summary import confidence_summary

    meta = report.meta
    conf = confidence_summary(report)
    share = conf["subtotals"]["share"]
    return FilingInfo(meta.cik, meta.company, meta.form_type, meta.accession,
                      meta.period_of_report.isoformat() if meta.period_of_report else "", len(report.checks),
                      sum(1 for c in report.checks if c.failed), share, str(conf["balance"]["status"]))


def info_fields(info: FilingInfo) -> dict[str, object]:
    """A FilingInfo as a JSON-ready dict (kept in the manifest for up-to-date filings)."""
    return {name: getattr(info, name) for name in FilingInfo.__dataclass_fields__}


def info_from_fields(fields: object) -> FilingInfo | None:
    """The FilingInfo a manifest kept, or None when it kept none."""
    if not isinstance(fields, dict):
        return None
    try:
        return FilingInfo(**fields)
    except TypeError:
        return None


def write_filings(out_root: Path, results: Iterable[FileResult]) -> Path | None:
    """Write DIR/filings.parquet: this run's filings, and the rows of a previous run for filings not in this one.
    A run that converted nothing into a folder without the table leaves it unwritten (None)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    results = tuple(results)
    path = out_root / FILINGS_TABLE
    if not path.exists() and not any(r.ok for r in results):
        return None
    rows: dict[tuple[str, str, str], dict[str, object]] = {}
    with contextlib.suppress(OSError, pa.ArrowException):
        if path.is_file():
            with pq.ParquetFile(path) as previous:  # pq.read_table would import pandas (0.4 s)
                old = previous.read()
            if not old.schema.equals(filings_schema()):
                old = pq.read_table(path, schema=filings_schema())  # another version's columns, as this one's
            for row in old.to_pylist():
                rows[_row_key(row)] = row
    for r in results:
        row = _result_row(r)
        rows[_row_key(row)] = row
    names = filings_schema().names
    table = arrow_table(filings_schema(), ([rows[k][n] for n in names] for k in sorted(rows)))
    return atomic_write_stream(path, lambda fh: pq.write_table(table, fh))


def _row_key(row: dict[str, object]) -> tuple[str, str, str]:
    """A filing's identity in the table: its output folder, or for an input never resolved, its source."""
    filing = str(row["filing"] or "")
    return (filing, "", "") if filing else ("", str(row["source"]), str(row["member"] or ""))


def _result_row(r: FileResult) -> dict[str, object]:
    i = r.info
    period = date.fromisoformat(i.period_of_report) if i and i.period_of_report else None
    return {
        "filing": r.stem, "source": r.source, "member": r.member, "status": r.status, "reason": r.reason,
        "cik": i.cik if i else "", "company": i.company if i else "", "form": i.form if i else "",
        "accession": i.accession if i else "", "period_of_report": period, "facts": r.facts,
        "statements": r.statements, "unmapped": r.unmapped, "calc_failures": r.calc_failures, "warnings": r.warnings,
        "checks": i.checks if i else 0, "checks_failed": i.checks_failed if i else 0,
        "subtotal_share": i.subtotal_share if i else None, "balance": i.balance if i else "",
    }
