"""XBRL instance writer: Arelle validates the output offline and its Calculations 1.1 check agrees with ours."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from converter.checks.calc import calc_checks
from converter.mapping.load import load_taxonomy
from converter.mapping.match import map_report
from converter.writers import WRITERS
from converter.writers.xbrl_out import instance_path, write_xbrl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_mapping import gold_report  # noqa: E402

BAD_LEVELS = ("error", "warning", "critical", "fatal")


def run_arelle(instance: Path, tmp: Path) -> list[dict]:
    """Validate one instance offline with Calculations 1.1 (round to nearest); the JSON log entries."""
    log = tmp / f"{instance.stem}-log.json"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp / "xdg")}
    subprocess.run([sys.executable, "-m", "arelle.CntlrCmdLine", "--workOffline", "-v", "--calc", "c11r",
                    "--validationExitCode", "--logFile", str(log), "-f", str(instance)],
                   env=env, capture_output=True, timeout=600, check=False)
    return json.loads(log.read_text(encoding="utf-8"))["log"]


def problems(log: list[dict]) -> list[str]:
    return [f"{e['code']}: {e['message']['text'][:200]}" for e in log if e["level"] in BAD_LEVELS]


def calc_failures(log: list[dict]) -> set[tuple[str, str]]:
    """(group, context period id) of Arelle's calculation inconsistencies."""
    out = set()
    for e in log:
        if e["code"].startswith("calc11e:inconsistentCalculation"):
            args = e["message"]["args"]
            ctx = args["contextID"]
            out.add((args["linkrole"].rsplit("/", 1)[-1], "_".join(ctx.split("_")[:2])))
    return out


def tool_failures(checks) -> set[tuple[str, str]]:
    out = set()
    for c in checks:
        if c.kind == "calc" and not c.ok:
            period = c.period.split(" ")[0]
            ctx = f"I{period[1:]}" if period.startswith("@") else "D" + period.replace("..", "_")
            out.add((c.description.rsplit("[", 1)[-1].rstrip("]"), ctx))
    return out


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """The gold-built report, mapped, written and validated once."""
    tax = load_taxonomy()
    report = map_report(gold_report(), tax)
    report = replace(report, checks=calc_checks(report, tax))
    out = tmp_path_factory.mktemp("xbrl-sample")
    files = write_xbrl(report, out)
    return report, out, files, run_arelle(instance_path(report, out), out)


@pytest.fixture(scope="session")
def tampered(tmp_path_factory):
    """The P&L and balance sheet only, with one printed subtotal changed: both checkers must flag it."""
    tax = load_taxonomy()
    report = gold_report({"pl_3m", "balance_sheet"})
    sts = []
    for st in report.statements:
        facts = tuple(replace(f, amount=replace(f.amount, value=f.amount.value + 7000))
                      if f.label == "Gross profit" and f.unit.numerators == ("USD",) else f for f in st.facts)
        sts.append(replace(st, facts=facts))
    report = map_report(replace(report, statements=tuple(sts)), tax)
    out = tmp_path_factory.mktemp("xbrl-tampered")
    write_xbrl(report, out)
    return calc_checks(report, tax), run_arelle(instance_path(report, out), out)


def test_writer_is_registered():
    assert "xbrl" in WRITERS


def test_arelle_loads_the_instance_without_errors_or_warnings(sample):
    report, out, files, log = sample
    assert problems(log) == []
    assert any("loaded" in e["message"]["text"] for e in log)


def test_output_folder_is_self_contained(sample):
    _, out, files, _ = sample
    names = {p.name for p in files}
    for p in (out / "xbrl").glob("*.x*"):
        for href in etree.parse(str(p)).xpath("//@xlink:href|//@schemaLocation",
                                              namespaces={"xlink": "http://www.w3.org/1999/xlink"}):
            if not href.startswith("http://www.xbrl.org/"):
                assert href.split("#")[0] in names, (p.name, href)


