"""Every shared filing: the XBRL instance is XBRL 2.1/Dimensions valid in Arelle and calc results agree with ours."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from converter.checks.calc import calc_checks
from converter.mapping.load import load_taxonomy
from converter.mapping.match import map_report
from converter.pipeline import convert_file
from converter.writers.xbrl import instance_path, write_xbrl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_xbrl_out import calc_failures, run_arelle, tool_failures  # noqa: E402

FILINGS = sorted((Path(__file__).resolve().parent / "fixtures" / "filings").glob("*.txt"))


@pytest.fixture(scope="session")
def validated(tmp_path_factory):
    """Each filing converted, mapped, checked, written and validated once."""
    tax = load_taxonomy()
    out = {}
    for path in FILINGS:
        report = map_report(convert_file(path), tax)
        report = replace(report, checks=calc_checks(report, tax))
        folder = tmp_path_factory.mktemp(path.stem)
        write_xbrl(report, folder)
        out[path.stem] = (report, run_arelle(instance_path(report, folder), folder))
    return out


@pytest.mark.parametrize("stem", [p.stem for p in FILINGS])
def test_instance_is_valid(validated, stem):
    report, log = validated[stem]
    assert report.facts
    bad = [e["code"] for e in log if e["level"] in ("error", "warning", "critical", "fatal")]
    assert bad == []
    unexpected = [e["code"] for e in log if e["level"] == "inconsistency"
                  and not e["code"].startswith("calc11e:inconsistentCalculation")]
    assert unexpected == []


@pytest.mark.parametrize("stem", [p.stem for p in FILINGS])
def test_arelle_calc_agrees_with_tool(validated, stem):
    report, log = validated[stem]
    assert calc_failures(log) == tool_failures(report.checks)


def test_reference_primary_statements_map_to_taxonomy(validated):
    report, _ = validated["colt_6-K_2004-07"]
    primary = {st.table_id for st in report.statements if st.title.startswith("Consolidated")}
    assert len(primary) == 6  # two P&L quarters, STRGL, equity changes, balance sheet, cash flow
    unmapped = [(f.table_id, f.label, str(f.concept.qname)) for f in report.facts
                if f.table_id in primary and f.concept.extension]
    assert unmapped == []
