"""The companies a submission header names (FILER, SUBJECT COMPANY, FILED BY blocks) -> the filer the report is about.

A co-registrant submission (a parent and its subsidiaries filing one document) lists one FILER block per registrant,
in no particular order::

    FILER:
        COMPANY DATA:
            COMPANY CONFORMED NAME:     ALABAMA POWER CO
            CENTRAL INDEX KEY:          0000003153
    FILER:
        COMPANY DATA:
            COMPANY CONFORMED NAME:     SOUTHERN CO
            CENTRAL INDEX KEY:          0000092122

The report is about one of them: the subject company where the header names one; else the filer that submitted the
filing (the accession number starts with the submitter's CIK); else the filer the document names first (its cover);
else the first block.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..record import record

ROLES = ("SUBJECT COMPANY", "FILER", "FILED BY")
"""Party blocks of an SEC header, the one a report is about first (a subject company is what the filing covers)."""
PARTY_FIELDS = frozenset({"company", "cik", "fiscal_year_end"})
"""FilingMeta fields read from a company block (the others are the submission's)."""
COVER_LINES = 300  # lines of the documents searched for the registrants' names
_SUFFIXES = {"CO": "COMPANY", "CORP": "CORPORATION", "INC": "INCORPORATED", "LTD": "LIMITED", "PLC": "PLC",
             "CNTY": "COUNTY", "INTL": "INTERNATIONAL", "&": "AND"}
"""Abbreviations of EDGAR conformed names and the words a document prints for them."""
_WORD = re.compile(r"[A-Z0-9&]+")


@record
class Party:
    """One company block of a submission header."""

    role: str  # "FILER", "SUBJECT COMPANY", "FILED BY" ("FILER" for a header without role lines)
    company: str  # COMPANY CONFORMED NAME
    cik: str  # CENTRAL INDEX KEY without leading zeros
    fiscal_year_end: str  # FISCAL YEAR END ("MMDD"), or ""


def add_field(blocks: list[dict[str, str]], field: str, value: str) -> None:
    """Put a company field into the current block; a field before any role line, or a second name, opens a block."""
    if not blocks or field == "company" and "company" in blocks[-1]:
        blocks.append({"role": "FILER"})
    blocks[-1].setdefault(field, value)


def the_filer(blocks: Sequence[dict[str, str]], accession: str, text: Sequence[str]) -> Party | None:
    """choose_party among header blocks read as {"role": ..., field: value} (add_field)."""
    parties = [Party(b["role"], b.get("company", ""), b.get("cik", "").lstrip("0"), b.get("fiscal_year_end", ""))
               for b in blocks]
    return choose_party(parties, accession, text)[0]


def choose_party(parties: Sequence[Party], accession: str, text: Sequence[str]) -> tuple[Party | None, str]:
    """The party the report is about, and why (a short phrase; "" when there was no choice to make)."""
    if not parties:
        return None, ""
    for role in ROLES:
        ranked = [p for p in parties if p.role == role]
        if not ranked:
            continue
        if len(ranked) == 1:
            return ranked[0], "" if len(parties) == 1 else f"the only {role.lower()}"
        submitter = accession.split("-")[0].lstrip("0")
        by_cik = [p for p in ranked if submitter and p.cik == submitter]
        if by_cik:
            return by_cik[0], "the co-registrant whose CIK opens the accession number"
        named = _first_named(ranked, text)
        if named is not None:
            return named, "the co-registrant the document names first"
        return ranked[0], "the first co-registrant block"
    return parties[0], ""


def _first_named(parties: Sequence[Party], text: Sequence[str]) -> Party | None:
    """The party whose name the text prints first (conformed abbreviations read as words; "The" ignored)."""
    words = _words(" ".join(text[:COVER_LINES]))
    joined = f" {' '.join(words)} "
    found = []
    for n, p in enumerate(parties):
        name = [w for w in _words(p.company) if w != "THE"]
        at = joined.find(f" {' '.join(name)} ") if name else -1
        if at >= 0:
            found.append((at, -len(name), n))
    return parties[min(found)[2]] if found else None


def _words(text: str) -> list[str]:
    """Upper-case words with EDGAR abbreviations spelt out."""
    return [_SUFFIXES.get(w, w) for w in _WORD.findall(text.upper())]
