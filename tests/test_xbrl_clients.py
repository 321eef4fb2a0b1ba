"""Every shared filing's XBRL as downstream clients read it, offline: edgartools renders the statements printed and
names the entity; py-xbrl loads every fact, dimensional ones included; members are of the domain item type (what
brel keeps dimensional facts by), and brel, in a virtualenv of its own, loads every fact; Arelle reports the
calculation failures the tool reports, and no other problem."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree

from converter.checks.calc_network import LINKBASE, SUMMED_KINDS
from converter.pipeline import convert_file
from converter.writers.xbrl import xbrl_view
from converter.writers.xbrl.instance import context_ids
from converter.writers.xbrl.names import clean_dims, unit_id
from converter.writers.xbrl import instance_path, write_xbrl

SETUP = ROOT / "tests" / "setup"
SHARED = sorted((ROOT.parent / "shared" / "filings").glob("*.txt"))
XBRLI = "{http://www.xbrl.org/2003/instance}"
XBRLDI = "{http://xbrl.org/2006/xbrldi}"
CALC_KINDS = ("calc", LINKBASE)  # the taxonomy's calculation groups, the statements' networks
EDGARTOOLS = {"balance": "balance_sheet", "income": "income_statement", "cashflow": "cash_flow_statement"}
pytestmark = pytest.mark.skipif(not SHARED, reason="the shared filings (../shared/filings) are not here")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Each shared filing converted and its XBRL written once: stem -> (report, instance path)."""
    out = {}
    for path in SHARED:
        report = convert_file(path)
        folder = tmp_path_factory.mktemp(path.stem)
        write_xbrl(report, folder)
        out[path.stem] = (report, instance_path(report, folder))
    return out


def instance_counts(instance: Path) -> tuple[int, int]:
    """(facts, facts in a context with dimensions) of an instance, read with lxml."""
    xbrl = etree.parse(str(instance)).getroot()
    facts = [e for e in xbrl if e.get("contextRef")]
    segmented = {c.get("id") for c in xbrl.iter(f"{XBRLI}context") if c.find(f".//{XBRLI}segment") is not None}
    return len(facts), sum(e.get("contextRef") in segmented for e in facts)


@pytest.mark.parametrize("stem", [p.stem for p in SHARED])
def test_edgartools_renders_each_printed_statement_and_names_the_entity(written, stem):
    from edgar.xbrl import XBRL

    report, instance = written[stem]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xbrl = XBRL.from_directory(instance.parent)
        assert xbrl.entity_info["entity_name"] == report.meta.company != ""
        printed = {st.kind for st in report.statements if st.facts}
        for kind, method in EDGARTOOLS.items():
            if kind in printed:
                frame = getattr(xbrl.statements, method)().to_dataframe()
                assert frame.select_dtypes("number").notna().sum().sum() > 0, (stem, kind)


@pytest.fixture(scope="module")
def pyxbrl_cache(tmp_path_factory):
    """A py-xbrl cache seeded from the XBRL base schemas Arelle ships (py-xbrl would download them)."""
    import arelle

    cache = tmp_path_factory.mktemp("xbrl-cache")
    shutil.copytree(Path(arelle.__file__).parent / "resources" / "cache" / "http", cache, dirs_exist_ok=True)
    return cache


@pytest.mark.parametrize("stem", [p.stem for p in SHARED])
def test_py_xbrl_loads_every_fact(written, pyxbrl_cache, stem):
    from xbrl.cache import HttpCache
    from xbrl.instance import XbrlParser

    _, instance = written[stem]
    parsed = XbrlParser(HttpCache(str(pyxbrl_cache))).parse_instance(str(instance))
    facts, dimensional = instance_counts(instance)
    assert (len(parsed.facts), sum(1 for f in parsed.facts if f.context.segments)) == (facts, dimensional)


@pytest.mark.parametrize("stem", [p.stem for p in SHARED])
def test_every_member_and_domain_is_of_the_domain_item_type(written, stem):
    _, instance = written[stem]
    types = {}
    for schema in instance.parent.glob("*.xsd"):
        root = etree.parse(str(schema)).getroot()
        prefix = {ns: p for p, ns in root.nsmap.items()}[root.get("targetNamespace")]
        types.update({f"{prefix}:{e.get('name')}": e.get("type") for e in root.iter("{*}element")})
    members = {e.text for e in etree.parse(str(instance)).iter(f"{XBRLDI}explicitMember")}
    domains = {name for name in types if name.endswith("Domain")}
    assert {types[m] for m in members | domains} <= {"nonnum:domainItemType"}


def brel_cache_name(uri: str) -> str:
    """The name brel gives a schema in its cache (~/.brel/dts_cache), as XMLFileManager.uri_to_filename makes it."""
    fmt = uri.rsplit(".", 1)[-1]
    uri = uri.replace("." + fmt, "").replace("http://", "").replace("https://", "").replace("www.", "")
    for ch in "/:?.\\":
        uri = uri.replace(ch, "_")
    return f"{uri}.{fmt}"


