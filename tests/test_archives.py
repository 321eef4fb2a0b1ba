"""Archive inputs: tar, tar.gz, zip and gzip files read in place, one filing per member, damaged members reported."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from converter.batch import archive_kind, expand_sources, list_members, make_jobs, read_members, sanitize_stem
from converter.cli import EXIT_FAILED, EXIT_OK, main
from converter.errors import ReadError
from converter.pipeline import convert_bytes

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"
SMALL = [FILINGS / n for n in ("colt_6-K_2004-07.txt", "sears_8-K_2004-07.txt", "amazon_8-K_1998-08.txt")]
HTML = b"<HTML><BODY><TABLE BORDER=1><TR><TD>1</TD></TR></TABLE><DIV>x</DIV><FONT>y</FONT></BODY></HTML>\n"


def add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def make_tar(path: Path, members: list[tuple[str, bytes]], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as tar:
        for name, data in members:
            add(tar, name, data)
    return path


def damaged_gzip(data: bytes) -> bytes:
    """gzip bytes whose deflate stream is damaged in the middle (the CRC or the stream itself fails)."""
    raw = bytearray(gzip.compress(data, mtime=0))
    for i in range(len(raw) // 2, len(raw) // 2 + 64):
        raw[i] ^= 0x5A
    return bytes(raw)


def convert(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["convert", *argv, "-j", "1", "-f", "native"])
    out, err = capsys.readouterr()
    return code, out, err


def error_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith("error: ")]


def facts_of(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture(scope="module")
def loose(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small filings converted as loose files (facts.csv to compare archive members with)."""
    out = tmp_path_factory.mktemp("loose")
    assert main(["convert", *map(str, SMALL), "--out", str(out), "-j", "1", "-f", "native", "-q"]) == EXIT_OK
    return out


def test_kinds_and_stems() -> None:
    assert [archive_kind(Path(n)) for n in ("a.tar", "a.TGZ", "a.tar.gz", "a.tar.xz", "a.zip", "a.nc.gz", "a.txt")] \
        == ["tar", "tar", "tar", "tar", "zip", "gzip", ""]
    assert sanitize_stem("0000950123-04-008123.nc.gz") == "0000950123-04-008123"
    assert sanitize_stem("2004/QTR1/x.txt") == "x"
    assert sanitize_stem("x.gz") == "x"


