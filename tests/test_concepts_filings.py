"""Issue 13 over every development filing: headline concepts owned by the primary statements, clean extension names,
the filer's EX-27 figures on the concepts that state them."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from converter.interpret.numbers import half_unit
from converter.mapping.evidence import primary_order
from converter.mapping.load import load_taxonomy
from converter.mapping.match import fact_data_type, statement_kind
from converter.model import Report, period_text
from converter.pipeline import convert_file, write_report

ROOT = Path(__file__).resolve().parent.parent
FILINGS = ROOT.parent / "shared" / "filings"
TOOLS = ROOT.parent / "shared" / "tools"
NAMES = sorted(p.name for p in FILINGS.glob("*.txt")) if FILINGS.is_dir() else []
HEADLINE = ("Revenues", "NetIncomeLoss", "Assets", "LiabilitiesAndStockholdersEquity",
            "NetCashProvidedByUsedInOperatingActivities")

pytestmark = pytest.mark.skipif(not NAMES, reason="../shared/filings is not present")


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: convert_file(FILINGS / name) for name in NAMES}


def _primary_facts(report: Report):
    tax = load_taxonomy()
    kinds = [statement_kind(st, tax) for st in report.statements]
    for st, kind, rank in zip(report.statements, kinds, primary_order(report.statements, kinds, tax)):
        if rank == 0 and kind in ("income", "balance", "cashflow"):
            yield st, [f for f in st.facts if not f.dims and f.concept.qname.local in HEADLINE
                       and not f.concept.extension]


def _agree(f, g) -> bool:
    """Two figures state one value: equal within the rounding of the less precise (XBRL consistency)."""
    return abs(f.xbrl_value - g.xbrl_value) <= max(half_unit(f.amount.decimals), half_unit(g.amount.decimals))


@pytest.mark.parametrize("name", NAMES)
def test_headline_concepts_appear_once_per_period_with_the_primary_figure(name, reports):
    """Revenues, NetIncomeLoss, Assets, LiabilitiesAndStockholdersEquity and NetCashProvidedByUsedInOperating-
    Activities: one undimensioned value per period in the whole filing, the figure its primary statement prints."""
    report = reports[name]
    values = defaultdict(list)
    for f in report.facts:
        if not f.dims and not f.concept.extension and f.concept.qname.local in HEADLINE:
            values[(f.concept.qname.local, f.period, f.unit)].append(f)
    problems = []
    checked = 0
    for st, facts in _primary_facts(report):
        for f in facts:
            checked += 1
            others = [g for g in values[(f.concept.qname.local, f.period, f.unit)] if not _agree(f, g)]
            if others:
                problems.append(f"{f.concept.qname.local} {period_text(f.period)} in {st.table_id} line {f.line}: "
                                f"{f.xbrl_value} printed; also " + ", ".join(f"{g.xbrl_value} in {g.table_id} line "
                                                                            f"{g.line}" for g in others))
    assert not problems, problems
    assert checked, "no headline figure found in any primary statement"


@pytest.mark.parametrize("name", NAMES)
def test_no_extension_name_holds_digits(name, reports):
    """Extension concept names never carry figures, years or table ids."""
    bad = sorted({f.concept.qname.local for f in reports[name].facts
                  if f.concept.extension and re.search(r"\d", f.concept.qname.local)})
    assert bad == []


def test_ex27_figures_found_in_statements_sit_on_the_concept_that_states_them(tmp_path, reports):
    """The filer's EX-27 figures printed in its statements carry the US-GAAP concept of their tag (answer key)."""
    tool = TOOLS / "ex27_answer_key.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/ex27_answer_key.py is not present")
    for name, report in reports.items():
        write_report(report, tmp_path / name[:-4], ("native",))
    out = subprocess.run([sys.executable, str(tool), str(FILINGS), str(tmp_path)], capture_output=True, text=True,
                         check=True).stdout
    m = re.search(r"found (\d+) .*right concept (\d+)", out.splitlines()[-1])
    assert m, out
    found, right = map(int, m.groups())
    assert found and right / found >= 0.97, out


@pytest.mark.parametrize("name", NAMES)
def test_headline_rows_printed_in_primary_statements_carry_their_concept(name, reports):
    """A primary-statement row printed with a standard headline label ("Total assets", "Net income", "Net cash
    provided by operating activities"...: the taxonomy's own labels and aliases) states the headline concept, without
    dimensions, in every column."""
    tax = load_taxonomy()
    headline = {a.key: a.concept for a in tax.aliases if a.concept in HEADLINE and not a.section}
    headline.update({tax.key(tax.concepts[c].label): c for c in HEADLINE})
    wrong, seen = [], 0
    kinds = [statement_kind(st, tax) for st in reports[name].statements]
    for st, kind, rank in zip(reports[name].statements, kinds, primary_order(reports[name].statements, kinds, tax)):
        if rank or kind not in ("income", "balance", "cashflow"):
            continue
        for f in st.facts:
            want = headline.get(tax.key(f.label))
            d = tax.concepts.get(want or "")
            if d is None or fact_data_type(f.unit) != d.data_type or d.period_type != f.period.kind \
                    or st.columns[f.column].dims:
                continue  # a column of a breakdown (segment, exceptional items) carries its own dimension
            seen += 1
            if f.concept.qname.local != want or (f.dims and not f.section):  # a block under a heading: a sector
                wrong.append(f"{st.table_id} line {f.line} {f.label!r} {period_text(f.period)}: "
                             f"{f.concept.qname} {f.dims}")
    assert not wrong, wrong


@pytest.mark.parametrize("name", NAMES)
def test_a_part_of_the_filer_sits_on_one_axis_in_every_primary_statement(name, reports):
    """A member printed as a row block in one primary statement and as a column in another (Ford's Automotive and
    Financial Services sectors, GE and GECS) is on one axis everywhere: a query for the sector finds all of it."""
    axes: dict[str, set[str]] = {}
    for st in reports[name].statements:
        if st.kind in ("income", "balance", "cashflow", "equity"):
            for f in st.facts:
                for axis, member in f.dims:
                    if axis in ("section", "breakdown", "segment"):
                        axes.setdefault(member, set()).add(axis)
    assert not {m: a for m, a in axes.items() if len(a) > 1}


STANDARD_SHARE = 0.95  # issue 13: facts of the presented income statements, balance sheets and cash flows


def test_presented_primary_statement_facts_sit_on_standard_concepts(reports):
    from converter.mapping.evidence import presented_kinds

    total = standard = 0
    for report in reports.values():
        kinds = presented_kinds(report.statements)
        for st in report.statements:
            if kinds[st.table_id] in ("income", "balance", "cashflow"):
                total += len(st.facts)
                standard += sum(not f.concept.extension for f in st.facts)
    assert total > 4000 and standard / total >= STANDARD_SHARE, (standard, total)
