"""Archive inputs read in place: tar (plain or compressed), zip and gzip files -> one filing per member's bytes.

Nothing is unpacked to disk. A tar is read twice, front to back: once to list its members (so output names can be
de-duplicated across the batch), once to hand each member's bytes to the conversion as it is needed. A member that
cannot be read is one failure naming the archive and the member; the members before and after it still convert.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import ReadError
from ..readers.edgar_text import read_source
from ..record import record

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")  # tar archives, any compression
ZIP_SUFFIXES = (".zip",)  # zip archives
GZIP_SUFFIX = ".gz"  # one gzip-compressed filing (.txt.gz, .nc.gz), or a member compressed inside an archive
FILING_SUFFIXES = (".txt", ".nc")  # plain filings: EDGAR full-text submissions and dissemination-feed files
_SKIPPED_PARTS = ("__MACOSX",)  # folders archivers add beside the real content
_READ_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)
"""What reading a damaged archive raises: tarfile/zipfile errors, gzip/bz2/lzma stream errors, truncation."""


@record
class Member:
    """One filing inside an archive."""

    name: str  # path inside the archive, as stored
    index: int  # position among the archive's entries (0-based), which tells members of the same name apart


def archive_kind(path: Path) -> str:
    """"tar", "zip", "gzip" (one compressed filing) or "" (a plain file), from the file name."""
    name = path.name.lower()
    if name.endswith(TAR_SUFFIXES):
        return "tar"
    if name.endswith(ZIP_SUFFIXES):
        return "zip"
    if name.endswith(GZIP_SUFFIX):
        return "gzip"
    return ""


def is_input_name(name: str) -> bool:
    """Whether a file found in a folder is picked up: a plain filing, a gzip-compressed one, or an archive."""
    low = name.lower()
    if low.endswith(GZIP_SUFFIX) and not low.endswith(TAR_SUFFIXES):
        low = low[: -len(GZIP_SUFFIX)]
    return low.endswith(FILING_SUFFIXES + TAR_SUFFIXES + ZIP_SUFFIXES)


Problem = tuple[str, str]  # (member name or "" for the archive as a whole, one-line reason)


def list_members(path: Path) -> tuple[tuple[Member, ...], tuple[Problem, ...]]:
    """The filings inside an archive, in archive order, and what could not be listed.

    A damaged tar lists the members it can still read and names what it skipped or where it stopped; an archive
    that is not one, or that holds no files, lists nothing and says so."""
    if not path.is_file():
        read_source(path)  # raises the usual one-line reason: missing, a folder, a pipe
    if archive_kind(path) == "zip":
        return _zip_members(path)
    return _tar_members(path)


def _tar_members(path: Path) -> tuple[tuple[Member, ...], tuple[Problem, ...]]:
    members: list[Member] = []
    damaged: list[Problem] = []
    last: tarfile.TarInfo | None = None
    try:
        with tarfile.open(path, "r:*"):  # opening reads the first header: is this a tar at all?
            pass
        with tarfile.open(path, "r:*", ignore_zeros=True) as tar:  # read past a damaged header to the next member
            index = 0
            expected = 0  # where the next header should start: just past the previous member's data
            try:
                while (info := tar.next()) is not None:
                    if info.offset > expected:
                        damaged.extend(_damaged_entry(path, expected, members))
                    expected = info.offset_data + -(-info.size // tarfile.BLOCKSIZE) * tarfile.BLOCKSIZE
                    if _is_filing_entry(info.name, info.isfile()):
                        members.append(Member(info.name, index))
                        last = info
                    index += 1
            except _READ_ERRORS as exc:
                if last is None or _readable(tar, last):  # else the damage is in the last member: its read says so
                    where = f"after member {members[-1].name}" if members else "at its first member"
                    damaged.append(("", f"the archive is damaged {where}; the rest cannot be read ({_why(exc)})"))
    except _READ_ERRORS as exc:
        return (), (("", f"is not a readable tar archive ({_why(exc)})"),)
    if not members and not damaged:
        return (), (("", "the archive holds no files; expected EDGAR filings"),)
    return tuple(members), tuple(damaged)


def _readable(tar: tarfile.TarFile, info: tarfile.TarInfo) -> bool:
    """Whether a listed member's bytes can be read whole (asked only once the archive failed after it)."""
    try:
        _tar_read(tar, info)
    except (ReadError, *_READ_ERRORS):
        return False
    return True


