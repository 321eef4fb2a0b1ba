"""The folder-wide Parquet dataset: one row per fact of every facts.csv, exact values, re-runs replace, never add."""

from __future__ import annotations

import csv
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
ds = pytest.importorskip("pyarrow.dataset")
pq = pytest.importorskip("pyarrow.parquet")

from converter.batch.dataset import exact_decimal  # noqa: E402
from converter.cli import EXIT_FAILED, EXIT_OK, main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"
ARGS = ["-j", "2", "-f", "native,parquet", "-q"]


def csv_records(out: Path) -> dict[str, list[dict[str, str]]]:
    """Every filing's facts.csv rows, by output folder."""
    found = {}
    for p in sorted(out.glob("[!.]*/facts.csv")):
        with p.open(newline="", encoding="utf-8") as fh:
            found[p.parent.name] = list(csv.DictReader(fh))
    return found


def dataset(out: Path) -> pa.Table:
    return ds.dataset(out / "facts.parquet", format="parquet", partitioning="hive").to_table()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled filings copied to an input folder and converted once: (inputs, out)."""
    base = tmp_path_factory.mktemp("first")
    inputs = base / "in"
    shutil.copytree(FILINGS, inputs)
    out = base / "out"
    assert main(["convert", str(inputs), "--out", str(out), *ARGS]) == EXIT_OK
    return inputs, out


@pytest.fixture()
def run(first_run: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the first run's inputs and outputs for one test to change."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(first_run[0], inputs)
    shutil.copytree(first_run[1], out)
    return inputs, out


def test_dataset_rows_are_the_facts_csv_rows_and_reruns_do_not_grow_it(run: tuple[Path, Path]) -> None:
    inputs, out = run
    records = csv_records(out)
    table = dataset(out)
    assert table.num_rows == sum(len(r) for r in records.values()) > 1000
    rows = table.sort_by([("filing", "ascending")]).to_pylist()
    by_filing: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_filing.setdefault(str(row["filing"]), []).append(row)
    assert sorted(by_filing) == sorted(records)
    for filing, facts in records.items():
        parts = pq.read_table(out / "facts.parquet" / f"filing={filing}" / "part-0.parquet").to_pylist()
        assert len(parts) == len(facts)
        for fact, row in zip(facts, parts):  # same order as facts.csv, exact values
            assert (row["concept"], row["label"], row["presented"], row["value_text"], row["line"]) == (
                fact["concept"], fact["label"], fact["presented"], fact["value"], int(fact["line"]))
            assert row["value"] == Decimal(fact["value"]) and isinstance(row["value"], Decimal)
            assert (str(row["end"]), row["unit"], row["dims"], row["statement"]) == (
                fact["end"], fact["unit"], fact["dims"], fact["statement"])
    ford = by_filing["ford_10-K_1993-12"][0]
    assert (ford["cik"], ford["form"], ford["company"]) == ("37996", "10-K", "FORD MOTOR CO")
    before = table.num_rows
    assert main(["convert", str(inputs), "--out", str(out), *ARGS]) == EXIT_OK  # up to date: skipped
    assert dataset(out).num_rows == before
    assert main(["convert", str(inputs), "--out", str(out), *ARGS, "--force"]) == EXIT_OK  # converted again
    assert dataset(out).num_rows == before
    assert len(list((out / "facts.parquet").glob("*/*.parquet"))) == len(records)
    assert not [p for p in (out / "facts.parquet").rglob("*") if p.name.startswith(".")]  # no temporary files


def test_a_changed_filing_replaces_its_part(run: tuple[Path, Path]) -> None:
    inputs, out = run
    before = len(csv_records(out)["colt_6-K_2004-07"])
    colt = inputs / "colt_6-K_2004-07.txt"
    text = colt.read_text(encoding="utf-8")
    colt.write_text(text[: text.index("\n", len(text) // 2) + 1], encoding="utf-8")  # its first half: fewer facts
    assert main(["convert", str(inputs), "--out", str(out), *ARGS]) == EXIT_OK
    records = csv_records(out)
    table = dataset(out)
    assert table.num_rows == sum(len(r) for r in records.values())
    colt_rows = table.filter(pa.compute.equal(table["filing"], "colt_6-K_2004-07")).num_rows
    assert colt_rows == len(records["colt_6-K_2004-07"]) < before


def test_a_deleted_part_makes_its_filing_convert_again(run: tuple[Path, Path]) -> None:
    inputs, out = run
    part = out / "facts.parquet" / "filing=sears_8-K_2004-07" / "part-0.parquet"
    part.unlink()
    assert main(["convert", str(inputs), "--out", str(out), "-j", "1", "-f", "native,parquet"]) == EXIT_OK
    assert part.is_file()
    assert dataset(out).num_rows == sum(len(r) for r in csv_records(out).values())


def test_filings_table_has_one_row_per_filing_and_keeps_failures(run: tuple[Path, Path]) -> None:
    inputs, out = run
    (inputs / "broken.txt").write_bytes(b"\x00\x01 binary")
    assert main(["convert", str(inputs), "--out", str(out), *ARGS]) == EXIT_FAILED
    assert main(["convert", str(inputs), "--out", str(out), *ARGS]) == EXIT_FAILED
    rows = pq.read_table(out / "filings.parquet").to_pylist()
    names = sorted(p.stem for p in FILINGS.glob("*.txt"))
    assert [r["filing"] for r in rows] == sorted(names + ["broken"])
    status = {r["filing"]: r["status"] for r in rows}
    assert status.pop("broken") == "failed" and set(status.values()) == {"skipped"}
    facts = {r["filing"]: r["facts"] for r in rows}
    assert facts == {**{n: len(v) for n, v in csv_records(out).items()}, "broken": 0}
    colt = next(r for r in rows if r["filing"] == "colt_6-K_2004-07")
    assert colt["company"] == "COLT TELECOM GROUP plc" and colt["checks"] > 0 and colt["balance"]


def readme_sql() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, flags=re.S)


def test_the_readme_duckdb_queries_run_on_the_dataset(run: tuple[Path, Path]) -> None:
    duckdb = pytest.importorskip("duckdb")
    _, out = run
    queries = readme_sql()
    assert len(queries) == 2
    revenues = duckdb.sql(queries[0].replace("DIR", out.as_posix())).fetchall()
    expected = [r for rows in csv_records(out).values() for r in rows
                if r["concept"] == "e2x:Revenues" and r["statement"] == "income"]
    assert len(revenues) == len(expected) > 0
    assert {Decimal(r["value"]) for r in expected} == {row[4] for row in revenues}
    per_form = duckdb.sql(queries[1].replace("DIR", out.as_posix())).fetchall()
    assert sum(row[1] for row in per_form) == len(list(FILINGS.glob("*.txt")))
    assert sum(row[2] for row in per_form) == sum(len(r) for r in csv_records(out).values())


@pytest.mark.parametrize(("text", "kept"), [
    ("-195477000", True), ("0.02", True), ("0", True), ("1E+27", True), ("0.0000000001", True),
    ("1.00000000000000", True), ("0.00000000001", False), ("1E+28", False), ("NaN", False),
])
def test_exact_decimal_keeps_only_what_decimal128_holds_exactly(text: str, kept: bool) -> None:
    value = Decimal(text)
    assert (exact_decimal(value) is not None) == kept
    if kept:
        cell = pa.array([exact_decimal(value)], type=pa.decimal128(38, 10))[0].as_py()
        assert cell == value


def test_the_default_formats_hold_the_dataset_for_a_run_of_several_filings_only(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["convert", str(FILINGS / "apple_10-Q_1997-03.txt"), "--out", str(one), "-q"]) == EXIT_OK
    assert (one / "apple_10-Q_1997-03" / "facts.csv").is_file() and not (one / "facts.parquet").exists()
    assert main(["convert", str(FILINGS / "apple_10-Q_1997-03.txt"), str(FILINGS / "bms_10-Q_1999-09.txt"),
                 "--out", str(two), "-q", "-j", "1"]) == EXIT_OK
    assert (two / "facts.parquet").is_dir() and (two / "filings.parquet").is_file()
