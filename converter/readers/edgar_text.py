"""Conversion from EDGAR submission bytes (SGML header, <DOCUMENT>s, cp1252 text) into a Filing.

A full submission looks like::

    <SEC-HEADER>0000320193-97-000011.hdr.sgml : 19970513
    CONFORMED SUBMISSION TYPE:	10-Q

A bare document is plain text; it becomes one document whose type is guessed from a "FORM 6-K" line.
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import replace
from pathlib import Path

from ..errors import ReadError
from ..model import Document, Filing, FilingMeta
from .dissemination import dissemination_meta, header_meta, is_dissemination
from .parties import PARTY_FIELDS, ROLES, add_field

_HEADER_FIELDS = {
    "CONFORMED SUBMISSION TYPE": "form_type",
    "FORM TYPE": "form_type",
    "COMPANY CONFORMED NAME": "company",
    "CENTRAL INDEX KEY": "cik",
    "CONFORMED PERIOD OF REPORT": "period_of_report",
    "FISCAL YEAR END": "fiscal_year_end",
    "FILED AS OF DATE": "filed",
    "ACCESSION NUMBER": "accession",
}
HEADER_LINES = 400  # the SGML header is read from at most this many first lines
_HEADER_LINE = re.compile(r"^\s*([A-Z][A-Z &/-]+?):\s*(.*?)\s*$")
_TAG_LINE = re.compile(r"^<(TYPE|DESCRIPTION|SEQUENCE|FILENAME)>\s*(.*?)\s*$", re.IGNORECASE)
_FORM_LINE = re.compile(r"^\s*FORM\s+(10-K405|10-KSB|10-QSB|10-K|10-Q|20-F|40-F|6-K|8-K)\b", re.IGNORECASE)
_REGISTRANT_NOTE = re.compile(r"\((exact name of registrant|translation of registrant'?s name)", re.IGNORECASE)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
"""Control bytes other than tab, line feed, form feed and carriage return: many of them mark a binary file."""
_HTML = re.compile(rb"<\s*(html|body|table\s[^>]*border|td|tr|font|div)\b", re.IGNORECASE)


def read_source(path: Path) -> bytes:
    """A filing's bytes, or a ReadError with a reason a user can act on (folders, pipes, missing, unreadable)."""
    try:
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            raise ReadError("is not a regular file (device, pipe or socket)", source=str(path))
        return path.read_bytes()
    except IsADirectoryError:
        raise ReadError("is a folder, not a filing", source=str(path)) from None
    except FileNotFoundError:
        raise ReadError("no such file", source=str(path)) from None
    except PermissionError:
        raise ReadError("permission denied", source=str(path)) from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode without loss: UTF-8 if valid, else cp1252 with undefined bytes read as latin-1."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="cp1252-or-latin1"), "cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are read as latin-1: no byte is lost."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("cp1252-or-latin1", _cp1252_fallback)


def _check_text(data: bytes, source: str) -> None:
    """Refuse inputs that are not text filings, with a reason a user can act on."""
    if not data.strip():
        raise ReadError("the file is empty; expected an EDGAR text filing", source=source)
    sample = data[:65536]
    if b"\x00" in sample:
        raise ReadError("the file is binary (it contains NUL bytes); expected an EDGAR text filing", source=source)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) // 20:
        raise ReadError("the file is binary (too many control bytes); expected an EDGAR text filing", source=source)
    if len(_HTML.findall(sample)) >= 5 and not re.search(rb"<S>|<C>", sample):
        raise ReadError(
            "the filing is HTML; only plain-text EDGAR filings are supported yet", source=source
        )


PEM_BEGIN = "-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
PEM_HEAD_LINES = 20  # lines from the top of a submission its privacy-enhanced message boundary may stand on