def _damaged_entry(path: Path, offset: int, before: list[Member]) -> list[Problem]:
    """Why the bytes at offset (skipped while listing) were not a member: a damaged header, named if it can be;
    nothing when they are the zero blocks that end one tar and precede another (concatenated archives)."""
    try:
        with _decompressed(path) as raw:
            raw.seek(offset)
            block = raw.read(tarfile.BLOCKSIZE)
    except _READ_ERRORS:
        block = b"?"
    if not block.strip(b"\0"):
        return []
    name = block[:100].split(b"\0", 1)[0].decode("utf-8", "replace").strip()
    if name and name.isprintable():
        return [(name, "its tar header is damaged; the member was skipped")]
    after = f" after member {before[-1].name}" if before else ""
    return [("", f"the entry at byte {offset}{after} has a damaged tar header; it was skipped")]


def _decompressed(path: Path) -> BinaryIO:
    """The archive's bytes as tar reads them: gzip, bzip2 and xz undone, told by their magic numbers."""
    with path.open("rb") as fh:
        magic = fh.read(6)
    if magic.startswith(b"\x1f\x8b"):
        return gzip.open(path, "rb")
    if magic.startswith(b"BZh"):
        return bz2.open(path, "rb")
    if magic.startswith(b"\xfd7zXZ\x00"):
        return lzma.open(path, "rb")
    return path.open("rb")


def _zip_members(path: Path) -> tuple[tuple[Member, ...], tuple[Problem, ...]]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except _READ_ERRORS as exc:
        return (), (("", f"is not a readable zip archive ({_why(exc)})"),)
    members = tuple(Member(i.filename, n) for n, i in enumerate(infos) if _is_filing_entry(i.filename, not i.is_dir()))
    if not members:
        return (), (("", "the archive holds no files; expected EDGAR filings"),)
    return members, ()


def _is_filing_entry(name: str, regular: bool) -> bool:
    """Regular files only, skipping hidden entries and archiver folders such as __MACOSX."""
    parts = name.replace("\\", "/").split("/")
    return regular and not any(p.startswith(".") or p in _SKIPPED_PARTS for p in parts if p)


def read_members(path: Path, wanted: tuple[Member, ...]) -> Iterator[tuple[Member, bytes | ReadError]]:
    """Each wanted member with its bytes (gunzipped when its name ends in .gz), or the ReadError saying why not;
    in archive order, reading the archive once, front to back."""
    by_index = {m.index: m for m in wanted}
    left = dict(by_index)
    try:
        if archive_kind(path) == "zip":
            with zipfile.ZipFile(path) as zf:
                infos = zf.infolist()
                for index in sorted(by_index):
                    m = left.pop(index)
                    yield m, _guarded(lambda: zf.read(infos[index]), m.name)
            return
        with tarfile.open(path, "r:*", ignore_zeros=True) as tar:
            index = 0
            while left and (info := tar.next()) is not None:
                m = left.pop(index, None)
                index += 1
                if m is not None:
                    yield m, _guarded(lambda: _tar_read(tar, info), m.name)
    except _READ_ERRORS as exc:
        for m in left.values():
            yield m, ReadError(f"cannot be read: the archive is damaged before it ({_why(exc)})", source=m.name)
        return
    for m in left.values():  # listed once, gone now: the archive changed during the run
        yield m, ReadError("is no longer in the archive (was it changed during the run?)", source=m.name)


def _tar_read(tar: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    fh = tar.extractfile(info)
    if fh is None:
        raise ReadError("is not a regular file", source=info.name)
    with fh:
        return fh.read()


def _guarded(read, name: str) -> bytes | ReadError:  # type: ignore[no-untyped-def]
    """The member's bytes, gunzipped when its name says so, or a ReadError naming what went wrong."""
    try:
        data: bytes = read()
    except ReadError as exc:
        return exc
    except _READ_ERRORS as exc:
        return ReadError(f"is damaged and cannot be read ({_why(exc)})", source=name)
    if name.lower().endswith(GZIP_SUFFIX):
        try:
            return gunzip(data, name)
        except ReadError as exc:
            return exc
    return data


def gunzip(data: bytes, source: str) -> bytes:
    """The content of gzip-compressed bytes, or a ReadError saying they are not gzip or are damaged."""
    try:
        return gzip.decompress(data)
    except gzip.BadGzipFile as exc:
        raise ReadError(f"is not gzip-compressed data ({_why(exc)})", source=source) from None
    except (EOFError, zlib.error, OSError) as exc:
        raise ReadError(f"the gzip data is damaged or cut short ({_why(exc)})", source=source) from None


def read_input(path: Path) -> bytes:
    """A loose input's bytes: a plain file as it is, a .gz file decompressed."""
    data = read_source(path)
    return gunzip(data, str(path)) if archive_kind(path) == "gzip" else data


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
