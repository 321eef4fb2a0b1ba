"""Checked sums -> calculation networks: one summation per total and role, written or noted, checked as Arelle does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from converter.checks.calc_network import LINKBASE, calc_networks
from converter.model import Amount, Check, Concept, Fact, FilingMeta, Instant, QName, Report, Span, Unit
from converter.pipeline import convert_bytes, convert_file
from converter.writers.xbrl import instance_path, write_xbrl

FILING = Path(__file__).resolve().parent / "fixtures" / "filings" / "apple_10-Q_1997-03.txt"
LINK = "{http://www.xbrl.org/2003/linkbase}"
XLINK = "{http://www.w3.org/1999/xlink}"


def concept(local: str, balance: str | None = "debit") -> Concept:
    return Concept(QName("e2x", "urn:e2x", local), "monetary", "instant", balance, local)


def fact(c: Concept, value: int, line: int) -> Fact:
    amount = Amount(str(value), Decimal(value), 0, 0, Span(line, 0, 5), None)
    return Fact(c, Instant(date(2004, 6, 30)), Unit(("USD",)), (), amount, c.label, "", "t1", 0)


def check(total: Fact, *parts: tuple[int, Fact]) -> Check:
    return Check("subtotal", "t1", total.line, f"{total.label} = " + " + ".join(f.label for _, f in parts),
                 total.amount.value, sum((w * f.amount.value for w, f in parts), Decimal(0)), False, "@2004-06-30",
                 total, parts)


def report(*checks: Check) -> Report:
    return Report("x.txt", FilingMeta("10-Q", "X", "1", None, "", None, ""), (), (), checks)


CASH, STOCK, CURRENT, ASSETS, DEBT = (concept(n) for n in ("Cash", "Inventory", "AssetsCurrent", "Assets", "Debt"))


def test_one_summation_per_total_in_a_role_and_the_other_noted():
    first = check(fact(CURRENT, 30, 10), (1, fact(CASH, 10, 8)), (1, fact(STOCK, 20, 9)))
    again = check(fact(CURRENT, 31, 20), (1, fact(CASH, 10, 18)), (1, fact(STOCK, 20, 19)))  # same sum: one arc set
    other = check(fact(CURRENT, 30, 30), (1, fact(CASH, 30, 29)))  # another sum of the same total
    sums, notes = calc_networks(report(first, again, other))
    assert [(s.parent.qname.local, [(i.qname.local, w) for i, w in s.items]) for s in sums] == [
        ("AssetsCurrent", [("Cash", 1), ("Inventory", 1)])]
    assert [(d.code, d.span.line) for d in notes] == [("calc.not-in-linkbase", 30)]
    assert "already sums e2x:AssetsCurrent" in notes[0].message


@pytest.mark.parametrize("bad, reason", [
    (check(fact(ASSETS, 30, 10), (1, fact(ASSETS, 10, 8)), (1, fact(CASH, 20, 9))), "the total's own concept"),
    (check(fact(ASSETS, 30, 10), (1, fact(CASH, 10, 8)), (1, fact(CASH, 20, 9))), "two parts are one concept"),
    (check(fact(ASSETS, 30, 10), (1, fact(concept("Payable", "credit"), 10, 8))), "balance types forbid"),
    (check(fact(CASH, 10, 20), (1, fact(ASSETS, 30, 18))), "already summed into one of its parts"),  # a cycle
])
def test_a_sum_xbrl_cannot_hold_is_noted_not_written(bad, reason):
    ok = check(fact(ASSETS, 40, 5), (1, fact(CURRENT, 30, 3)), (1, fact(DEBT, 10, 4)))
    nested = check(fact(CURRENT, 30, 2), (1, fact(CASH, 30, 1)))
    sums, notes = calc_networks(report(ok, nested, bad))
    assert len(sums) == 2 and len(notes) == 1 and reason in notes[0].message, notes


def test_a_misprinted_subtotal_is_a_calculation_arc_arelle_flags(tmp_path):
    """Mutation: 'Total current assets' misprinted 100 (millions) too high fails its subtotal check and total assets';
    both sums are in the balance sheet's calculation role, and Arelle reports the inconsistencies the tool does and
    nothing else."""
    text = FILING.read_bytes().replace(b"Total current assets               3,642",
                                       b"Total current assets               3,742")
    good, bad = convert_bytes(FILING.read_bytes(), FILING.name), convert_bytes(text, FILING.name)
    failed = [c for c in bad.checks if c.kind == "subtotal" and c.failed]
    assert [c.description.split(" = ")[0] for c in failed] == ["Total current assets", "unlabelled total (line 203)"]
    assert not [c for c in good.checks if c.kind in ("subtotal", "calc", LINKBASE) and c.failed]
    tool = sorted(str(c.total.concept.qname) for c in bad.checks if c.kind in ("calc", LINKBASE) and not c.ok)
    assert tool == sorted(str(c.total.concept.qname) for c in failed)
    differences = {abs(c.expected - c.computed) for c in bad.checks if c.kind in ("calc", LINKBASE) and not c.ok}
    assert differences == {Decimal(100000000)}
    write_xbrl(bad, tmp_path)
    instance = instance_path(bad, tmp_path)
    cal = etree.parse(str(instance.with_name(instance.stem + "_cal.xml")))
    parents = {a.get(f"{XLINK}from") for a in cal.iter(f"{LINK}calculationArc")}
    assert all(any(p.endswith(c.total.concept.qname.local) for p in parents) for c in failed)
    log = tmp_path / "log.json"
    subprocess.run([sys.executable, "-m", "arelle.CntlrCmdLine", "--workOffline", "-v", "--calc", "c11r",
                    "--validateDuplicateFacts", "inconsistent", "--logFile", str(log), "-f", str(instance)],
                   env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg")}, capture_output=True, check=False)
    entries = json.loads(log.read_text(encoding="utf-8"))["log"]
    flagged = [e["message"]["args"]["concept"] for e in entries if e["level"] not in ("info", "debug")]
    assert sorted(flagged) == tool


def test_a_clean_filing_gets_a_clean_calculation_report():
    """Sums that XBRL binds in contexts where other tables print the total beside only some of its parts (or round
    it otherwise) would fail in Arelle although every printed sum adds up: they stay out of the linkbase, noted."""
    report = convert_file(Path(__file__).parent / "fixtures" / "filings" / "colt_6-K_2004-07.txt")
    assert not [c for c in report.checks if c.kind in ("subtotal", "calc", LINKBASE) and c.failed]
    assert any(d.code == "calc.not-in-linkbase" and "fails where the printed sum does not" in d.message
               for d in report.diagnostics)
