"""xBRL-CSV writer: Arelle loads report.json into the same facts as the XML instance."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from converter.mapping.load import load_taxonomy
from converter.mapping.match import map_report
from converter.pipeline import convert_file
from converter.writers import WRITERS
from converter.writers.xbrl import instance_path, write_xbrl
from converter.writers.xbrlcsv_out import oim_period, write_xbrl_csv

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import FILINGS  # noqa: E402
from test_mapping import gold_report  # noqa: E402

LOAD_FACTS = r"""
import json, sys
from arelle import Cntlr, PluginManager
c = Cntlr.Cntlr(logFileName="logToBuffer")
c.webCache.workOffline = True
PluginManager.addPluginModule("loadFromOIM")
out = {}
for path in sys.argv[1:]:
    m = c.modelManager.load(path)
    rows = []
    for f in m.facts:
        ctx = f.context
        per = [str(ctx.instantDatetime)] if ctx.isInstantPeriod else [str(ctx.startDatetime), str(ctx.endDatetime)]
        unit = [sorted(str(q) for q in ms) for ms in f.unit.measures] if f.unit is not None else None
        dims = sorted([str(d.dimensionQname), str(d.memberQname)] for d in ctx.qnameDims.values())
        rows.append([str(f.qname), per, unit, dims, str(f.xValue) if f.isNumeric else f.value, f.decimals])
    errors = [e for e in c.logHandler.logRecordBuffer if e.levelname in ("ERROR", "WARNING", "CRITICAL")]
    out[path] = {"facts": rows, "errors": [e.getMessage()[:200] for e in errors]}
    c.logHandler.clearLogBuffer()
print(json.dumps(out))
"""


@pytest.fixture(scope="session")
def both(tmp_path_factory):
    """The gold-built report written as XML and xBRL-CSV, each loaded by Arelle (one process)."""
    report = map_report(gold_report(), load_taxonomy())
    out = tmp_path_factory.mktemp("xbrl-csv")
    write_xbrl(report, out)
    files = write_xbrl_csv(report, out)
    xml, js = str(instance_path(report, out)), str(out / "xbrl-csv" / "report.json")
    env = {**os.environ, "XDG_CONFIG_HOME": str(out / "xdg")}
    proc = subprocess.run([sys.executable, "-c", LOAD_FACTS, xml, js], env=env, capture_output=True, text=True,
                          timeout=600, check=True)
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    return report, files, loaded[xml], loaded[js]


def test_writer_is_registered():
    assert "xbrl-csv" in WRITERS


def test_oim_periods():
    from datetime import date

    from converter.model import Duration, Instant
    assert oim_period(Instant(date(2004, 6, 30))) == "2004-07-01T00:00:00"
    assert oim_period(Duration(date(2004, 4, 1), date(2004, 6, 30))) == "2004-04-01T00:00:00/2004-07-01T00:00:00"


def test_arelle_loads_the_csv_report_without_errors(both):
    _, _, xml, csv_ = both
    assert xml["errors"] == [] and csv_["errors"] == []


def test_csv_and_xml_hold_the_same_facts(both):
    report, _, xml, csv_ = both
    as_key = lambda rows: Counter(json.dumps(r, sort_keys=True) for r in rows)  # noqa: E731
    assert len(csv_["facts"]) == len(report.facts) - 1 + 7  # a conflicting duplicate left out; cover facts added
    assert as_key(xml["facts"]) == as_key(csv_["facts"])


def test_csv_metadata_names_its_taxonomy(both):
    _, files, _, _ = both
    meta = json.loads(next(p for p in files if p.name == "report.json").read_text(encoding="utf-8"))
    assert meta["documentInfo"]["documentType"] == "https://xbrl.org/2021/xbrl-csv"
    assert all((files[0].parent / t).exists() for t in meta["documentInfo"]["taxonomy"])


def test_taxonomy_files_match_the_xml_writers_whichever_report_came_before(tmp_path):
    """Each report gets its own DTS, the same as written alone and the same from either writer."""
    from dataclasses import replace

    from converter.memo import clear_text_caches

    first = map_report(gold_report(), load_taxonomy())
    second = replace(first, source="other_10-K_1999-03.txt", statements=first.statements[:1])
    write_xbrl(first, tmp_path / "a")
    write_xbrl_csv(second, tmp_path / "a")
    clear_text_caches()
    write_xbrl_csv(second, tmp_path / "b")
    write_xbrl(second, tmp_path / "b")
    for name in ("other_10-K_1999-03.xsd", "other_10-K_1999-03_pre.xml", "other_10-K_1999-03_def.xml"):
        assert (tmp_path / "a" / "xbrl-csv" / name).read_bytes() == (tmp_path / "b" / "xbrl-csv" / name).read_bytes()
        assert (tmp_path / "b" / "xbrl" / name).read_bytes() == (tmp_path / "b" / "xbrl-csv" / name).read_bytes()
    facts = [(tmp_path / run / "xbrl-csv" / "facts.csv").read_bytes() for run in ("a", "b")]
    assert facts[0] == facts[1]


def test_facts_table_is_what_csv_writer_writes_of_its_rows(tmp_path):
    """The facts table, read back and written again by the csv module, is unchanged (quoting and line ends)."""
    for path in sorted(FILINGS.glob("*.txt")):
        out = tmp_path / path.stem
        write_xbrl_csv(convert_file(path), out)
        text = (out / "xbrl-csv" / "facts.csv").read_text(encoding="utf-8")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(csv.reader(io.StringIO(text, newline="")))
        assert buf.getvalue() == text