@pytest.fixture(scope="module")
def brel_counts(written, tmp_path_factory):
    """(facts, dimensional facts) brel loads from each instance: brel runs in a virtualenv of its own, made (once per
    machine, in the user's cache) by tests/setup/ensure_brel.sh, with a schema cache seeded from Arelle's."""
    import arelle

    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    made = subprocess.run(["bash", str(SETUP / "ensure_brel.sh"), str(cache_home / "edgar2xbrl" / "brel-venv")],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"brel's virtualenv could not be made (tests/setup/ensure_brel.sh): {made.stderr.strip()[-300:]}")
    home = tmp_path_factory.mktemp("brel-home")
    cache = home / ".brel" / "dts_cache"
    cache.mkdir(parents=True)
    http = Path(arelle.__file__).parent / "resources" / "cache" / "http"
    for schema in http.rglob("*.xsd"):
        shutil.copy(schema, cache / brel_cache_name(f"http://{schema.relative_to(http).as_posix()}"))
    folders = {stem: str(instance.parent) for stem, (_, instance) in written.items()}
    ran = subprocess.run([made.stdout.strip().splitlines()[-1], str(SETUP / "brel_facts.py"), *folders.values()],
                         capture_output=True, text=True, env={**os.environ, "HOME": str(home)}, check=True)
    counts = json.loads(ran.stdout)
    return {stem: tuple(counts[folder]) for stem, folder in folders.items()}


@pytest.mark.parametrize("stem", [p.stem for p in SHARED])
def test_brel_loads_every_fact(written, brel_counts, stem):
    """The real brel (brel-xbrl, in its own virtualenv: it pins old lxml, pandas and requests) loads every fact,
    dimensional ones included (it drops those whose members are not domain items)."""
    _, instance = written[stem]
    assert brel_counts[stem] == instance_counts(instance)


def run_arelle(instance: Path, tmp: Path) -> list[dict]:
    """Arelle offline on one instance: XBRL 2.1, Dimensions, Calculations 1.1 (round to nearest) and the duplicate
    facts check for inconsistent duplicates; its JSON log entries."""
    log = tmp / f"{instance.stem}-arelle.json"
    subprocess.run([sys.executable, "-m", "arelle.CntlrCmdLine", "--workOffline", "-v", "--calc", "c11r",
                    "--validateDuplicateFacts", "inconsistent", "--validationExitCode", "--logFile", str(log),
                    "-f", str(instance)], env={**os.environ, "XDG_CONFIG_HOME": str(tmp / "xdg")},
                   capture_output=True, timeout=600, check=False)
    return json.loads(log.read_text(encoding="utf-8"))["log"]


def tool_calc_failures(report) -> Counter:
    """(concept, context id, unit id) of each failing calculation check of the tool, as the instance names them."""
    plan, facts, _, _ = xbrl_view(report)
    contexts = context_ids(facts)
    return Counter((plan.concept(c.total.concept).text, contexts[(c.total.period, clean_dims(c.total.dims))],
                    unit_id(c.total.unit)) for c in report.checks if c.kind in CALC_KINDS and not c.ok)


def arelle_calc_failures(log: list[dict]) -> Counter:
    """(concept, context id, unit id) of each calculation inconsistency Arelle reports."""
    return Counter((e["message"]["args"]["concept"], e["message"]["args"]["contextID"], e["message"]["args"]["unitID"])
                   for e in log if e["code"].startswith(("calc11e:inconsistentCalculation", "xbrl.5.2.5.2")))


@pytest.mark.parametrize("stem", [p.stem for p in SHARED])
def test_arelle_reports_the_calculation_failures_the_tool_reports_and_no_other_problem(written, stem, tmp_path):
    """The calculation linkbase holds the sums the checks test, failing ones too: Arelle's Calculations 1.1 report
    is the tool's, each failing printed subtotal or balance equation is in it or has a diagnostic saying why it
    cannot be written, and Arelle finds no error, warning or inconsistent duplicate."""
    report, instance = written[stem]
    log = run_arelle(instance, tmp_path)
    assert [e["code"] for e in log if e["level"] in ("error", "warning", "critical", "fatal")] == []
    assert [e["code"] for e in log if e["level"] == "inconsistency"
            and not e["code"].startswith("calc11e:inconsistentCalculation")] == []
    assert arelle_calc_failures(log) == tool_calc_failures(report)
    def where(c):  # the statement, and the total's element, context and unit
        return c.table_id, c.total.concept.qname, c.total.period, clean_dims(c.total.dims), c.total.unit

    failed_calc = {where(c) for c in report.checks if c.kind in CALC_KINDS and not c.ok}
    noted = {(d.span.line, d.message.split(" is checked but")[0]) for d in report.diagnostics
             if d.code == "calc.not-in-linkbase"}
    for c in report.checks:
        if c.kind in SUMMED_KINDS and c.failed:
            assert (c.total and where(c) in failed_calc) or (c.line, f"{c.description} ({c.table_id})") in noted, c
