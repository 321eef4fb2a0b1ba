"""Batch orchestration: inputs, output names, formats, atomic folders, up-to-date skipping, one bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from converter import batch
from converter.batch import (
    FileResult, assign_stems, convert_one, expand_inputs, make_jobs, resolve_formats, run_jobs, sanitize_stem,
)
from converter.cli import EXIT_FAILED, main
from converter.errors import UsageError, WriteError
from converter.model import Report
from converter.writers import WRITERS

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"
REFERENCE = FILINGS / "colt_6-K_2004-07.txt"


def leftovers(out: Path) -> list[str]:
    """Hidden temporary entries left in an output root."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


# ---------------------------------------------------------------- inputs and names


def test_expand_files_folders_globs_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    a = tmp_path / "a.txt"
    b = tmp_path / "sub" / "b.TXT"
    for p in (a, b, tmp_path / "sub" / "notes.md", tmp_path / "sub" / ".hidden" / "c.txt"):
        p.write_text("x")
    files, missing = expand_inputs([str(tmp_path), str(a), str(tmp_path / "*.txt"), str(tmp_path / "none.txt"),
                                    str(tmp_path / "z*.txt")])
    assert files == (a, b)  # deduplicated, sorted, hidden and non-.txt skipped
    assert [(m.source, m.reason) for m in missing] == [
        (str(tmp_path / "none.txt"), "no such file or folder"),
        (str(tmp_path / "z*.txt"), "no file matches this pattern"),
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert expand_inputs([str(empty)])[1][0].reason.startswith("folder holds no filings (*.txt, *.nc")


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("colt_6-K_2004-07.txt", "colt_6-K_2004-07"),
        ("0000950123-04-008123.txt", "0000950123-04-008123"),
        ("a b$c.txt", "a_b_c"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\evil.txt", "evil"),
        ("..txt", "txt"),
        ("....", "filing"),
        (".hidden.txt", "hidden"),
        ("summary.json.txt", "filing_summary.json"),
        ("x" * 300 + ".txt", "x" * 100),
    ],
)
def test_sanitize_stem(name: str, stem: str) -> None:
    assert sanitize_stem(name) == stem


def test_clashing_stems_get_stable_distinct_names(tmp_path: Path) -> None:
    a, b, c = tmp_path / "q1" / "r.txt", tmp_path / "q2" / "r.txt", tmp_path / "q3" / "R.txt"
    d = tmp_path / "other.txt"
    forward = assign_stems([a, b, c, d])
    backward = assign_stems([d, c, b, a])
    assert forward == backward
    assert forward[d] == "other"
    assert len({s.lower() for s in forward.values()}) == 4
    assert all(forward[p].lower().startswith("r-") for p in (a, b, c))


def test_formats_map_user_names_to_registered_writers() -> None:
    registered = ["native", "xbrl", "statements"]
    assert resolve_formats(["csv"], registered) == ("native", "statements")
    assert resolve_formats(["xbrl", "csv", "xbrl"], registered) == ("xbrl", "native", "statements")
    assert resolve_formats(["native"], registered) == ("native",)
    assert resolve_formats(["all"], registered) == ("xbrl", "native", "statements")
    with pytest.raises(UsageError, match="format 'xlsx' is not available"):
        resolve_formats(["xlsx"], registered)
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        resolve_formats(["pdf"], registered)


def test_default_formats_are_every_registered_writer() -> None:
    chosen = batch.default_formats(WRITERS)
    assert sorted(chosen) == sorted(WRITERS)


# ---------------------------------------------------------------- one bad file, atomic outputs


