"""Conversion from the header of an EDGAR dissemination-feed submission (.nc file) into FilingMeta.

The daily feed's .nc files open with tagged lines in place of the SEC-HEADER's "KEY: value" lines::

    <SUBMISSION>
    <ACCESSION-NUMBER>0000950123-04-008123
"""

from __future__ import annotations

import re
from datetime import date

from ..model import FilingMeta

HEADER_LINES = 400  # the header is read from at most this many first lines
_TAGS = {
    "ACCESSION-NUMBER": "accession",
    "TYPE": "form_type",
    "PERIOD": "period_of_report",
    "FILING-DATE": "filed",
    "CONFORMED-NAME": "company",
    "CIK": "cik",
    "FISCAL-YEAR-END": "fiscal_year_end",
}
_TAG_VALUE = re.compile(r"^<([A-Z][A-Z-]*)>\s*(\S.*?)\s*$")


def is_dissemination(lines: tuple[str, ...]) -> bool:
    """Whether the first non-blank line opens a dissemination-feed submission (<SUBMISSION>)."""
    first = next((ln.strip() for ln in lines[:20] if ln.strip()), "")
    return first.upper() == "<SUBMISSION>"


def dissemination_meta(lines: tuple[str, ...]) -> FilingMeta:
    """The first value of each known tag before the first <DOCUMENT> (the filer's, not a later party's)."""
    values: dict[str, str] = {}
    for ln in lines[:HEADER_LINES]:
        up = ln.strip().upper()
        if up == "<DOCUMENT>":
            break
        m = _TAG_VALUE.match(ln.strip())
        if m and m[1].upper() in _TAGS:
            values.setdefault(_TAGS[m[1].upper()], m[2])
    return FilingMeta(
        form_type=values.get("form_type", ""),
        company=values.get("company", ""),
        cik=values.get("cik", "").lstrip("0"),
        period_of_report=yyyymmdd(values.get("period_of_report", "")),
        fiscal_year_end=values.get("fiscal_year_end", ""),
        filed=yyyymmdd(values.get("filed", "")),
        accession=values.get("accession", ""),
    )


def yyyymmdd(text: str) -> date | None:
    """A date written YYYYMMDD, as SEC headers write them, or None."""
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
