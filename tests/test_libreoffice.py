"""The workbook opens in LibreOffice: headless PDF conversion, printed text as the filing shows it, one PNG page.

LibreOffice and poppler come from tests/setup/ensure_libreoffice.sh (run by .ci/run); without them these tests
skip with that reason. Set E2X_RENDER_DIR to keep the rendered PNG for a person to look at.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from converter.writers.xlsx.layout import filing_caption
from converter.writers.xlsx_out import write_xlsx
from conftest import GOLD
from test_xlsx_sample import sample_report

TIMEOUT = 180
"""Seconds one LibreOffice conversion may take."""

CURRENCY = re.compile(r"(?<![A-Za-z])(GBP|US\$|\$)(?=[\d(.])")
"""A currency written before a printed amount ("GBP(0.02)"): the sheet shows it in the unit row instead."""


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (run tests/setup/ensure_libreoffice.sh)")
    return path


def to_pdf(xlsx: Path, out: Path) -> Path:
    """Convert a workbook to PDF with headless LibreOffice, in a private profile."""
    profile = out / "lo-profile"
    done = subprocess.run(
        [tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=TIMEOUT,
    )
    pdf = out / (xlsx.stem + ".pdf")
    assert done.returncode == 0, done.stderr
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), done.stdout + done.stderr
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of each PDF page, laid out."""
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=TIMEOUT).stdout
    return text.split("\f")


def render_page(pdf: Path, page: int, out: Path) -> Path:
    """One PDF page (1-based) as a PNG."""
    subprocess.run([tool("pdftoppm"), "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out / "statement")], check=True, timeout=TIMEOUT)
    png = out / "statement.png"
    if os.environ.get("E2X_RENDER_DIR"):
        Path(os.environ["E2X_RENDER_DIR"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(os.environ["E2X_RENDER_DIR"]) / png.name)
    return png


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("lo")
    (xlsx,) = write_xlsx(sample_report(), out)
    return to_pdf(xlsx, out)


def test_sample_prints_as_the_filing_shows(sample_pdf):
    pages = page_texts(sample_pdf)
    page = next(p for p in pages if "Consolidated Profit and Loss Account" in p and "Turnover" in p)
    for shown in ("292,967", "(195,477)", "(205,028)", "546,015", "33.3%", "(31.9%)", "(0.02)", "--", "1,234",
                  "GBP thousands", "USD thousands", "3 Months Ended", "Jun. 30, 2004", "-LIFO",
                  "=SUM(A1:A9)+cmd|' /C calc'!A0"):
        assert shown in page, shown
    assert "195477000" not in page and "###" not in page and "Source line" not in page


@pytest.fixture(scope="module")
def reference_pdf(reference_report, tmp_path_factory):
    """The reference filing's workbook as PDF, or None while the engine finds no statements."""
    if not reference_report.statements:
        return None
    out = tmp_path_factory.mktemp("lo-ref")
    (xlsx,) = write_xlsx(reference_report, out)
    return to_pdf(xlsx, out)


def test_every_gold_cell_prints_as_the_filing_printed_it(reference_report, reference_pdf):
    if reference_pdf is None or not reference_report.facts:
        pytest.xfail("the extraction engine yields no facts yet")
    marker = f"{Path(reference_report.source).name} lines "
    words = {w for page in page_texts(reference_pdf) if marker in page for w in page.split()}
    with open(GOLD, encoding="utf-8", newline="") as fh:
        gold = list(csv.DictReader(fh))
    missing = []
    for g in gold:
        shown = CURRENCY.sub("", g["presented"].replace(" ", ""))  # the unit row names the currency
        if shown not in words:
            missing.append((g["line"], g["presented"]))
    assert not missing, f"{len(missing)} gold cells not printed as in the filing, e.g. {missing[:5]}"


def test_statement_renders_to_a_landscape_png(sample_pdf, reference_report, reference_pdf, tmp_path):
    report, pdf = sample_report(), sample_pdf
    if reference_pdf is not None:
        report, pdf = reference_report, reference_pdf
    st = max(report.statements, key=lambda s: len(s.facts))
    caption = filing_caption(report.meta, report.source, st)
    pages = page_texts(pdf)
    number = next(i for i, p in enumerate(pages, start=1) if caption in p)
    png = render_page(pdf, number, tmp_path)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > height > 300
