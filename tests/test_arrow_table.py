"""Parquet tables built from Python rows by pyarrow's CSV reader: values exact, nulls kept, and no pandas import."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")

from converter.batch.dataset import arrow_table, fact_schema, facts_table, filings_schema  # noqa: E402
from converter.pipeline import convert_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "fixtures" / "filings" / "colt_6-K_2004-07.txt"

SCHEMA = pa.schema([("text", pa.string()), ("value", pa.decimal128(38, 10)), ("day", pa.date32()),
                    ("count", pa.int32()), ("share", pa.float64())])
ROWS = [
    ("plain", Decimal("12345678901234567890.0123456789"), date(2004, 6, 30), 3, 0.1),
    ("", None, None, None, None),
    ('a "quoted", comma\nand a new line', Decimal("-1.500000000000"), date(1999, 12, 31), -2, 1e-300),
    ("=SUM(A1)", Decimal("0"), None, 0, 2 / 3),
    ("  leading spaces and ünïcödé ", Decimal("1E+6"), date(1993, 1, 1), 2**31 - 1, None),
]


def test_rows_come_back_exactly_with_their_nulls() -> None:
    table = arrow_table(SCHEMA, ROWS)
    assert table.schema == SCHEMA
    assert table.to_pylist() == [dict(zip(SCHEMA.names, row)) for row in ROWS]
    assert table.column("value").null_count == 1 and table.column("text").null_count == 0


def test_it_builds_what_pyarrow_builds_from_the_python_values() -> None:
    """The same table as pa.table() makes of the same values, for the facts of the reference filing."""
    table = facts_table(convert_file(REFERENCE), str(REFERENCE))
    columns = {name: table.column(name).to_pylist() for name in fact_schema().names}
    assert table.num_rows > 500
    assert table.equals(pa.table(columns, schema=fact_schema()))


def test_an_empty_table_keeps_its_columns() -> None:
    table = arrow_table(filings_schema(), [])
    assert table.num_rows == 0 and table.schema == filings_schema()


def test_writing_a_filings_parquet_part_does_not_import_pandas(tmp_path: Path) -> None:
    """pa.table/pa.array and pq.read_table import pandas, most of a one-filing run's time; the dataset avoids them."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from converter.cli import main\n"
        f"args = ['convert', {str(REFERENCE)!r}, '--out', {str(tmp_path / 'out')!r}, '-q', '-f', 'parquet']\n"
        "assert main(args) == 0\n"
        "assert main(args + ['--force']) == 0\n"  # the second run reads the filings table the first wrote
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    assert (tmp_path / "out" / "filings.parquet").is_file()
