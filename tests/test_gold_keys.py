"""The gold answer keys built by tests/fixtures/gold/tools: each spec rebuilds its committed key byte for byte, and
every identity it checks holds."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from converter.model import Duration

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "gold"
FILINGS = ROOT / "tests" / "fixtures" / "filings"
HELPERS = {"g.py", "coverage.py", "ends.py"}  # builder modules, not specs
SPECS = sorted(p.stem for p in (GOLD / "tools").glob("*.py") if p.name not in HELPERS)
# Cells of each key the converter gets right today, by the rule of the shared scorer (gold_score.py): a fact on the
# cell's line with its period, absolute value and unit, and with dims when the cell has them. A key scored below its
# size names its known reader defects (measured and explained in tests/fixtures/gold/NOTES.md); raise the figure
# when a fix finds more.
FOUND = {
    "amazon_8-K_1998-08": 384,  # of 412: the equity statement's second <TABLE> (L500-546) gives its 28 cells above
    # the first BALANCES row (L509-522) no period: the inception period is printed only above the first <TABLE>
    "apple_10-Q_1997-03": 126,  # of 182: the 56 cells of the 1997 three- and six-month columns (statement of
    # operations, cash flows) start a day late (1996-12-29, 1996-09-29): calendar months back from March 28, not the
    # 13 and 26 weeks of a 52/53-week year whose last year ended September 27, 1996 as printed
    "bms_10-Q_1999-09": 204,
    "ford_10-K_1993-12": 470,  # of 474: the one-line Class B Stock balance (L4109, 3 cells) and the Series B
    # balance at end of 1991 (L4121) carry no equity_component member
}


def rebuild(stem: str, where: Path) -> Path:
    """Run one spec in a scratch copy of the repository layout it reads and writes; return the copy's gold folder."""
    tools = where / "tests" / "fixtures" / "gold" / "tools"
    shutil.copytree(GOLD / "tools", tools, ignore=shutil.ignore_patterns("*.csv", "*.txt", "__pycache__"))
    (where / "tests" / "fixtures" / "filings").mkdir(parents=True)
    shutil.copy(FILINGS / f"{stem}.txt", where / "tests" / "fixtures" / "filings")
    run = subprocess.run([sys.executable, str(tools / f"{stem}.py")], cwd=where, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    return where / "tests" / "fixtures" / "gold"


@pytest.mark.parametrize("stem", SPECS)
def test_spec_rebuilds_its_gold_key_and_all_identities_hold(stem: str, tmp_path: Path) -> None:
    built = rebuild(stem, tmp_path)
    assert (built / f"{stem}.facts.csv").read_bytes() == (GOLD / f"{stem}.facts.csv").read_bytes()
    checks = (built / "tools" / f"{stem}.checks.txt").read_text()
    assert checks == (GOLD / "tools" / f"{stem}.checks.txt").read_text()
    m = re.match(r"checks: (\d+)  exact (\d+)  rounding (\d+)  BROKEN (\d+)", checks)
    assert m and int(m.group(1)) > 0 and m.group(4) == "0", checks.splitlines()[0]


MUTATIONS = [  # (key, 1-based line, printed figure, changed figure, identities it breaks)
    ("bms_10-Q_1999-09", 250, "14,374", "14,384", 2),  # retained earnings @1999-09-30: equity subtotal, BS change
    ("apple_10-Q_1997-03", 249, "806", "816", 2),  # retained earnings @1997-03-28: total equity, BS change
    ("amazon_8-K_1998-08", 1128, "(9,182,028)", "(9,182,038)", 2),  # condensed accumulated deficit: total, change
]


@pytest.mark.parametrize("stem,line,old,new,broken", MUTATIONS)
def test_a_changed_figure_breaks_an_identity(stem: str, line: int, old: str, new: str, broken: int,
                                             tmp_path: Path) -> None:
    """Mutation: one figure changed in the filing copy -> the identities that use it break."""
    lines = (FILINGS / f"{stem}.txt").read_text(encoding="latin-1").split("\n")
    assert old in lines[line - 1]
    built = rebuild(stem, tmp_path)
    (tmp_path / "tests" / "fixtures" / "filings" / f"{stem}.txt").write_text(
        "\n".join(lines[:line - 1] + [lines[line - 1].replace(old, new)] + lines[line:]), encoding="latin-1")
    run = subprocess.run([sys.executable, f"tests/fixtures/gold/tools/{stem}.py"], cwd=tmp_path, capture_output=True)
    assert run.returncode == 0
    first = (built / "tools" / f"{stem}.checks.txt").read_text().splitlines()[0]
    assert first.endswith(f"BROKEN {broken}"), first

def _cells(report) -> list[tuple]:
    """(line, start, end, |value|, unit, has dims) of every fact of a report."""
    out = []
    for f in report.facts:
        p = f.period
        start, end = (p.start.isoformat(), p.end.isoformat()) if isinstance(p, Duration) else ("", p.date.isoformat())
        out.append((str(f.line), start, end, abs(f.amount.value), f.unit.text.lower(), bool(f.dims)))
    return out


@pytest.mark.parametrize("stem", sorted(FOUND))
def test_the_converter_finds_the_key_cells_it_is_known_to_find(stem: str) -> None:
    from converter.pipeline import convert_file

    facts = set(_cells(convert_file(FILINGS / f"{stem}.txt")))
    gold = list(csv.DictReader((GOLD / f"{stem}.facts.csv").open(newline="", encoding="utf-8")))
    right = [g for g in gold if (g["line"], g["start"], g["end"], abs(Decimal(g["value"])), g["unit"].lower(),
                                 bool(g["dims"])) in facts]
    print(f"\n{stem}: {len(right)}/{len(gold)} gold cells found")
    assert len(right) >= FOUND[stem], [g for g in gold if g not in right][:5]


def test_every_key_is_scored() -> None:
    assert sorted(FOUND) == SPECS
