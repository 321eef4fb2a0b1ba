"""Same input -> byte-identical output files, across runs, processes, hash seeds and --jobs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the converter and its taxonomy data, so every run below uses exactly the same code."""
    root = tmp_path_factory.mktemp("code")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "converter", root / "converter", ignore=ignore)
    shutil.copytree(ROOT / "taxonomy", root / "taxonomy", ignore=ignore)
    return root


def convert(snapshot: Path, out: Path, *args: str, seed: str = "0") -> None:
    """Run `python -m converter convert` from the snapshot in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(snapshot), "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run([sys.executable, "-m", "converter", "convert", str(FILINGS), "--out", str(out), "-q", *args],
                         capture_output=True, text=True, env=env, cwd=snapshot, timeout=600)
    assert run.returncode == 0, run.stderr


FIRST_OUT: list[Path] = []  # where first_run wrote, for the in-place re-run


@pytest.fixture(scope="module")
def first_run(snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """All bundled filings converted to every available format, one worker."""
    out = tmp_path_factory.mktemp("det") / "out"
    convert(snapshot, out, "-j", "1", seed="1")
    FIRST_OUT[:] = [out]
    return tree(out)


def test_outputs_exist(first_run: dict[str, bytes]) -> None:
    stems = sorted(p.stem for p in FILINGS.glob("*.txt"))
    assert {name.split("/")[0] for name in first_run} == set(stems) | {"summary.json", "facts.parquet", "filings.parquet"}
    assert all(f"{s}/manifest.json" in first_run for s in stems)
    assert len(first_run) > 2 * len(stems)  # the writers produced files, not just manifests


def test_another_process_hash_seed_and_jobs_give_identical_bytes(snapshot: Path, first_run: dict[str, bytes],
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert(snapshot, out, "-j", "2", seed="12345")
    second = tree(out)
    assert sorted(second) == sorted(first_run)
    assert [name for name in first_run if first_run[name] != second[name]] == []


def test_forced_rerun_in_place_gives_identical_bytes(snapshot: Path, first_run: dict[str, bytes]) -> None:
    (out,) = FIRST_OUT
    convert(snapshot, out, "-j", "2", "--force", seed="99")
    again = tree(out)
    assert [name for name in first_run if first_run[name] != again.get(name)] == []
    assert sorted(again) == sorted(first_run)
