"""Share of income-statement, balance-sheet and cash-flow facts on standard (taxonomy) concepts, per filing.

usage: python3 benchmarks/standard_share.py OUT_DIR [--kinds income,balance,cashflow]

Reads OUT_DIR/<filing>/facts.csv (the `concept` and `statement` columns) and prints one line per filing and a total:
facts of the chosen statement kinds, how many sit on a standard concept (not the per-filing extension prefix ext:).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

KINDS = ("income", "balance", "cashflow")


def share(facts_csv: Path, kinds: tuple[str, ...]) -> tuple[Counter, Counter]:
    """(facts per kind, standard facts per kind) of one facts.csv."""
    total: Counter = Counter()
    standard: Counter = Counter()
    with facts_csv.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kind = row.get("statement", "")
            if kind not in kinds:
                continue
            total[kind] += 1
            standard[kind] += not row.get("concept", "").startswith("ext:")
    return total, standard


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args(argv)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    all_t: Counter = Counter()
    all_s: Counter = Counter()
    for facts in sorted(args.out_dir.glob("*/facts.csv")):
        t, s = share(facts, kinds)
        all_t.update(t)
        all_s.update(s)
        cells = " ".join(f"{k} {s[k]}/{t[k]} {_pct(s[k], t[k])}" for k in kinds)
        print(f"{facts.parent.name:32s} {_pct(sum(s.values()), sum(t.values()))}  {cells}")
    cells = " ".join(f"{k} {all_s[k]}/{all_t[k]} {_pct(all_s[k], all_t[k])}" for k in kinds)
    print(f"{'all':32s} {_pct(sum(all_s.values()), sum(all_t.values()))}  {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
