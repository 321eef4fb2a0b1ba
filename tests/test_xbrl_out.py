"""XBRL instance writer: Arelle validates the output offline and its Calculations 1.1 check agrees with ours."""

from __future__ import annotations

import csv
import json
import re
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from converter.checks.calc import calc_checks
from converter.mapping.load import load_taxonomy
from converter.mapping.match import map_report
from converter.writers import WRITERS
from converter.writers.xbrl import instance_path, write_xbrl

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


def test_instance_holds_every_fact_with_xbrl_signs_but_conflicting_duplicates(sample):
    report, out, _, _ = sample
    tree = etree.parse(str(instance_path(report, out)))
    e2x = load_taxonomy().namespace
    facts = [e for e in tree.getroot() if e.get("contextRef") and e.get("unitRef")]
    dropped = list(csv.DictReader((out / "duplicates.csv").open(encoding="utf-8", newline="")))
    assert len(facts) + len(dropped) == len(report.facts) == 923
    assert [(d["concept"], d["kept_value"], d["dropped_value"]) for d in dropped] == [
        ("e2x:EarningsPerShareBasicAndDiluted", "-0.03", "-0.04")]
    cost = tree.xpath("//e2x:CostOfRevenue[@unitRef='USD']", namespaces={"e2x": e2x})
    assert sorted(Decimal(e.text) for e in cost) == [Decimal("454535000"), Decimal("898437000")]
    dims = tree.xpath("//xbrldi:explicitMember/text()", namespaces={"xbrldi": "http://xbrl.org/2006/xbrldi"})
    assert "e2x:NorthMember" in dims
    dei = {"dei": e2x + "/dei"}
    assert tree.xpath("//dei:DocumentType/text()", namespaces=dei) == ["6-K"]
    assert tree.xpath("//dei:EntityRegistrantName/text()", namespaces=dei) == [report.meta.company]
    assert tree.xpath("//dei:EntityCentralIndexKey/text()", namespaces=dei) == ["0001000001"]
    assert tree.xpath("//dei:DocumentFiscalYearFocus/text()", namespaces=dei) == ["2004"]
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


def test_no_inconsistent_duplicates_for_arelle(sample, tampered):
    for log in (sample[3], tampered[1]):
        assert not [e for e in log if e["code"] == "arelle:duplicateFacts"]


def test_conflicting_duplicates_are_left_out_and_listed(tmp_path):
    """A figure printed twice for one fact with different values: the primary statement's is kept, the other
    listed; Arelle's duplicate check then finds nothing inconsistent (remove the resolution and it would)."""
    tax = load_taxonomy()
    report = map_report(gold_report({"pl_3m", "key_financial_data"}), tax)
    kinds = {st.table_id: st.kind for st in report.statements}
    sts = []
    for st in report.statements:
        facts = tuple(replace(f, amount=replace(f.amount, value=f.amount.value + 1_000_000))
                      if f.label == "Turnover" and kinds[st.table_id] != "income" else f for f in st.facts)
        sts.append(replace(st, kind="other" if st.table_id == "key_financial_data" else st.kind, facts=facts))
    report = replace(report, statements=tuple(sts))
    write_xbrl(report, tmp_path)
    dropped = list(csv.DictReader((tmp_path / "duplicates.csv").open(encoding="utf-8", newline="")))
    assert {(d["kept_table_id"], d["dropped_table_id"]) for d in dropped} >= {("pl_3m", "key_financial_data")}
    log = run_arelle(instance_path(report, tmp_path), tmp_path)
    assert problems(log) == []
    assert not [e for e in log if e["code"] == "arelle:duplicateFacts"]