def test_batch_with_one_corrupt_file_converts_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(REFERENCE.read_bytes())
    (inputs / "corrupt.txt").write_bytes(b"\x00\x01\x02garbage" * 100)
    (inputs / "good2.txt").write_bytes(REFERENCE.read_bytes())
    out = tmp_path / "out"
    assert main(["convert", str(inputs), "--out", str(out), "--jobs", "2", "--formats", "csv"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"error: {inputs / 'corrupt.txt'}: the file is binary" in err
    assert sorted(p.name for p in out.iterdir()) == ["good", "good2", "summary.json"]
    for stem in ("good", "good2"):
        assert (out / stem / "manifest.json").is_file()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"] == {**summary["totals"], "files": 3, "converted": 2, "failed": 1}
    failed = [f for f in summary["files"] if f["status"] == "failed"]
    assert failed[0]["output"] == "corrupt" and failed[0]["reason"].startswith("the file is binary")


def _jobs(tmp_path: Path, writers: tuple[str, ...], *sources: Path) -> tuple[batch.Job, ...]:
    out = tmp_path / "out"
    batch.check_out_root(out)
    return make_jobs(sources, out, writers, fingerprint="test")


def test_writer_crash_leaves_no_partial_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_then_crash(report: Report, out_dir: Path) -> list[Path]:
        (out_dir / "half.csv").write_text("a,b\n1,")
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(WRITERS, "crashy", half_then_crash)
    (job,) = _jobs(tmp_path, ("native", "crashy"), REFERENCE)
    result = convert_one(job)
    assert result.status == "failed"
    assert result.reason == "internal error: RuntimeError: disk on fire"
    assert os.listdir(job.out_root) == []  # no colt folder, no temp folder


def test_failed_rerun_keeps_previous_complete_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (job,) = _jobs(tmp_path, ("native",), REFERENCE)
    assert convert_one(job).status == "converted"
    before = {p.name: p.read_bytes() for p in (job.out_root / job.stem).iterdir()}

    def refuse(report: Report, out_dir: Path) -> list[Path]:
        raise WriteError("no space left on device")

    monkeypatch.setitem(WRITERS, "refuse", refuse)
    (job2,) = _jobs(tmp_path, ("native", "refuse"), REFERENCE)
    result = convert_one(job2)
    assert (result.status, result.reason) == ("failed", "no space left on device")
    assert {p.name: p.read_bytes() for p in (job.out_root / job.stem).iterdir()} == before
    assert leftovers(job.out_root) == []


def test_writer_escaping_its_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def escape(report: Report, out_dir: Path) -> list[Path]:
        target = out_dir / ".." / "escaped.txt"
        return [target]

    monkeypatch.setitem(WRITERS, "escape", escape)
    (job,) = _jobs(tmp_path, ("escape",), REFERENCE)
    result = convert_one(job)
    assert result.status == "failed" and "outside its output folder" in result.reason
    assert os.listdir(job.out_root) == []


def test_existing_non_folder_output_is_not_replaced(tmp_path: Path) -> None:
    (job,) = _jobs(tmp_path, ("native",), REFERENCE)
    (job.out_root / job.stem).write_text("mine")
    result = convert_one(job)
    assert result.status == "failed" and "exists and is not a folder made by edgar2xbrl" in result.reason
    assert (job.out_root / job.stem).read_text() == "mine"
    assert leftovers(job.out_root) == []


def test_up_to_date_key(tmp_path: Path) -> None:
    (job,) = _jobs(tmp_path, ("native",), REFERENCE)
    assert convert_one(job).status == "converted"
    assert convert_one(job).status == "skipped"
    changed = batch.Job(job.source, job.out_root, job.stem, job.writers, job.strict, job.force, "other-version")
    assert convert_one(changed).status == "converted"  # new code or taxonomy -> outputs are stale
    (job.out_root / job.stem / "facts.csv").unlink()
    assert convert_one(changed).status == "converted"  # a listed output went missing
    strict = batch.Job(job.source, job.out_root, job.stem, job.writers, True, job.force, "other-version")
    assert convert_one(strict).status != "skipped"


def test_parallel_and_serial_give_the_same_results(tmp_path: Path) -> None:
    sources = sorted(FILINGS.glob("*.txt"))
    serial = run_jobs(_jobs(tmp_path / "s", ("native",), *sources), 1)
    seen: list[tuple[int, int]] = []
    parallel = run_jobs(_jobs(tmp_path / "p", ("native",), *sources), 2, lambda d, t, r: seen.append((d, t)))
    assert serial == parallel
    assert [r.source for r in serial] == [str(s) for s in sources]
    assert seen == [(i, len(sources)) for i in range(1, len(sources) + 1)]
    for s in sources:
        a = (tmp_path / "s" / "out" / s.stem / "facts.csv").read_bytes()
        assert a == (tmp_path / "p" / "out" / s.stem / "facts.csv").read_bytes()


def test_strict_rules() -> None:
    stats = {"facts": 3, "statements": 1, "unmapped": 0, "calc_failures": 0, "warnings": 0}
    assert batch.strict_problems(stats) == ""
    assert batch.strict_problems({**stats, "unmapped": 2, "calc_failures": 1}) == (
        "1 calculation inconsistencies, 2 unmapped labels")


def test_summary_is_sorted_and_has_no_timings() -> None:
    results = [FileResult("b.txt", "b", "converted", facts=2), FileResult("a.txt", "a", "failed", "broken")]
    summary = batch.summarize(results)
    assert [f["output"] for f in summary["files"]] == ["a", "b"]  # type: ignore[index]
    assert summary["totals"] == {"files": 2, "converted": 1, "skipped": 0, "failed": 1, "facts": 2,
                                 "statements": 0, "unmapped": 0, "calc_failures": 0, "warnings": 0}
    assert "seconds" not in json.dumps(summary) and "time" not in json.dumps(summary)


def _copies_command(tmp_path: Path, copies: int) -> tuple[list[str], Path, dict[str, str]]:
    """A parallel CSV batch over copies of the reference filing: its command line, output folder and environment."""
    import sys

    inputs = tmp_path / "in"
    inputs.mkdir()
    data = REFERENCE.read_bytes()
    for i in range(copies):
        (inputs / f"c{i:03d}.txt").write_bytes(data)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "converter", "convert", str(inputs), "--out", str(out), "-j", "2", "-f", "csv", "-q"]
    return cmd, out, env


def test_interrupted_batch_leaves_only_complete_folders(tmp_path: Path) -> None:
    """Ctrl-C in the middle of a parallel batch: exit 130, no temp folder, every folder there is complete."""
    import signal
    import subprocess
    import time

    cmd, out, env = _copies_command(tmp_path, 300)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and any(p.name.startswith("c") for p in out.iterdir())):
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C on a terminal: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    folders = [p for p in out.iterdir()]
    assert leftovers(out) == []
    assert 0 < len(folders) < 300
    for folder in folders:
        manifest = json.loads((folder / "manifest.json").read_text())
        written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert written == sorted(manifest["files"] + ["manifest.json"])


