"""Acceptance (issue 2): the reference filing's facts against the 923 hand-checked gold cells."""

from __future__ import annotations

import csv

from conftest import GOLD
from gold_compare import score

CORE_TARGET = 0.99
SUPPLEMENTARY_TARGET = 0.95


def test_gold_cells_found_with_right_line_value_period_and_unit(reference_report):
    s = score(reference_report, GOLD)
    print(f"\ngold core {s.found.get('core', 0)}/{s.total['core']} = {s.share('core'):.1%}; "
          f"supplementary {s.found.get('supplementary', 0)}/{s.total['supplementary']} = {s.share('supplementary'):.1%}; "
          f"facts not in gold: {len(s.extra)}")
    assert s.share("core") >= CORE_TARGET, s.missing[:10]
    assert s.share("supplementary") >= SUPPLEMENTARY_TARGET, s.missing[:10]


def test_no_fact_that_is_not_in_the_gold(reference_report):
    s = score(reference_report, GOLD)
    assert s.extra == []


def test_no_figure_of_the_reference_filing_is_lost(reference_report):
    lost = [d for d in reference_report.diagnostics if d.severity == "error"]
    assert lost == []


def test_labels_and_sections_match_the_gold(reference_report):
    gold = {int(r["line"]): (r["row_label"], r["section"]) for r in csv.DictReader(GOLD.open(encoding="utf-8"))}
    labels = {f.line: f.label for f in reference_report.facts}
    sections = {f.line: f.section for f in reference_report.facts}
    label_hits = sum(1 for line, (label, _) in gold.items() if labels.get(line) == label)
    section_hits = sum(1 for line, (_, section) in gold.items() if sections.get(line) == section)
    print(f"\nrow labels {label_hits}/{len(gold)}, sections {section_hits}/{len(gold)}")
    assert label_hits == len(gold)
    assert section_hits >= len(gold) - 2  # the gold files one total under its parent section


def test_decimals_and_presented_text_kept(reference_report):
    rows = list(csv.DictReader(GOLD.open(encoding="utf-8")))
    by_key = {}
    for f in reference_report.facts:
        by_key.setdefault((f.line, f.amount.presented), set()).add((f.amount.decimals, f.amount.scale))
    wrong = [r for r in rows if (int(r["decimals"]), int(r["scale"])) not in by_key.get((int(r["line"]), r["presented"]), set())]
    assert wrong == []


def test_breakdown_columns_become_dimensions(reference_report):
    dims = {(f.line, f.column): dict(f.dims) for f in reference_report.facts}
    assert dims[(317, 0)] == {"exceptional": "before_exceptional"}
    assert dims[(317, 1)] == {"exceptional": "exceptional_items"}
    assert dims[(317, 2)] == {}  # after exceptional items is the total
    assert dims[(657, 2)] == {"region": "north", "service": "switched"}  # a breakdown down the rows too
    assert dims[(657, 5)] == {"service": "switched"}
    assert dims[(660, 5)] == {}