def test_instance_holds_every_fact_with_xbrl_signs(sample):
    report, out, _, _ = sample
    tree = etree.parse(str(instance_path(report, out)))
    e2x = load_taxonomy().namespace
    facts = [e for e in tree.getroot() if e.get("contextRef") and e.get("unitRef")]
    assert len(facts) == len(report.facts) == 923
    cost = tree.xpath("//e2x:CostOfRevenue[@unitRef='USD']", namespaces={"e2x": e2x})
    assert sorted(Decimal(e.text) for e in cost) == [Decimal("454535000"), Decimal("898437000")]
    dims = tree.xpath("//xbrldi:explicitMember/text()", namespaces={"xbrldi": "http://xbrl.org/2006/xbrldi"})
    assert "e2x:NorthMember" in dims
    assert tree.xpath("//e2x:DocumentType/text()", namespaces={"e2x": e2x}) == ["6-K"]
    ident = tree.xpath("//xbrli:identifier", namespaces={"xbrli": "http://www.xbrl.org/2003/instance"})[0]
    assert (ident.get("scheme"), ident.text) == ("http://www.sec.gov/CIK", "0001000001")


def test_units_cover_currency_per_share_shares_pure_and_counts(sample):
    report, out, _, _ = sample
    text = instance_path(report, out).read_text(encoding="utf-8")
    for measure in ("iso4217:GBP", "iso4217:USD", "xbrli:shares", "xbrli:pure", "e2x:customers"):
        assert f">{measure}</xbrli:measure>" in text
    assert "<xbrli:divide>" in text


def test_output_is_deterministic(sample, tmp_path):
    report, out, files, _ = sample
    again = write_xbrl(report, tmp_path)
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in again]


def test_primary_statement_subtotals_reconcile(sample):
    report, *_ = sample
    primary = {"pl_3m", "pl_6m", "balance_sheet", "cash_flow", "strgl", "equity_changes"}
    calc = [c for c in report.checks if c.kind == "calc" and c.table_id in primary]
    assert len({c.table_id for c in calc}) == 6 and all(c.ok for c in calc), [c for c in calc if not c.ok]


def test_arelle_calculation_check_agrees_with_ours(sample, tampered):
    report, _, _, log = sample
    assert calc_failures(log) == tool_failures(report.checks) == set()
    checks, tlog = tampered
    ours = tool_failures(checks)
    assert ours == calc_failures(tlog) and ("gross_profit", "D2004-04-01_2004-06-30") in ours


def test_mapping_report_lists_decisions(sample):
    _, out, _, _ = sample
    lines = (out / "mapping.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "table_id,label,section,concept,status,note"
    assert any(",e2x:Revenues,matched," in line for line in lines)
    assert any(",extension," in line for line in lines)


TRICKY_TEXT = ["", "plain", "a & b < c > d", 'say "hi"', "it's", "tab\there", "line\nend", "cr\rlf\r\n", "]]>",
               "Résultat £ € \u2028 \x7f \x85", "\x01 control", "\ufffe", "\x00"]


def assert_xmltext_matches_lxml(text: str) -> None:
    """The same small document through lxml and through xmltext.Document: same bytes, or both refuse the text."""
    from converter.writers.xbrl.xmltext import Document

    ns = {"a": "urn:a", "b": "urn:b"}

    def with_lxml() -> bytes:
        root = etree.Element("{urn:a}root", nsmap=ns, id="r")
        etree.SubElement(root, "{urn:b}leaf", {"{urn:a}x": text, "y": "1"})
        etree.SubElement(root, "{urn:a}text", kind="t").text = text
        outer = etree.SubElement(root, "{urn:a}outer")
        etree.SubElement(etree.SubElement(outer, "{urn:a}inner"), "{urn:b}deep").text = text or None
        etree.SubElement(root, "{urn:a}empty")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def with_document() -> bytes:
        doc = Document("a:root", ns, {"id": "r"})
        doc.leaf("b:leaf", {"a:x": text, "y": "1"})
        doc.leaf("a:text", {"kind": "t"}, text)
        doc.start("a:outer")
        doc.start("a:inner")
        doc.leaf("b:deep", content=text or None)
        doc.end()
        doc.end()
        doc.start("a:empty")
        doc.end()
        return doc.to_bytes()

    try:
        expected = with_lxml()
    except ValueError:  # lxml refuses control characters; so does the text writer
        with pytest.raises(ValueError):
            with_document()
        return
    assert with_document() == expected


@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_xmltext_writes_the_bytes_lxml_pretty_print_writes(text):
    assert_xmltext_matches_lxml(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_xmltext_matches_lxml_on_any_text(text):
    assert_xmltext_matches_lxml(text)


def test_xmltext_childless_root_is_self_closing():
    from converter.writers.xbrl.xmltext import Document

    root = etree.Element("{urn:a}root", nsmap={"a": "urn:a"})
    assert Document("a:root", {"a": "urn:a"}).to_bytes() == etree.tostring(root, xml_declaration=True,
                                                                        encoding="UTF-8", pretty_print=True)
