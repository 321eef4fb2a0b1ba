"""Shared fixtures: paths to the bundled filings and the shared gold file."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT / "tests" / "fixtures" / "filings"
REFERENCE = FILINGS / "colt_6-K_2004-07.txt"
GOLD = ROOT / "tests" / "fixtures" / "gold" / "colt_6-K_2004-07.facts.csv"


@pytest.fixture(scope="session")
def reference_report():
    """The reference filing converted once per test session."""
    from converter.pipeline import convert_file

    return convert_file(REFERENCE)
