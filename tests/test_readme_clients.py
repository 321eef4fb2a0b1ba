"""The README's "Reading the output" snippets, run as a user would run them: Arelle, edgartools, py-xbrl, DuckDB."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import REFERENCE, ROOT
from lxml import etree

from converter.checks.calc_network import LINKBASE
from converter.pipeline import convert_file, write_report

SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## Reading the output", 1)[1]
SNIPPETS = re.findall(r"```(sh|python)\n(.*?)```", SECTION, re.S)
XBRLI = "{http://www.xbrl.org/2003/instance}"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder holding out/colt_6-K_2004-07/ as the Quick start writes it, and the report."""
    cwd = tmp_path_factory.mktemp("readme")
    report = convert_file(REFERENCE)
    write_report(report, cwd / "out" / REFERENCE.stem)
    return cwd, report


def run(snippet: int, cwd) -> str:  # type: ignore[no-untyped-def]
    """Run the README's snippet (by position) in cwd; its standard output."""
    lang, code = SNIPPETS[snippet]
    cmd = ["bash", "-c", code] if lang == "sh" else [sys.executable, "-c", code]
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_section_has_the_four_snippets():
    assert [lang for lang, _ in SNIPPETS] == ["sh", "python", "python", "python"]
    names = ("arelle", "edgar", "xbrl.instance", "duckdb")
    assert [name in code for name, (_, code) in zip(names, SNIPPETS)] == [True] * 4


def test_arelle_snippet_finds_no_error_or_warning_and_the_calculation_failures_the_tool_reports(workdir):
    cwd, report = workdir
    run(0, cwd)
    log = json.loads((cwd / "arelle-log.json").read_text(encoding="utf-8"))["log"]
    assert any("loaded" in e["message"]["text"] for e in log)
    assert [e["code"] for e in log if e["level"] not in ("info", "debug", "inconsistency")] == []
    flagged = sorted(e["message"]["args"]["concept"] for e in log if e["level"] == "inconsistency"
                     and e["code"].startswith("calc11e:inconsistentCalculation"))
    assert flagged == sorted(str(c.total.concept.qname) for c in report.checks
                             if c.kind in ("calc", LINKBASE) and not c.ok)
    assert len(flagged) == len([e for e in log if e["level"] == "inconsistency"])


def test_edgartools_snippet_names_the_entity_and_renders_the_statements(workdir):
    cwd, report = workdir
    out = run(1, cwd)
    assert out.splitlines()[0] == report.meta.company
    assert "BALANCE SHEET" in out.upper() and "Liabilities and stockholders' equity" in out and "£2,284,872" in out
    assert "e2x_Revenues" in out and "292967000.0" in out


def test_py_xbrl_snippet_loads_every_fact(workdir):
    cwd, report = workdir
    xbrl = etree.parse(str(cwd / "out" / REFERENCE.stem / "xbrl" / f"{REFERENCE.stem}.xml")).getroot()
    facts = [e for e in xbrl if e.get("contextRef")]
    segmented = {c.get("id") for c in xbrl.iter(f"{XBRLI}context") if c.find(f".//{XBRLI}segment") is not None}
    dimensional = sum(e.get("contextRef") in segmented for e in facts)
    assert dimensional > 100
    assert run(2, cwd).strip() == f"{len(facts)} facts, {dimensional} with dimensions"


def test_duckdb_snippet_reads_filer_and_both_signs(workdir):
    cwd, report = workdir
    out = run(3, cwd)
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if report.meta.company in line]
    costs = sorted((f.period.end.isoformat(), f.line, f.amount.value) for f in report.facts
                   if f.concept.qname.local == "CostOfRevenue" and not f.dims and f.unit.text == "GBP")
    assert len(rows) == len(costs) == 4
    for row, (end, line, value) in zip(rows, sorted(costs)):
        assert (row[1], row[3]) == (str(line), end)
        assert (Decimal(row[4]), Decimal(row[5])) == (value, -value) and value < 0