def test_tar_gz_with_a_corrupt_member_converts_the_rest_and_names_it(
        tmp_path: Path, loose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = [(f"feed/{p.name}", p.read_bytes()) for p in SMALL]
    archive = make_tar(tmp_path / "feed.tar.gz", [
        good[0], ("feed/broken.nc.gz", damaged_gzip(SMALL[1].read_bytes())), good[1],
        ("feed/page.txt", HTML), ("feed/blob.txt", bytes(range(256)) * 4), good[2],
    ])
    out = tmp_path / "out"
    code, _, err = convert([str(archive), "--out", str(out)], capsys)
    assert code == EXIT_FAILED
    errors = error_lines(err)
    assert len(errors) == 3
    assert errors[0].startswith(f"error: {archive}: member feed/broken.nc.gz: the gzip data is damaged")
    assert errors[1].startswith(f"error: {archive}: member feed/page.txt: the filing is HTML")
    assert errors[2].startswith(f"error: {archive}: member feed/blob.txt: the file is binary")
    for p in SMALL:  # the members around the bad ones are converted, exactly as the loose files are
        assert facts_of(out / p.stem / "facts.csv") == facts_of(loose / p.stem / "facts.csv")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["converted"] == 3 and summary["totals"]["failed"] == 3
    failed = {f["member"]: f["output"] for f in summary["files"] if f["status"] == "failed"}
    assert failed == {"feed/broken.nc.gz": "broken", "feed/page.txt": "page", "feed/blob.txt": "blob"}
    assert not (out / "broken").exists() and not (out / "page").exists()


def test_a_damaged_tar_header_is_reported_by_member_name_and_the_next_members_still_convert(
        tmp_path: Path, loose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for p in SMALL:
            add(tar, p.name, p.read_bytes())
    raw = bytearray(buf.getvalue())
    second = 512 + -(-SMALL[0].stat().st_size // 512) * 512  # header of the second member
    assert raw[second:second + len(SMALL[1].name)] == SMALL[1].name.encode()
    raw[second + 148:second + 156] = b"0000000\0"  # a wrong header checksum
    archive = tmp_path / "damaged.tgz"
    archive.write_bytes(gzip.compress(bytes(raw)))
    out = tmp_path / "out"
    code, _, err = convert([str(archive), "--out", str(out)], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {archive}: member {SMALL[1].name}: its tar header is damaged; "
                                "the member was skipped"]
    for p in (SMALL[0], SMALL[2]):
        assert facts_of(out / p.stem / "facts.csv") == facts_of(loose / p.stem / "facts.csv")


def test_a_truncated_archive_converts_what_precedes_the_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = make_tar(tmp_path / "whole.tar", [(p.name, p.read_bytes()) for p in SMALL], mode="w")
    cut = tmp_path / "cut.tar"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size - 20000])
    out = tmp_path / "out"
    code, _, err = convert([str(cut), "--out", str(out)], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {cut}: member {SMALL[2].name}: is damaged and cannot be read "
                                "(ReadError: unexpected end of data)"]
    assert (out / SMALL[0].stem / "facts.csv").is_file() and (out / SMALL[1].stem / "facts.csv").is_file()


def test_zip_member_with_a_bad_crc_fails_alone(tmp_path: Path, loose: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "filings.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for p in SMALL:
            zf.writestr(p.name, p.read_bytes())
    raw = bytearray(archive.read_bytes())
    at = raw.index(b"Turnover", raw.index(SMALL[0].name.encode()))  # inside the first member's stored bytes
    raw[at:at + 8] = b"Tvrnover"
    archive.write_bytes(bytes(raw))
    out = tmp_path / "out"
    code, _, err = convert([str(archive), "--out", str(out)], capsys)
    assert code == EXIT_FAILED
    assert error_lines(err) == [f"error: {archive}: member {SMALL[0].name}: is damaged and cannot be read "
                                f"(BadZipFile: Bad CRC-32 for file '{SMALL[0].name}')"]
    for p in SMALL[1:]:
        assert facts_of(out / p.stem / "facts.csv") == facts_of(loose / p.stem / "facts.csv")


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("notes.tar.gz", b"just some text, not an archive\n", "is not a readable tar archive (ReadError: "),
    ("page.tar", b"<html>" + b"a long page, not an archive " * 200, "is not a readable tar archive (ReadError: "),
    ("empty.tar", None, "the archive holds no files; expected EDGAR filings"),
    ("folders.tgz", "dirs", "the archive holds no files; expected EDGAR filings"),
    ("empty.zip", "zip", "the archive holds no files; expected EDGAR filings"),
    ("bad.zip", b"PK\x03\x04 not really a zip", "is not a readable zip archive (BadZipFile: "),
    ("bad.txt.gz", b"plain text, not gzip", "is not gzip-compressed data (BadGzipFile: "),
])
def test_bad_archives_fail_with_one_line_and_lose_nothing_else(
        tmp_path: Path, name: str, content: object, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / name
    if content is None:
        make_tar(bad, [], mode="w")
    elif content == "dirs":
        with tarfile.open(bad, "w:gz") as tar:
            info = tarfile.TarInfo("only/a/folder")
            info.type = tarfile.DIRTYPE
            tar.addfile(info)
    elif content == "zip":
        zipfile.ZipFile(bad, "w").close()
    else:
        assert isinstance(content, bytes)
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_bytes(SMALL[0].read_bytes())
    out = tmp_path / "out"
    code, _, err = convert([str(bad), str(good), "--out", str(out)], capsys)
    assert code == EXIT_FAILED
    errors = error_lines(err)
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: {reason}"), errors
    assert "Traceback" not in err
    assert (out / "good" / "facts.csv").is_file()


def test_gzip_files_and_dissemination_feed_members(tmp_path: Path, loose: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = FILINGS / "colt_6-K_2004-07.txt"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "colt.txt.gz").write_bytes(gzip.compress(source.read_bytes(), mtime=0))
    text = SMALL[1].read_bytes()
    nc = (b"<SUBMISSION>\n<ACCESSION-NUMBER>0000000000-04-000001\n<TYPE>8-K\n<PERIOD>20040720\n"
          b"<FILING-DATE>20040721\n<FILER>\n<COMPANY-DATA>\n<CONFORMED-NAME>EXAMPLE FILER INC\n<CIK>0000012345\n"
          b"</COMPANY-DATA>\n</FILER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n" + text + b"</TEXT>\n</DOCUMENT>\n"
          b"</SUBMISSION>\n")
    make_tar(tmp_path / "in" / "20040721.nc.tar.gz", [("0000000000-04-000001.nc", nc)])
    (tmp_path / "in" / "single.nc.gz").write_bytes(gzip.compress(nc, mtime=0))
    out = tmp_path / "out"
    code, _, err = convert([str(tmp_path / "in"), "--out", str(out)], capsys)
    assert code == EXIT_OK, err
    assert facts_of(out / "colt" / "facts.csv") == facts_of(loose / source.stem / "facts.csv")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["0000000000-04-000001", "colt", "single"]
    report = convert_bytes(nc, "0000000000-04-000001.nc")
    meta = report.meta
    assert (meta.form_type, meta.company, meta.cik, meta.accession, str(meta.period_of_report), str(meta.filed)) == (
        "8-K", "EXAMPLE FILER INC", "12345", "0000000000-04-000001", "2004-07-20", "2004-07-21")
    assert len(report.facts) == len(convert_bytes(text, SMALL[1].name).facts) > 0


def test_member_names_are_deduplicated_across_archives_and_files(tmp_path: Path) -> None:
    a = make_tar(tmp_path / "a.tar", [("x/r.txt", b"1"), ("y/r.txt", b"2"), ("r.txt", b"3"), ("other.nc", b"4")],
                 mode="w")
    b = make_tar(tmp_path / "b.tgz", [("r.txt", b"5")])
    loose_file = tmp_path / "R.txt"
    loose_file.write_bytes(b"6")
    sources, failed = expand_sources([a, b, loose_file])
    assert failed == ()
    jobs = make_jobs(sources, tmp_path / "out", ("native",), fingerprint="f")
    stems = [j.stem for j in jobs]
    assert len({s.lower() for s in stems}) == len(stems) == 6
    assert stems[3] == "other" and all(s.lower().startswith("r-") for s in stems[:3] + stems[4:])
    again = make_jobs(expand_sources([loose_file, b, a])[0], tmp_path / "out", ("native",), fingerprint="f")
    assert {(j.source, j.member): j.stem for j in again} == {(j.source, j.member): j.stem for j in jobs}
    data = dict((m.name, d) for m, d in read_members(a, list_members(a)[0]))
    assert data == {"x/r.txt": b"1", "y/r.txt": b"2", "r.txt": b"3", "other.nc": b"4"}


def test_members_of_the_same_name_in_one_archive_are_both_converted(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "twice.tar", [("r.txt", b"first"), ("r.txt", b"second")], mode="w")
    members, problems = list_members(archive)
    assert problems == () and [m.index for m in members] == [0, 1]
    assert [d for _, d in read_members(archive, members)] == [b"first", b"second"]
    jobs = make_jobs(expand_sources([archive])[0], tmp_path / "out", ("native",), fingerprint="f")
    assert len({j.stem for j in jobs}) == 2


def test_rerun_skips_members_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = make_tar(tmp_path / "feed.tar.gz", [(p.name, p.read_bytes()) for p in SMALL[:2]])
    out = tmp_path / "out"
    assert convert([str(archive), "--out", str(out)], capsys)[0] == EXIT_OK
    code, stdout, _ = convert([str(archive), "--out", str(out)], capsys)
    assert code == EXIT_OK and stdout.count("skipped   ") == 2
    assert f"skipped   {archive}: member {SMALL[0].name} -> {SMALL[0].stem}/" in stdout


def test_read_errors_are_read_errors(tmp_path: Path) -> None:
    archive = make_tar(tmp_path / "a.tar", [("z.nc.gz", b"not gzip")], mode="w")
    [(member, data)] = list(read_members(archive, list_members(archive)[0]))
    assert member.name == "z.nc.gz" and isinstance(data, ReadError)
    assert data.reason.startswith("is not gzip-compressed data")
