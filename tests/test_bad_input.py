"""Bad input gets one clear line on stderr, the documented exit code, and no traceback."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from converter.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "fixtures" / "filings" / "colt_6-K_2004-07.txt"

HTML = b"""<HTML><HEAD><TITLE>10-K</TITLE></HEAD><BODY>
<TABLE BORDER=1><TR><TD>Revenue</TD><TD>1,234</TD></TR>
<TR><TD>Cost</TD><TD>(567)</TD></TR></TABLE><DIV>end</DIV><FONT>x</FONT></BODY></HTML>
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.out, captured.err


def error_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith(("error:", "usage error:"))]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "the file is empty; expected an EDGAR text filing"),
        ("blank.txt", b" \n\n\t\n", "the file is empty; expected an EDGAR text filing"),
        ("zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,
         "the file is binary (it contains NUL bytes); expected an EDGAR text filing"),
        ("html.txt", HTML, "the filing is HTML; only plain-text EDGAR filings are supported yet"),
    ],
)
def test_unreadable_content_fails_with_one_line(name: str, data: bytes, reason: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "out"
    code, _, err = run(["convert", str(src), "--out", str(out), "-j", "1"], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {src}: {reason}"]
    assert sorted(p.name for p in out.iterdir()) == ["summary.json"]  # no partial output folder


def test_filing_without_tables_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "letter.txt"
    src.write_text("FORM 8-K\n\nItem 5. Other events.\n\nThe company appointed a new director on 1 May 1998.\n")
    code, out, err = run(["convert", str(src), "--out", str(tmp_path / "out"), "-j", "1"], capsys)
    assert code == EXIT_OK
    assert err.strip() == f"warning: {src}: filing.no-tables: no financial tables were found"
    assert "1 converted" in out
    assert (tmp_path / "out" / "letter" / "manifest.json").is_file()


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["convert", str(tmp_path / "gone.txt"), "--out", str(tmp_path / "o")], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {tmp_path / 'gone.txt'}: no such file or folder"]


def test_dangling_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    code, _, err = run(["convert", str(link), "--out", str(tmp_path / "o"), "-j", "1"], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {link}: no such file"]


def test_pipe_is_refused_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, _, err = run(["convert", str(fifo), "--out", str(tmp_path / "o"), "-j", "1"], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {fifo}: is not a regular file (device, pipe or socket)"]


@contextmanager
def unprivileged() -> Iterator[None]:
    """Act as an ordinary user inside the block (root ignores file modes); a no-op for other users."""
    if os.geteuid() != 0:
        yield
        return
    import pwd

    import converter.batch, converter.pipeline, converter.writers.native_out  # noqa: F401,E401 - import as root

    nobody = pwd.getpwnam("nobody")
    os.setegid(nobody.pw_gid)
    os.seteuid(nobody.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def run_unprivileged(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with unprivileged():
        return run(argv, capsys)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A scratch folder any user can enter (pytest's tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="e2x-perm-"))
    path.chmod(0o777)
    yield path
    for p in path.rglob("*"):
        p.chmod(0o777)
    shutil.rmtree(path)


def test_unreadable_file(shared_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = shared_tmp / "secret.txt"
    src.write_bytes(REFERENCE.read_bytes())
    src.chmod(0)
    out = shared_tmp / "o"
    code, _, err = run_unprivileged(["convert", str(src), "--out", str(out), "-j", "1"], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {src}: permission denied"]


def test_unreadable_folder(shared_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = shared_tmp / "locked"
    locked.mkdir()
    (locked / "a.txt").write_bytes(REFERENCE.read_bytes())
    locked.chmod(0)
    code, _, err = run_unprivileged(["convert", str(locked / "a.txt"), "--out", str(shared_tmp / "o"), "-j", "1"],
                                   capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {locked / 'a.txt'}: cannot read: Permission denied"]


def test_output_folder_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    code, out, err = run(["convert", str(REFERENCE), "--out", str(blocker)], capsys)
    assert code == EXIT_USAGE and out == ""
    assert error_lines(err) == [f"usage error: output folder {blocker} is a file, not a folder"]
    code, _, err = run(["convert", str(REFERENCE), "--out", str(blocker / "sub")], capsys)
    assert code == EXIT_USAGE
    assert error_lines(err) == [f"usage error: cannot create output folder {blocker / 'sub'}: Not a directory"]


def test_output_folder_not_writable(shared_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = shared_tmp / "ro"
    out.mkdir()
    out.chmod(0o555)
    code, stdout, err = run_unprivileged(["convert", str(REFERENCE), "--out", str(out)], capsys)
    assert code == EXIT_USAGE and stdout == ""
    assert error_lines(err) == [f"usage error: output folder {out} is not writable: Permission denied"]
    assert list(out.iterdir()) == []


def test_names_cannot_escape_the_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("..txt", "...txt", "summary.json.txt", "a b;rm -rf.txt"):
        (inputs / name).write_bytes(REFERENCE.read_bytes())
    out = tmp_path / "deep" / "out"
    argv = ["convert", *(str(p) for p in sorted(inputs.iterdir())), "--out", str(out), "-j", "1", "-f", "csv"]
    code, _, err = run(argv, capsys)
    assert code == EXIT_OK, err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 5 and names[:3] == ["a_b_rm_-rf", "filing_summary.json", "summary.json"]
    assert names[3].startswith("txt-") and names[4].startswith("txt-")  # "..txt" and "...txt" both become txt
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["converted"] == 4


def test_folder_without_filings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["convert", str(tmp_path), "--out", str(tmp_path / "o")], capsys)
    assert code == EXIT_FAILED  # a folder without filings is reported like a missing file
    assert error_lines(err) == [f"error: {tmp_path}: folder holds no filings (*.txt, *.nc, their .gz, or "
                                f".tar/.tgz/.zip archives)"]


@pytest.mark.parametrize(("data", "reason"), [(b"", "the file is empty"), (HTML, "the filing is HTML"),
                                              (b"\x00\xff" * 50, "the file is binary")])
def test_inspect_refuses_bad_input_with_one_line(data: bytes, reason: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.txt"
    src.write_bytes(data)
    code, out, err = run(["inspect", str(src)], capsys)
    assert code == EXIT_FAILED and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"error: {src}: {reason}")


def test_inspect_filing_without_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "letter.txt"
    src.write_text("FORM 8-K\n\nThe company appointed a new director.\n")
    code, out, _ = run(["inspect", str(src)], capsys)
    assert code == EXIT_OK
    assert "0 tables, 0 facts" in out and "warning: filing.no-tables: no financial tables were found" in out
