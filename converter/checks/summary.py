"""Conversion from a Report's Checks into a confidence summary (a JSON-ready dict).

Per statement: how many printed subtotals reconcile, fail, or could not be checked ("undetermined",
reported apart and never counted as reconciled); then the balance-sheet equation, cross-table
agreement, EX-27 agreement, and the taxonomy calculation and dimension-sum checks, if the pipeline
attached any, for the whole filing.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Iterable

from ..model import Check, Report
from .balance import balance_checks, find_balance_totals, unpaired_assets_totals
from .cross_table import cross_table_checks
from .ex27_check import ex27_checks, is_ex27
from .subtotals import RUNNING, SUBTOTAL, UNDETERMINED, statement_checks


def all_checks(report: Report) -> tuple[Check, ...]:
    """Every self-check of a report: subtotals per statement, balance, cross-table, EX-27."""
    out: list[Check] = []
    for st in report.statements:
        out.extend(statement_checks(st))
    out.extend(balance_checks(report))
    out.extend(cross_table_checks(report))
    out.extend(ex27_checks(report))
    return tuple(out)


def checks_of(report: Report) -> tuple[Check, ...]:
    """The report's checks, computed when the pipeline did not attach any."""
    return report.checks if report.checks else all_checks(report)


def share(good: int, total: int) -> float | None:
    """good/total rounded to 4 places; None when nothing was checked."""
    return round(good / total, 4) if total else None


def _tally(checks: Iterable[Check]) -> dict[str, object]:
    checks = list(checks)
    ok = sum(1 for c in checks if c.ok)
    return {"checked": len(checks), "ok": ok, "failed": len(checks) - ok, "share": share(ok, len(checks))}


def subtotal_summary(checks: Iterable[Check]) -> dict[str, object]:
    """Counts of subtotal figures (cells) and rows: reconciled, failed, undetermined, and the share reconciled."""
    checks = [c for c in checks if c.kind in (SUBTOTAL, UNDETERMINED)]
    ok = sum(1 for c in checks if c.kind == SUBTOTAL and c.ok)
    failed = sum(1 for c in checks if c.kind == SUBTOTAL and not c.ok)
    undetermined = sum(1 for c in checks if c.kind == UNDETERMINED)
    rows: dict[int, list[Check]] = {}
    for c in checks:
        rows.setdefault(c.line, []).append(c)
    rows_ok = sum(1 for cs in rows.values() if all(c.kind == SUBTOTAL and c.ok for c in cs))
    rows_undetermined = sum(1 for cs in rows.values() if all(c.kind == UNDETERMINED for c in cs))
    return {
        "figures": len(checks), "reconciled": ok, "failed": failed, "undetermined": undetermined,
        "share": share(ok, ok + failed), "share_of_all": share(ok, len(checks)),
        "rows": len(rows), "rows_reconciled": rows_ok, "rows_failed": len(rows) - rows_ok - rows_undetermined,
        "rows_undetermined": rows_undetermined,
    }


def confidence_summary(report: Report) -> dict:  # type: ignore[type-arg]
    """Per statement and per filing: what the self-checks say about the extraction (deterministic)."""
    checks = checks_of(report)
    statements: dict[str, object] = {}
    by_table: dict[str, list[Check]] = {}
    for c in checks:
        by_table.setdefault(c.table_id, []).append(c)
    for st in report.statements:
        mine = by_table.get(st.table_id, [])
        entry = subtotal_summary(mine)
        entry["kind"] = st.kind
        entry["running_totals"] = sum(1 for c in mine if c.kind == RUNNING)
        statements[st.table_id] = entry
    balance = [c for c in checks if c.kind == "balance"]
    _, sheets = find_balance_totals(report)
    unpaired = unpaired_assets_totals(report)
    if balance:
        status = "failed" if not all(c.ok for c in balance) else "partial" if unpaired else "ok"
    else:
        status = "undetermined" if sheets else "no balance sheet"
    ex = [c for c in checks if c.kind == "ex27"]
    ex_facts = sum(1 for f in report.extra_facts if is_ex27(f))
    overall = subtotal_summary(checks)
    return {
        "source": PurePath(report.source).name,
        "statements": statements,
        "subtotals": overall,
        "balance": {"status": status, "unpaired_assets_totals": unpaired, **_tally(balance)},
        "cross_table": _tally(c for c in checks if c.kind == "cross-table"),
        "calculations": _tally(c for c in checks if c.kind == "calc"),
        "dimension_sums": _tally(c for c in checks if c.kind == "dimension"),
        "ex27": {"facts": ex_facts, "unmatched": ex_facts - len(ex), **_tally(ex)},
    }
