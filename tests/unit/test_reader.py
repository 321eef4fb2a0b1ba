"""Reading submissions and bare documents: header, documents, encodings, tabs."""

from __future__ import annotations

from datetime import date

import pytest

from converter.errors import ReadError
from converter.readers.edgar_text import read_filing_bytes

SUBMISSION = b"""<SEC-DOCUMENT>0000000000-97-000001.txt : 19970513
<SEC-HEADER>0000000000-97-000001.hdr.sgml : 19970513
ACCESSION NUMBER:\t\t0000000000-97-000001
CONFORMED SUBMISSION TYPE:\t10-Q
CONFORMED PERIOD OF REPORT:\t19970328
FILED AS OF DATE:\t\t19970512
\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tEXAMPLE CORP
\t\tCENTRAL INDEX KEY:\t\t\t0000320193
\t\tFISCAL YEAR END:\t\t\t0930
</SEC-HEADER>
<DOCUMENT>
<TYPE>10-Q
<TEXT>
Net sales\t$1,601
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-27
<TEXT>
<CASH>  1,273
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_submission_header_and_documents():
    f = read_filing_bytes(SUBMISSION, "x.txt")
    assert (f.meta.form_type, f.meta.company, f.meta.cik) == ("10-Q", "EXAMPLE CORP", "320193")
    assert f.meta.period_of_report == date(1997, 3, 28) and f.meta.fiscal_year_end == "0930"
    assert [d.doc_type for d in f.documents] == ["10-Q", "EX-27"]
    first = f.documents[0]
    assert "Net sales" in "\n".join(f.lines[first.first_line - 1 : first.last_line])


def test_tabs_expand_to_eight_columns():
    f = read_filing_bytes(SUBMISSION, "x.txt")
    line = next(ln for ln in f.lines if ln.startswith("Net sales"))
    assert line == "Net sales       $1,601"


def test_tabs_that_would_run_off_the_page_are_one_space_each():
    """A line whose tabs, at 8-column stops, push it past the page width had them typed in place of spaces."""
    rule = "\t" * 40 + "-------"  # 327 characters at 8-column stops; the rule belongs at column 40
    data = f"Net sales\t\t$1,601\n{rule}\n".encode()
    filing = read_filing_bytes(data, "x.txt")
    assert filing.lines == ("Net sales\t\t$1,601".expandtabs(8), " " * 40 + "-------")
    assert filing.narrow_tabs == (2,)
    wide = read_filing_bytes(data, "x.txt", page_width=400)
    assert wide.lines[1] == rule.expandtabs(8) and wide.narrow_tabs == ()


def test_cp1252_bytes_are_kept():
    f = read_filing_bytes("FORM 6-K\nTurnover \u00a3301.2 million \u2014 up\n".encode("cp1252"), "x.txt")
    assert f.encoding == "cp1252" and "\u00a3301.2" in f.lines[1] and "\u2014" in f.lines[1]
    assert f.meta.form_type == "6-K"


def test_undefined_cp1252_bytes_read_as_latin1():
    f = read_filing_bytes(b"FORM 8-K\nA \x81 B\n", "x.txt")
    assert f.lines[1] == "A \x81 B"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary", "binary"),
    (b"<html><body><table border=1><tr><td>1</td></tr></table><div></div><font>x</font></body></html>", "HTML"),
])
def test_bad_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_filing_bytes(data, "bad.txt")
