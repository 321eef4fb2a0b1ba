"""The filer of a co-registrant submission: the company the report is about, not the first FILER block."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.readers.edgar_text import read_filing_bytes
from converter.readers.parties import Party, choose_party

SHARED = Path(__file__).resolve().parents[3] / "shared" / "filings"


def block(role: str, name: str, cik: str, fye: str = "1231") -> str:
    return (f"{role}:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n"
            f"\t\tCENTRAL INDEX KEY:\t\t\t{cik}\n\t\tFISCAL YEAR END:\t\t\t{fye}\n\n"
            "\tFILING VALUES:\n\t\tFORM TYPE:\t\t8-K\n\n")


def submission(accession: str, blocks: list[str], cover: str) -> bytes:
    return (f"<SEC-DOCUMENT>{accession}.txt : 20050125\n<SEC-HEADER>{accession}.hdr.sgml : 20050125\n"
            f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t8-K\n"
            f"CONFORMED PERIOD OF REPORT:\t20050125\n\n{''.join(blocks)}</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\n"
            f"{cover}\n</TEXT>\n</DOCUMENT>\n").encode()


CO_REGISTRANTS = [block("FILER", "NORTH POWER CO", "0000000011", "0630"),
                  block("FILER", "EXAMPLE HOLDINGS CORP", "0000000022"),
                  block("FILER", "SOUTH POWER CO", "0000000033")]
COVER = """Commission       Registrant, State of Incorporation
1-1111           Example Holdings Corporation
                 (A Delaware Corporation)
1-2222           North Power Company
1-3333           South Power Company"""


def test_the_filer_is_the_co_registrant_that_submitted_the_filing():
    meta = read_filing_bytes(submission("0000000022-05-000042", CO_REGISTRANTS, COVER), "x.txt").meta
    assert (meta.company, meta.cik, meta.fiscal_year_end, meta.form_type) == ("EXAMPLE HOLDINGS CORP", "22", "1231",
                                                                             "8-K")


def test_a_filing_agent_submitting_it_leaves_the_registrant_the_cover_names_first():
    meta = read_filing_bytes(submission("0000950123-05-000042", CO_REGISTRANTS, COVER), "x.txt").meta
    assert (meta.company, meta.cik) == ("EXAMPLE HOLDINGS CORP", "22")


def test_no_registrant_named_leaves_the_first_block():
    meta = read_filing_bytes(submission("0000950123-05-000042", CO_REGISTRANTS, "Results of operations"), "x.txt").meta
    assert (meta.company, meta.cik, meta.fiscal_year_end) == ("NORTH POWER CO", "11", "0630")


def test_a_subject_company_is_what_the_filing_is_about():
    blocks = [block("FILED BY", "EXAMPLE HOLDINGS CORP", "0000000022"),
              block("SUBJECT COMPANY", "SOUTH POWER CO", "33")]
    meta = read_filing_bytes(submission("0000000022-05-000042", blocks, COVER), "x.txt").meta
    assert (meta.company, meta.cik) == ("SOUTH POWER CO", "33")


def test_the_dissemination_feed_header_chooses_the_same_way():
    nc = (b"<SUBMISSION>\n<ACCESSION-NUMBER>0000000022-05-000042\n<TYPE>8-K\n"
          + b"".join(f"<FILER>\n<COMPANY-DATA>\n<CONFORMED-NAME>{n}\n<CIK>{c}\n</COMPANY-DATA>\n</FILER>\n".encode()
                     for n, c in (("NORTH POWER CO", "0000000011"), ("EXAMPLE HOLDINGS CORP", "0000000022")))
          + b"<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nNet sales  1\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n")
    meta = read_filing_bytes(nc, "x.nc").meta
    assert (meta.company, meta.cik) == ("EXAMPLE HOLDINGS CORP", "22")


@pytest.mark.parametrize("name, text, expected", [
    ("SOUTHERN CO", "The Southern Company", True),
    ("SEARS ROEBUCK & CO", "SEARS, ROEBUCK AND CO.", True),
    ("SOUTHERN POWER CO", "The Southern Company", False),
])
def test_conformed_names_are_read_as_printed_words(name, text, expected):
    parties = [Party("FILER", "OTHER INC", "1", ""), Party("FILER", name, "2", "")]
    assert (choose_party(parties, "", [text])[0] == parties[1]) is expected


@pytest.mark.skipif(not (SHARED / "southernco_8-K_2005-01.txt").exists(), reason="shared filings not here")
def test_issue_16_a_parent_filing_for_its_subsidiaries_is_the_filer():
    """The parent's FILER block is the fifth of seven; the accession number opens with its CIK."""
    meta = read_filing_bytes((SHARED / "southernco_8-K_2005-01.txt").read_bytes(), "southernco.txt").meta
    assert (meta.company, meta.cik) == ("SOUTHERN CO", "92122")
