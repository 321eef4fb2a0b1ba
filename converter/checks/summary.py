"""Conversion from a Report's Checks into a confidence summary (a JSON-ready dict).

Per statement: how many printed subtotals reconcile, fail, or could not be checked ("undetermined",
reported apart and never counted as reconciled); then the balance-sheet equation, cross-table
agreement, EX-27 agreement, the ties between statements (cash, net income, EPS), the scale signs, and
the taxonomy calculation and dimension-sum checks, if the pipeline attached any, for the whole filing, and (beside the
verdict) the calculation linkbase as Arelle will check it.
Each filing-wide check has a status ("ok", "failed", "undetermined", "not checked"); the verdict is
clean only when nothing failed and nothing was left undetermined.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import Iterable, Sequence

from ..model import Check, Report
from .balance import balance_checks, find_balance_totals, unpaired_assets_totals
from .calc_network import LINKBASE
from .cross_table import cross_table_checks
from .ex27_check import ex27_checks, is_ex27
from .columns import PERIODS, column_checks
from .scale import JUMP, MONEY_PER_SHARE, PER_SHARE, scale_checks
from .subtotals import RUNNING, SUBTOTAL, UNDETERMINED, statement_checks
from .ties import CASH, DATES, EPS, NET_INCOME, tie_checks

FILING_CHECKS = (("balance", "balance"), ("cash_tie", CASH), ("balance_dates", DATES), ("net_income_tie", NET_INCOME),
                 ("eps", EPS),
                 ("scale_jump", JUMP), ("per_share_as_money", PER_SHARE), ("money_as_per_share", MONEY_PER_SHARE),
                 ("column_periods", PERIODS),
                 ("cross_table", "cross-table"),
                 ("ex27", "ex27"), ("calculations", "calc"), ("dimension_sums", "dimension"))
"""(summary key, Check.kind) of the checks the verdict reads besides the subtotals; kind + "-undetermined" counts too."""


def all_checks(report: Report) -> tuple[Check, ...]:
    """Every self-check of a report: subtotals per statement, balance, cross-table, EX-27."""
    out: list[Check] = list(shown_in_part([c for st in report.statements for c in statement_checks(st)]))
    for st in report.statements:
        out.extend(column_checks(st) + scale_checks(st))
    out.extend(balance_checks(report))
    out.extend(tie_checks(report))
    out.extend(cross_table_checks(report))
    out.extend(ex27_checks(report))
    return tuple(out)


def shown_in_part(checks: Sequence[Check]) -> list[Check]:
    """The subtotal checks, but for a total that does not add up in its table while the same total (concept,
    period, breakdown, unit and figure) adds up in another: that table prints only some of its parts (a five-year
    summary's "Total assets" under "Current assets" and "Property"), so its check is undetermined, not failed."""
    reconciled: dict[tuple, str] = {}
    for c in checks:
        if c.kind == SUBTOTAL and c.ok and c.total is not None:
            reconciled.setdefault(_total_key(c), c.table_id)
    out = []
    for c in checks:
        where = reconciled.get(_total_key(c)) if c.kind == SUBTOTAL and not c.ok and c.total is not None else None
        if where is not None and where != c.table_id:
            c = replace(c, kind=UNDETERMINED, description=f"{c.description}: the table shows only some of its parts "
                                                          f"(the same total adds up in {where})")
        out.append(c)
    return out


def _total_key(c: Check) -> tuple:
    f = c.total
    assert f is not None
    return (f.concept.qname, f.period, f.dims, f.unit, f.amount.value)


def checks_of(report: Report) -> tuple[Check, ...]:
    """The report's checks, computed when the pipeline did not attach any."""
    return report.checks if report.checks else all_checks(report)


def share(good: int, total: int) -> float | None:
    """good/total rounded to 4 places; None when nothing was checked."""
    return round(good / total, 4) if total else None


def _tally(checks: Iterable[Check]) -> dict[str, object]:
    checks = list(checks)
    ok = sum(1 for c in checks if c.ok)
    undetermined = sum(1 for c in checks if c.undetermined)
    return {"checked": len(checks), "ok": ok, "failed": len(checks) - ok - undetermined,
            "undetermined": undetermined, "share": share(ok, len(checks))}


def status(checks: Iterable[Check]) -> str:
    """"failed" when any check failed, else "undetermined" when any was, else "ok"; "not checked" for none."""
    checks = list(checks)
    if not checks:
        return "not checked"
    if any(c.failed for c in checks):
        return "failed"
    return "undetermined" if any(c.undetermined for c in checks) else "ok"


def _by_kind(checks: Iterable[Check]) -> dict[str, list[Check]]:
    """Checks by kind, each kind's in order."""
    out: dict[str, list[Check]] = {}
    for c in checks:
        out.setdefault(c.kind, []).append(c)
    return out


def _of(kinds: dict[str, list[Check]], kind: str) -> list[Check]:
    """The checks of a kind and of its "-undetermined" kind, from _by_kind (every use counts them: order aside)."""
    return kinds.get(kind, []) + kinds.get(kind + "-undetermined", [])


def verdict(checks: Sequence[Check], known: dict[str, str] | None = None) -> dict[str, object]:
    """Which filing-wide checks failed or stayed undetermined; clean only when none did. known gives statuses
    decided elsewhere (balance sheets with no total found are undetermined without any Check)."""
    kinds = _by_kind(checks)
    statuses = {"subtotals": status(kinds.get(SUBTOTAL, []) + kinds.get(UNDETERMINED, []))}
    statuses.update((name, status(_of(kinds, kind))) for name, kind in FILING_CHECKS)
    statuses.update(known or {})
    failed = sorted(n for n, s in statuses.items() if s == "failed")
    undetermined = sorted(n for n, s in statuses.items() if s == "undetermined")
    blocking = [n for n in undetermined if n != "subtotals"]  # a subtotal row without components decides nothing
    return {"clean": not failed and not blocking, "failed": failed, "undetermined": undetermined,
            "not_checked": sorted(n for n, s in statuses.items() if s == "not checked")}


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
    kinds = _by_kind(checks)
    balance = _of(kinds, "balance")
    _, sheets = find_balance_totals(report)
    unpaired = unpaired_assets_totals(report)
    balance_status = status(balance) if balance else ("undetermined" if sheets else "no balance sheet")
    ex = kinds.get("ex27", [])
    ex_facts = sum(1 for f in report.extra_facts if is_ex27(f))
    overall = subtotal_summary(checks)
    ties = {name: {"status": status(_of(kinds, kind)), **_tally(_of(kinds, kind))}
            for name, kind in FILING_CHECKS[1:9]}
    return {
        "source": PurePath(report.source).name,
        "statements": statements,
        "subtotals": overall,
        "balance": {"status": balance_status, "unpaired_assets_totals": unpaired, **_tally(balance)},
        **ties,
        "cross_table": _tally(kinds.get("cross-table", [])),
        "calculations": _tally(kinds.get("calc", [])),
        "calculation_linkbase": _tally(kinds.get(LINKBASE, [])),
        "dimension_sums": _tally(kinds.get("dimension", [])),
        "ex27": {"facts": ex_facts, "unmatched": ex_facts - len(ex), **_tally(ex)},
        "verdict": verdict(checks, {"balance": "not checked" if balance_status == "no balance sheet"
                                    else balance_status}),
    }