def test_consistency_of_duplicates_follows_xbrl_rounding():
    from datetime import date

    from converter.checks.calc_network import consistent_duplicate
    from converter.model import Amount, Concept, Fact, Instant, QName, Span, Unit

    def fact(value: str, decimals: int) -> Fact:
        concept = Concept(QName("e2x", "urn:e2x", "Revenues"), "monetary", "instant", "credit", "Revenues")
        amount = Amount(value, Decimal(value), -decimals, decimals, Span(1, 0, 1), None)
        return Fact(concept, Instant(date(2004, 6, 30)), Unit(("GBP",)), (), amount, "Revenues", "", "t1", 0)

    assert consistent_duplicate([fact("293000000", -6)], fact("293012000", -3))  # rounds to the same millions
    assert not consistent_duplicate([fact("293000000", -6)], fact("293612000", -3))  # a different figure
    assert not consistent_duplicate([fact("293000000", -3)], fact("293001000", -3))  # same precision, other value
    assert consistent_duplicate([fact("293000000", -3)], fact("293000000", -3))


def test_cover_values_from_the_filing_header():
    from datetime import date

    from converter.model import FilingMeta
    from converter.writers.xbrl.cover import cover_values

    def meta(form: str, fye: str) -> FilingMeta:
        return FilingMeta(form, "APPLE COMPUTER INC", "320193", date(1997, 3, 28), fye, None, "")

    quarterly = cover_values(meta("10-Q", "0930"), "0000320193", date(1997, 3, 28))
    assert quarterly == {"DocumentType": "10-Q", "DocumentPeriodEndDate": "1997-03-28",
                         "DocumentFiscalYearFocus": "1997", "DocumentFiscalPeriodFocus": "Q2",
                         "CurrentFiscalYearEndDate": "--09-30", "EntityRegistrantName": "APPLE COMPUTER INC",
                         "EntityCentralIndexKey": "0000320193"}
    assert cover_values(meta("10-K405", "1231"), "", date(2000, 12, 31))["DocumentFiscalPeriodFocus"] == "FY"
    unknown = cover_values(meta("8-K", "0230"), "", date(2004, 7, 1))  # no such day; no fiscal period for an 8-K
    assert "CurrentFiscalYearEndDate" not in unknown and "DocumentFiscalPeriodFocus" not in unknown
    assert "EntityCentralIndexKey" not in unknown


def test_xml_files_are_lxml_documents(sample):
    """Every file is what lxml writes of its own tree (declaration, UTF-8, indentation): no text is spliced in."""
    _, out, _, _ = sample
    paths = sorted((out / "xbrl").glob("*.x*"))
    assert {p.name for p in paths} >= {"sample_6-K.xml", "sample_6-K.xsd", "sample_6-K_lab.xml", "sample_6-K_pre.xml",
                                       "sample_6-K_cal.xml", "sample_6-K_def.xml"}
    for p in paths:
        tree = etree.parse(str(p))
        assert etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True) == p.read_bytes()


def test_statement_roles_and_labels_as_sec_filings_have_them(sample):
    _, out, _, _ = sample
    ns = {"link": "http://www.xbrl.org/2003/linkbase", "xlink": "http://www.w3.org/1999/xlink",
          "xml": "http://www.w3.org/XML/1998/namespace"}
    schema = etree.parse(str(out / "xbrl" / "sample_6-K.xsd"))
    definitions = schema.xpath("//link:roleType/link:definition/text()", namespaces=ns)
    assert definitions[0] == "0001 - Document - Cover"
    assert all(re.fullmatch(r"\d{4} - (Document|Statement|Disclosure) - .+", d) for d in definitions)
    assert [int(d[:4]) for d in definitions] == list(range(1, len(definitions) + 1))
    pre = etree.parse(str(out / "xbrl" / "sample_6-K_pre.xml"))
    roots = {link.get(f"{{{ns['xlink']}}}role"): link.xpath("link:presentationArc/@xlink:from", namespaces=ns)[0]
             for link in pre.xpath("//link:presentationLink", namespaces=ns)}
    by_kind = {"BalanceSheet": "e2x_StatementOfFinancialPositionAbstract",
               "IncomeStatement": "e2x_IncomeStatementAbstract", "CashFlowStatement": "e2x_StatementOfCashFlowsAbstract"}
    for word, root in by_kind.items():
        assert any(role.rsplit("/", 1)[1].startswith(word + "_") and r == root for role, r in roots.items()), word
    langs = set(etree.parse(str(out / "xbrl" / "sample_6-K_lab.xml")).xpath("//link:label/@xml:lang", namespaces=ns))
    assert langs == {"en-US"}
