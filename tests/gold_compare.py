"""Comparison of extracted facts with the hand-checked gold facts of the reference filing."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from converter.model import Duration, Instant, Report


@dataclass(frozen=True)
class GoldScore:
    """How many gold cells were found, per tier, and which extracted facts are not in the gold."""

    found: dict[str, int]
    total: dict[str, int]
    missing: list[dict[str, str]]
    extra: list[tuple]

    def share(self, tier: str) -> float:
        return self.found[tier] / self.total[tier] if self.total[tier] else 1.0


def _key(line: str, value: Decimal, start: str, end: str, unit: str) -> tuple:
    return (int(line), value.normalize() if value else Decimal(0), start, end, unit)


def fact_keys(report: Report) -> Counter:
    """(line, value, start, end, unit) of every extracted fact."""
    keys: Counter = Counter()
    for f in report.facts:
        p = f.period
        start = p.start.isoformat() if isinstance(p, Duration) else ""
        end = p.end.isoformat() if isinstance(p, Duration) else p.date.isoformat() if isinstance(p, Instant) else ""
        keys[_key(str(f.line), f.amount.value, start, end, f.unit.text)] += 1
    return keys


def score(report: Report, gold_path: Path) -> GoldScore:
    """Match gold cells to facts on line, value, period and unit."""
    rows = list(csv.DictReader(gold_path.open(newline="", encoding="utf-8")))
    keys = fact_keys(report)
    remaining = Counter(keys)
    found: Counter = Counter()
    total: Counter = Counter()
    missing = []
    for r in rows:
        k = _key(r["line"], Decimal(r["value"]), r["start"], r["end"], r["unit"])
        total[r["tier"]] += 1
        if remaining[k] > 0:
            remaining[k] -= 1
            found[r["tier"]] += 1
        else:
            missing.append(r)
    extra = [k for k, n in remaining.items() for _ in range(n) if n > 0]
    return GoldScore(dict(found), dict(total), missing, sorted(extra))
