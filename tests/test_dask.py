"""The Dask engine: a real local cluster and a real scheduler with worker processes, one of them killed mid-run."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from converter.cli import EXIT_OK, EXIT_USAGE, main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "filings"
KILL_SET = 10  # filings converted in the worker-kill test (the smallest shared ones)
FORMATS = "native,parquet"


def shared_filings() -> list[Path]:
    if not SHARED.is_dir():
        pytest.skip(f"the shared filings are not beside the repository ({SHARED})")
    return sorted(SHARED.glob("*.txt"))


def facts_csvs(out: Path) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted(out.glob("[!.]*/facts.csv"))}


def csv_rows(out: Path) -> int:
    total = 0
    for p in out.glob("[!.]*/facts.csv"):  # not the hidden folder a killed worker may leave
        with p.open(newline="", encoding="utf-8") as fh:
            total += sum(1 for _ in csv.reader(fh)) - 1
    return total


def dataset_rows(out: Path) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(out / "facts.parquet", format="parquet", partitioning="hive").count_rows()


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shared filing converted by the local process pool."""
    out = tmp_path_factory.mktemp("local")
    assert main(["convert", *map(str, shared_filings()), "--out", str(out), "-j", "2", "-f", FORMATS, "-q"]) == EXIT_OK
    return out


def test_local_dask_cluster_gives_byte_identical_outputs(local_run: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dask"
    assert main(["convert", str(SHARED), "--out", str(out), "--engine", "dask", "-j", "2", "-f", FORMATS]) == EXIT_OK
    printed = capsys.readouterr().out
    assert printed.count("converted ") == len(shared_filings())
    assert facts_csvs(out) == facts_csvs(local_run) and len(facts_csvs(out)) == len(shared_filings())
    local_summary = json.loads((local_run / "summary.json").read_text())
    dask_summary = json.loads((out / "summary.json").read_text())
    assert dask_summary["totals"] == local_summary["totals"]
    assert dataset_rows(out) == csv_rows(out) == dask_summary["totals"]["facts"]
    assert (out / "filings.parquet").read_bytes() == (local_run / "filings.parquet").read_bytes()
    # a second run on the cluster skips every filing by its manifest and does not grow the dataset
    assert main(["convert", str(SHARED), "--out", str(out), "--engine", "dask", "-j", "2", "-f", FORMATS]) == EXIT_OK
    assert json.loads((out / "summary.json").read_text())["totals"]["skipped"] == len(shared_filings())
    assert dataset_rows(out) == csv_rows(out)


def test_unreachable_scheduler_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code = main(["convert", str(ROOT / "tests" / "fixtures" / "filings" / "colt_6-K_2004-07.txt"),
                     "--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.startswith("usage error: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and err.count("\n") == 1


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(args, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                            start_new_session=True)


def _wait_for(check, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_a_worker_killed_mid_run_still_converts_every_filing_once(local_run: Path, tmp_path: Path) -> None:
    """A scheduler and two worker processes as on real machines; one worker is killed (SIGKILL) while the batch
    runs: its filings are converted by the other, each exactly once, outputs identical to the local run."""
    filings = sorted(shared_filings(), key=lambda p: p.stat().st_size)[:KILL_SET]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    sched_file = tmp_path / "scheduler.json"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file", str(sched_file),
              "--nthreads", "1", "--no-nanny", "--no-dashboard"]
    procs = [_start(dask + ["--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
                            str(sched_file)], tmp_path / "scheduler.log", env)]
    try:
        _wait_for(lambda: sched_file.is_file() and sched_file.stat().st_size > 0, 60, "the scheduler")
        address = json.loads(sched_file.read_text())["address"]
        victim = _start(worker, tmp_path / "worker1.log", env)
        procs += [victim, _start(worker, tmp_path / "worker2.log", env)]
        out = tmp_path / "out"
        run = subprocess.Popen([sys.executable, "-m", "converter", "convert", *map(str, filings), "--out", str(out),
                                "--scheduler", address, "-f", FORMATS], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env, cwd=ROOT)
        procs.append(run)
        _wait_for(lambda: any(out.glob("*/manifest.json")) or run.poll() is not None, 240, "a first filing")
        finished_before = len(list(out.glob("*/manifest.json")))
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=30)
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == EXIT_OK, stderr.decode()
        assert finished_before < len(filings)  # the kill came while filings were still to do
        summary = json.loads((out / "summary.json").read_text())
        assert [f["output"] for f in summary["files"]] == sorted(p.stem for p in filings)
        # a filing the victim finished writing just before the kill is found up to date when its task runs again
        statuses = [f["status"] for f in summary["files"]]
        assert set(statuses) <= {"converted", "skipped"} and statuses.count("skipped") <= 1, statuses
        assert stdout.decode().count("converted ") == statuses.count("converted")
        expected = facts_csvs(local_run)
        assert facts_csvs(out) == {p.stem: expected[p.stem] for p in filings}
        parts = sorted(p.parent.name for p in (out / "facts.parquet").glob("*/*.parquet"))
        assert parts == sorted(f"filing={p.stem}" for p in filings)  # one part per filing, none twice
        assert dataset_rows(out) == csv_rows(out) == summary["totals"]["facts"]
        visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
        assert visible == sorted([p.stem for p in filings] + ["facts.parquet", "filings.parquet", "summary.json"])
        # a re-run finds every filing up to date and clears what the killed worker left half-written
        assert main(["convert", *map(str, filings), "--out", str(out), "-j", "1", "-f", FORMATS, "-q"]) == EXIT_OK
        assert json.loads((out / "summary.json").read_text())["totals"]["skipped"] == len(filings)
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
        assert dataset_rows(out) == csv_rows(out) == summary["totals"]["facts"]
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_a_worker_of_another_build_refuses_the_job(tmp_path: Path) -> None:
    from converter.batch import make_jobs
    from converter.batch.dask_engine import convert_on_worker

    source = ROOT / "tests" / "fixtures" / "filings" / "sears_8-K_2004-07.txt"
    (job,) = make_jobs([source], tmp_path, ("native",), fingerprint="0123456789abcdef")
    result = convert_on_worker(job)
    assert result.status == "failed" and "runs a different edgar2xbrl build" in result.reason
    assert list(tmp_path.iterdir()) == []
    (same,) = make_jobs([source], tmp_path, ("native",))
    assert convert_on_worker(same).status == "converted"
