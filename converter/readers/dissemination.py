"""Conversion from the header of an EDGAR dissemination-feed submission (.nc file) into FilingMeta.

The daily feed's .nc files open with tagged lines in place of the SEC-HEADER's "KEY: value" lines::

    <SUBMISSION>
    <ACCESSION-NUMBER>0000950123-04-008123
"""

from __future__ import annotations

import re
from datetime import date
from typing import Sequence

from ..model import FilingMeta
from .parties import PARTY_FIELDS, ROLES, add_field, the_filer

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
    """The first value of each known tag before the first <DOCUMENT>; of several companies (<FILER>,
    <SUBJECT-COMPANY> blocks), the one the report is about (parties.choose_party) names the filer."""
    values: dict[str, str] = {}
    parties: list[dict[str, str]] = []
    end = 0
    for end, ln in enumerate(lines[:HEADER_LINES]):
        up = ln.strip().upper()
        if up == "<DOCUMENT>":
            break
        role = up[1:-1].replace("-", " ") if up.startswith("<") and up.endswith(">") else ""
        if role in ROLES:
            parties.append({"role": role})
            continue
        m = _TAG_VALUE.match(ln.strip())
        if not (m and m[1].upper() in _TAGS):
            continue
        field = _TAGS[m[1].upper()]
        if field in PARTY_FIELDS:
            add_field(parties, field, m[2])
        else:
            values.setdefault(field, m[2])
    return header_meta(values, parties, lines[end:])


def header_meta(values: dict[str, str], parties: list[dict[str, str]], text: Sequence[str]) -> FilingMeta:
    """A header's fields and party blocks -> FilingMeta, the filer chosen among the parties (parties.the_filer);
    text is the document after the header, where the filer may be named."""
    party = the_filer(parties, values.get("accession", ""), text)
    return FilingMeta(
        form_type=values.get("form_type", ""),
        company=party.company if party else "",
        cik=party.cik if party else "",
        period_of_report=yyyymmdd(values.get("period_of_report", "")),
        fiscal_year_end=party.fiscal_year_end if party else "",
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