def read_filing_bytes(data: bytes, source: str, tab_size: int = 8, page_width: int = 132) -> Filing:
    """Parse a submission or bare document into a Filing; tabs are expanded at tab_size stops, but a line that
    would then run past page_width has each tab read as one space (Filing.narrow_tabs lists those lines)."""
    _check_text(data, source)
    text, encoding = decode_bytes(data)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    if any(ln.startswith(PEM_BEGIN) for ln in raw_lines[:PEM_HEAD_LINES]):
        # a privacy-enhanced message escapes each line starting with "-" as "- -..." (RFC 934): undone, its rules and
        # labels stand where they were typed ("- - United States" is "- United States", two columns left)
        raw_lines = [ln[2:] if ln.startswith("- -") else ln for ln in raw_lines]
    expanded = [ln.expandtabs(tab_size).rstrip() for ln in raw_lines]
    narrow = tuple(n for n, (raw, wide) in enumerate(zip(raw_lines, expanded), start=1)
                   if len(wide) > page_width and "\t" in raw)
    for n in narrow:  # at the usual stops these lines run off any page: their tabs were typed in place of spaces
        expanded[n - 1] = raw_lines[n - 1].replace("\t", " ").rstrip()
    lines = tuple(expanded)
    meta = _read_meta(lines)
    documents = _split_documents(lines)
    if not meta.company:
        meta = replace(meta, company=_guess_company(lines))
    if not meta.form_type:
        guessed = _guess_form(lines)
        meta = FilingMeta(guessed, meta.company, meta.cik, meta.period_of_report, meta.fiscal_year_end,
                          meta.filed, meta.accession)
        if documents and not documents[0].doc_type:
            d = documents[0]
            documents = (Document(guessed, d.description, d.first_line, d.last_line),) + documents[1:]
    return Filing(source=source, meta=meta, documents=documents, lines=lines, encoding=encoding, narrow_tabs=narrow)


def _read_meta(lines: tuple[str, ...]) -> FilingMeta:
    """Read the SGML header block if there is one (or a dissemination-feed .nc header); of several companies, the
    one the report is about (parties.choose_party) names the filer."""
    if is_dissemination(lines):
        return dissemination_meta(lines)
    values: dict[str, str] = {}
    parties: list[dict[str, str]] = []
    in_header = False
    end = 0
    for end, ln in enumerate(lines[:HEADER_LINES]):
        up = ln.strip().upper()
        if up.startswith("<SEC-HEADER>") or up.startswith("<IMS-HEADER>"):
            in_header = True
            continue
        if up.startswith("</SEC-HEADER>") or up.startswith("</IMS-HEADER>"):
            break
        if not in_header:
            continue
        if up.rstrip(":") in ROLES and up.endswith(":") and not ln[:1].isspace():
            parties.append({"role": up.rstrip(":")})
            continue
        m = _HEADER_LINE.match(ln)
        if not (m and m[1] in _HEADER_FIELDS and m[2]):
            continue
        field = _HEADER_FIELDS[m[1]]
        if field in PARTY_FIELDS:
            add_field(parties, field, m[2])
        else:
            values.setdefault(field, m[2])
    return header_meta(values, parties, lines[end + 1:])


def _guess_company(lines: tuple[str, ...]) -> str:
    """The registrant's name printed above "(Exact name of registrant ...)" on a cover page."""
    for i, ln in enumerate(lines[:200]):
        if _REGISTRANT_NOTE.search(ln):
            for j in range(i - 1, max(-1, i - 4), -1):
                name = lines[j].strip()
                if name and not set(name) <= set("_-= "):
                    return " ".join(name.split())
    return ""


def _guess_form(lines: tuple[str, ...]) -> str:
    for ln in lines[:80]:
        m = _FORM_LINE.match(ln)
        if m:
            return m[1].upper()
    return ""


def _split_documents(lines: tuple[str, ...]) -> tuple[Document, ...]:
    """Find <DOCUMENT> blocks; a file without them is one document."""
    docs: list[Document] = []
    start: int | None = None
    doc_type = description = ""
    for i, ln in enumerate(lines, start=1):
        up = ln.strip().upper()
        if up == "<DOCUMENT>":
            start, doc_type, description = i + 1, "", ""
            continue
        if up == "</DOCUMENT>" and start is not None:
            docs.append(Document(doc_type, description, start, i - 1))
            start = None
            continue
        if start is not None and i - start < 12:
            m = _TAG_LINE.match(ln.strip())
            if m:
                if m[1].upper() == "TYPE" and not doc_type:
                    doc_type = m[2].upper()
                elif m[1].upper() == "DESCRIPTION" and not description:
                    description = m[2]
    if start is not None:
        docs.append(Document(doc_type, description, start, len(lines)))
    if not docs:
        docs.append(Document("", "", 1, len(lines)))
    return tuple(docs)
