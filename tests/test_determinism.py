"""Same input -> byte-identical output files, across runs, processes, hash seeds and --jobs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from converter.cli import EXIT_OK, main

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """All bundled filings converted in-process to every available format."""
    out = tmp_path_factory.mktemp("det") / "out"
    assert main(["convert", str(FILINGS), "--out", str(out), "--jobs", "1", "--quiet"]) == EXIT_OK
    return tree(out)


def test_outputs_exist(first_run: dict[str, bytes]) -> None:
    stems = sorted(p.stem for p in FILINGS.glob("*.txt"))
    assert {name.split("/")[0] for name in first_run} == set(stems) | {"summary.json"}
    assert all(f"{s}/manifest.json" in first_run for s in stems)


def test_second_run_in_another_process_is_byte_identical(first_run: dict[str, bytes], tmp_path: Path) -> None:
    """A fresh interpreter with another hash seed and two workers writes exactly the same bytes."""
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "12345"}
    run = subprocess.run([sys.executable, "-m", "converter", "convert", str(FILINGS), "--out", str(out), "-j", "2",
                          "-q"], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == EXIT_OK, run.stderr
    second = tree(out)
    assert sorted(second) == sorted(first_run)
    different = [name for name in first_run if first_run[name] != second[name]]
    assert different == []


def test_forced_rerun_in_place_is_byte_identical(first_run: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out"
    ref = FILINGS / "colt_6-K_2004-07.txt"
    assert main(["convert", str(ref), "--out", str(out), "-j", "1", "-q"]) == EXIT_OK
    before = tree(out)
    assert main(["convert", str(ref), "--out", str(out), "-j", "1", "-q", "--force"]) == EXIT_OK
    assert tree(out) == before
    folder = "colt_6-K_2004-07/"
    assert {k: v for k, v in before.items() if k.startswith(folder)} == {
        k: v for k, v in first_run.items() if k.startswith(folder)}