def test_outputs_get_ordinary_permissions(tmp_path: Path) -> None:
    """Temp folders are private while written; the finished folder and files follow the umask."""
    old = os.umask(0o022)
    try:
        (job,) = _jobs(tmp_path, ("native",), REFERENCE)
        assert convert_one(job).status == "converted"
        batch.write_summary(job.out_root, batch.summarize([]))
    finally:
        os.umask(old)
    folder = job.out_root / job.stem
    assert folder.stat().st_mode & 0o777 == 0o755
    assert {p.name: p.stat().st_mode & 0o777 for p in folder.iterdir()} == {"facts.csv": 0o644, "manifest.json": 0o644}
    assert (job.out_root / "summary.json").stat().st_mode & 0o777 == 0o644


def _dead_pid() -> int:
    """The id of a process that has ended."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_rerun_clears_what_a_killed_run_left(tmp_path: Path) -> None:
    """Folders of a dead process go; a swapped-out folder whose filing has none is moved back; live ones stay."""
    out = tmp_path / "out"
    dead, alive = _dead_pid(), os.getpid()
    (out / f".e2x-tmp-{dead}-a-x1" / "statements").mkdir(parents=True)
    (out / f".e2x-old-{dead}-b-x2" / "b").mkdir(parents=True)  # killed between the two renames: b is only here
    (out / f".e2x-old-{dead}-b-x2" / "b" / "facts.csv").write_text("kept")
    (out / f".e2x-old-{dead}-c-x3" / "c").mkdir(parents=True)  # killed after the new c was moved in
    (out / "c").mkdir()
    (out / f".e2x-tmp-{alive}-d-x4").mkdir()  # a run still going
    (out / ".e2x-tmp-e-x5").mkdir()  # not a name this version makes
    assert batch.sweep_stale(out) == 3
    assert leftovers(out) == [f".e2x-tmp-{alive}-d-x4", ".e2x-tmp-e-x5"]
    assert (out / "b" / "facts.csv").read_text() == "kept"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["b", "c"]


def test_convert_after_sigkill_leaves_no_temporary_folder(tmp_path: Path) -> None:
    """SIGKILL in the middle of a batch leaves temporary folders; the next run clears them and converts all."""
    import signal
    import subprocess
    import time

    cmd, out, env = _copies_command(tmp_path, 30)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def temp_folders() -> list[Path]:
        return [p for p in out.iterdir() if p.name.startswith(".e2x-tmp-") and p.is_dir()] if out.is_dir() else []

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # stop the batch when a file is half written, then kill it
        if temp_folders():
            os.killpg(proc.pid, signal.SIGSTOP)
            if temp_folders():  # still there with every process stopped: the kill leaves it
                break
            os.killpg(proc.pid, signal.SIGCONT)
        time.sleep(0.001)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert [n for n in leftovers(out) if n.startswith(".e2x-tmp-")], "the kill should have left a temporary folder"
    rerun = subprocess.run(cmd[:-1] + ["-v"], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "temporary folder(s)" in rerun.stderr
    assert leftovers(out) == []
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [f"c{i:03d}" for i in range(30)]
