"""Conversion from a Report into checks that tie its statements to each other (and EPS to its parts).

- cash: the cash-flow statement's closing (and opening) cash equals the balance sheet's cash on that date::

      Cash and cash equivalents at end of year     $ 1,234      $ 1,100      (cash-flow statement)
      Cash and cash equivalents                    $ 1,234      $ 1,100      (balance sheet)

- balance dates: each balance-sheet date ends a flow period of the filing or is the day before one opens;
- net income: the income statement's net income equals the cash-flow and equity statements' for that period;
- EPS: a per-share figure equals net income / weighted average shares within the rounding of the printed digits.

A tie that finds its counterpart figures but no agreeing pair fails, and so does one whose counterpart is dated a
few days apart (one period end read two ways). A balance-sheet date with no cash-flow figure on that date, or
statements that share no period, are "undetermined" (kind ``*-undetermined``): never a pass.
Rows are found by concept where mapped, else by label (``taxonomy/check_roles.csv``).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Iterable, Sequence

from ..interpret.numbers import half_unit
from ..model import Check, Duration, Fact, Instant, Period, Report, Statement, period_text
from ..record import record
from .ex27_check import START_SLACK, same_period
from .roles import has_role, is_money, is_per_share, is_shares, label_has

CASH = "cash-tie"  # Check.kind of balance-sheet cash against the cash-flow statement
DATES = "balance-dates"  # Check.kind of a balance-sheet date against the period ends of the flow statements
NET_INCOME = "net-income-tie"  # Check.kind of net income across statements
EPS = "eps"  # Check.kind of EPS against net income / weighted shares
UNDECIDED = "-undetermined"  # suffix of a check whose counterpart is missing (Check.undetermined)
ONE_DAY = timedelta(days=1)
NEAR_DAYS = timedelta(days=7)  # two dates this close stand for one period end read differently (a date misread)


def _where(f: Fact) -> str:
    return f"{f.label or 'unlabelled row'} ({f.table_id} line {f.line})"


def _agree(a: Fact, b: Fact) -> bool:
    """The two figures, as the XBRL output states them, agree within their printed rounding."""
    return abs(a.xbrl_value - b.xbrl_value) <= half_unit(a.amount.decimals) + half_unit(b.amount.decimals)


def _plain(f: Fact) -> bool:
    """A figure without breakdown that is not per share or a share count: money as read, or a row whose unit
    was read wrongly (a pure number), which the tie must then catch rather than skip."""
    return not f.dims and not is_per_share(f.unit) and not is_shares(f.unit)


def _facts(report: Report, kind: str) -> Iterable[tuple[Statement, Fact]]:
    return ((st, f) for st in report.statements if st.kind == kind for f in st.facts)


# ---------------------------------------------------------------- cash


def balance_cash(report: Report) -> dict[date, list[tuple[Decimal, Decimal, str, Fact]]]:
    """Balance-sheet cash by date: (value, tolerance, description, fact) for a cash row, and for a cash row
    plus the row below it (cash and short-term investments printed apart, tracked together by the cash flow)."""
    out: dict[date, list[tuple[Decimal, Decimal, str, Fact]]] = {}
    for st in report.statements:
        if st.kind != "balance":
            continue
        by_column: dict[int, list[Fact]] = {}
        for f in st.facts:
            if _plain(f) and isinstance(f.period, Instant):
                by_column.setdefault(f.column, []).append(f)
        for facts in by_column.values():
            facts.sort(key=lambda f: f.line)
            for i, f in enumerate(facts):
                if not has_role(f, "cash"):
                    continue
                day = f.period.date  # type: ignore[union-attr]
                out.setdefault(day, []).append((f.xbrl_value, half_unit(f.amount.decimals), _where(f), f))
                if i + 1 < len(facts) and facts[i + 1].unit == f.unit:
                    g = facts[i + 1]
                    out[day].append((f.xbrl_value + g.xbrl_value,
                                     half_unit(f.amount.decimals) + half_unit(g.amount.decimals),
                                     f"{_where(f)} + {g.label or 'unlabelled row'}", f))
    return out


def _cash_row(f: Fact, role: str) -> bool:
    """A cash-flow row of closing (role cash_end) or opening (cash_begin) cash: "Cash at end of year", or
    "End of year" under a "Cash and cash equivalents:" heading."""
    return label_has(role, f.label) and (label_has("cash", f.label) or label_has("cash", f.section))


def flow_cash(report: Report) -> dict[date, list[Fact]]:
    """Cash-flow closing and opening cash by the balance date each stands for."""
    out: dict[date, list[Fact]] = {}
    for _, f in _facts(report, "cashflow"):
        if not _plain(f):
            continue
        days: tuple[date, ...] = ()
        if _cash_row(f, "cash_end"):
            days = (f.period.date,) if isinstance(f.period, Instant) else (f.period.end,)
        elif _cash_row(f, "cash_begin"):
            if isinstance(f.period, Instant):
                days = (f.period.date, f.period.date - ONE_DAY)
            else:
                days = (f.period.start - ONE_DAY,)
        for d in days:
            out.setdefault(d, []).append(f)
    return out


def _near_day(flows: dict[date, list[Fact]], day: date) -> date | None:
    """The closest other date within NEAR_DAYS that has cash-flow cash, or None."""
    close = sorted((abs(d - day), d) for d in flows if d != day and abs(d - day) <= NEAR_DAYS)
    return close[0][1] if close else None


def near_period(a: Period, b: Period) -> bool:
    """Not the same period, but durations whose ends lie within NEAR_DAYS and starts within START_SLACK + NEAR_DAYS:
    one period end read two ways (a date misread, or a 52/53-week year dated by its calendar year)."""
    return (isinstance(a, Duration) and isinstance(b, Duration) and not same_period(a, b)
            and abs(a.end - b.end) <= NEAR_DAYS and abs(a.start - b.start) <= START_SLACK + NEAR_DAYS)


def cash_checks(report: Report) -> tuple[Check, ...]:
    """One Check per balance-sheet date with cash: some cash-flow closing or opening cash on that date agrees."""
    flows = flow_cash(report)
    if not flows:
        return ()
    checks: list[Check] = []
    for day, sheet in sorted(balance_cash(report).items()):
        first = sheet[0][3]
        found = flows.get(day, [])
        near = None if found else _near_day(flows, day)
        if near:
            found = flows[near]
        if not found:
            checks.append(Check(CASH + UNDECIDED, first.table_id, first.line,
                                f"{_where(first)}: no cash-flow closing or opening cash on this date",
                                first.amount.value, Decimal(0), False, f"@{day.isoformat()}"))
            continue
        pairs = [(abs(v - f.xbrl_value) - tol - half_unit(f.amount.decimals), v, desc, f)
                 for v, tol, desc, _ in sheet for f in found]
        gap, value, desc, flow = min(pairs, key=lambda p: (p[0], p[3].line, p[2]))
        note = f" dated {near.isoformat()}: the two statements read different dates" if near else ""
        checks.append(Check(CASH, first.table_id, first.line, f"cash {desc} = {_where(flow)}{note}", value,
                            flow.xbrl_value, gap <= 0 and not near, f"@{day.isoformat()}"))
    return tuple(checks)


# ---------------------------------------------------------------- balance dates


def period_boundaries(report: Report) -> tuple[set[date], set[date]]:
    """The days the flow statements' periods end, and the days before they start (the balances they move from)."""
    ends: set[date] = set()
    opens: set[date] = set()
    for st in report.statements:
        if st.kind in ("income", "cashflow", "equity"):
            for p in dict.fromkeys(f.period for f in st.facts):
                if isinstance(p, Duration):
                    ends.add(p.end)
                    opens.add(p.start - ONE_DAY)
    return ends, opens


def balance_date_checks(report: Report) -> tuple[Check, ...]:
    """One Check per balance-sheet date: it is the end of a flow period of the filing, or the day before one starts
    (a 10-Q's prior year end; starts within START_SLACK, as a header that prints only the end date fixes no start).
    A date a few days from a period end fails (read wrongly); one far from every period is undetermined."""
    ends, opens = period_boundaries(report)
    if not ends:
        return ()
    first: dict[date, Fact] = {}
    for st in report.statements:
        if st.kind == "balance":
            for f in st.facts:
                if isinstance(f.period, Instant) and not f.dims:
                    first.setdefault(f.period.date, f)
    checks: list[Check] = []
    for day, f in sorted(first.items()):
        where = f"balance date {day.isoformat()} ({f.table_id} line {f.line})"
        if day in ends or any(abs(o - day) <= START_SLACK for o in opens):
            checks.append(Check(DATES, f.table_id, f.line, f"{where} ends or opens a flow period", Decimal(0),
                                Decimal(0), True, f"@{day.isoformat()}"))
            continue
        gap, near = min((abs((b - day).days), b) for b in ends | opens)
        if gap <= NEAR_DAYS.days:
            checks.append(Check(DATES, f.table_id, f.line, f"{where} is {gap} days from the flow period end "
                                f"{near.isoformat()}: a date read wrongly", Decimal(0), Decimal(gap), False,
                                f"@{day.isoformat()}"))
        else:
            checks.append(Check(DATES + UNDECIDED, f.table_id, f.line, f"{where} neither ends nor opens any flow "
                                f"period of the filing (nearest {near.isoformat()})", Decimal(0), Decimal(gap), False,
                                f"@{day.isoformat()}"))
    return tuple(checks)


# ---------------------------------------------------------------- net income


def net_income_facts(report: Report, kind: str) -> list[Fact]:
    """Net income figures of one statement kind: plain, over a period."""
    return [f for _, f in _facts(report, kind)
            if _plain(f) and isinstance(f.period, Duration) and has_role(f, "net_income", "net_income_not")]


def _periods(facts: Sequence[Fact]) -> list[Period]:
    return list(dict.fromkeys(f.period for f in facts))


def net_income_checks(report: Report) -> tuple[Check, ...]:
    """Per income statement and period: its net income against the cash-flow and equity statements' (the
    cash-flow statements' against the equity statements' when there is no income statement)."""
    kinds = [(k, net_income_facts(report, k)) for k in ("income", "cashflow", "equity")]
    kinds = [(k, fs) for k, fs in kinds if fs]
    if len(kinds) < 2:
        return ()
    (anchor_kind, anchor), others = kinds[0], kinds[1:]
    checks: list[Check] = []
    for kind, facts in others:
        matched = False
        for table, period in dict.fromkeys((f.table_id, f.period) for f in anchor):
            mine = [f for f in anchor if f.period == period and f.table_id == table]
            theirs = [f for f in facts if same_period(f.period, period)]
            near = not theirs
            if near:
                theirs = [f for f in facts if near_period(f.period, period)]
            if not theirs:
                continue
            matched = True
            _, a, b = min(((abs(a.xbrl_value - b.xbrl_value), a, b) for a in mine for b in theirs),
                          key=lambda t: (t[0], t[1].line, t[2].line))
            ok = not near and any(_agree(a2, b2) for a2 in mine for b2 in theirs)
            note = f" for {period_text(b.period)}: the two statements read different periods" if near else ""
            checks.append(Check(NET_INCOME, a.table_id, a.line, f"net income {_where(a)} = {_where(b)}{note}",
                                a.xbrl_value, b.xbrl_value, ok, period_text(period)))
        if not matched:
            a, b = anchor[0], facts[0]
            checks.append(Check(NET_INCOME + UNDECIDED, b.table_id, b.line,
                                f"net income: the {anchor_kind} statements ({', '.join(period_text(p) for p in _periods(anchor))}) "
                                f"and the {kind} statements ({', '.join(period_text(p) for p in _periods(facts))}) "
                                f"share no period", a.xbrl_value, b.xbrl_value, False, period_text(b.period)))
    return tuple(checks)


# ---------------------------------------------------------------- EPS

EPS_SLACK_UNITS = 1  # units of the per-share figure's last printed digit allowed beyond rounding (filers divide
# unrounded earnings by unrounded shares, and some truncate: 966 / 2,030 printed as 0.47)


@record
class _Numerator:
    """A candidate numerator of EPS: net income, or income to common (net income less preferred dividends)."""

    value: Decimal  # |amount|
    half: Decimal  # rounding of the printed figures
    fact: Fact  # the net income row it comes from
    note: str  # " - preferred dividends" when they were taken off


def _numerators(nums: Sequence[Fact], preferred: Sequence[Fact]) -> list[_Numerator]:
    out = []
    for n in nums:
        out.append(_Numerator(abs(n.xbrl_value), half_unit(n.amount.decimals), n, ""))
        for p in preferred:
            out.append(_Numerator(abs(n.xbrl_value - abs(p.amount.value)),
                                  half_unit(n.amount.decimals) + half_unit(p.amount.decimals), n,
                                  f" - {p.label}"))
    return out


def _ratio_bounds(n: _Numerator, s: Fact) -> tuple[Decimal, Decimal] | None:
    """The interval |net income| / shares can take within the rounding of both printed figures."""
    hs = half_unit(s.amount.decimals)
    shares = abs(s.amount.value)
    if shares - hs <= 0:
        return None
    return max(n.value - n.half, Decimal(0)) / (shares + hs), (n.value + n.half) / (shares - hs)


def _eps_fact(f: Fact) -> bool:
    return (not f.dims and is_per_share(f.unit) and isinstance(f.period, Duration) and f.amount.value != 0
            and not label_has("eps_not", f.label))


def eps_checks(report: Report) -> tuple[Check, ...]:
    """Per income statement and period where a per-share figure, net income and weighted average shares are all
    printed: some per-share figure equals net income (or income to common) / some weighted share count."""
    income = [st for st in report.statements if st.kind == "income"]
    all_facts = _by_period(f for st in income for f in st.facts)
    checks: list[Check] = []
    for st in income:
        eps = [f for f in st.facts if _eps_fact(f)]
        own = _by_period(st.facts) if eps else {}
        for period in _periods(eps):
            mine = [f for f in eps if f.period == period]
            # net income from the statement itself: a table of per-share effects of items ("Summary of Certain
            # Significant Items") prints per-share figures that are no earnings per share of another table's income
            nums = [f for f in own.get(period, ()) if not f.dims and is_money(f.unit) and (
                has_role(f, "net_income", "net_income_not") or has_role(f, "eps_numerator"))]
            shares = _near(own, all_facts, period, lambda f: not f.dims and is_shares(f.unit) and (
                has_role(f, "weighted_shares") or label_has("weighted_shares", f.label)))
            if not nums or not shares:
                continue
            preferred = _near(own, all_facts, period, lambda f: not f.dims and is_money(f.unit)
                              and label_has("preferred_dividends", f.label))
            best: tuple[Decimal, Fact, _Numerator, Fact, Decimal] | None = None
            for e in mine:
                he = half_unit(e.amount.decimals) + EPS_SLACK_UNITS * 2 * half_unit(e.amount.decimals)
                target = abs(e.amount.value)
                for n in _numerators(nums, preferred):
                    for s in shares:
                        bounds = _ratio_bounds(n, s)
                        if bounds is None:
                            continue
                        low, high = bounds
                        gap = max(low - (target + he), (target - he) - high, Decimal(0))
                        computed = n.value / abs(s.amount.value)
                        if best is None or gap < best[0]:
                            best = (gap, e, n, s, computed)
            if best is None:
                continue
            gap, e, n, s, computed = best
            desc = f"EPS {_where(e)} = {_where(n.fact)}{n.note} / {_where(s)}"
            checks.append(Check(EPS, st.table_id, e.line, desc, abs(e.amount.value),
                                computed.quantize(Decimal("0.0001")), gap == 0, period_text(period)))
    return tuple(checks)


def _by_period(facts: Iterable[Fact]) -> dict[Period, list[Fact]]:
    """Facts by period, each period's in order (what a scan for the facts of one period finds)."""
    out: dict[Period, list[Fact]] = {}
    for f in facts:
        out.setdefault(f.period, []).append(f)
    return out


def _near(own: dict[Period, list[Fact]], every: dict[Period, list[Fact]], period: Period,
          keep) -> list[Fact]:  # type: ignore[no-untyped-def]
    """Facts of the period that keep() accepts: from the statement itself, else from any income statement (both
    by period, _by_period)."""
    mine = [f for f in own.get(period, ()) if keep(f)]
    return mine or [f for f in every.get(period, ()) if keep(f)]


def tie_checks(report: Report) -> tuple[Check, ...]:
    """Cash, balance-date, net income and EPS ties of a report."""
    return cash_checks(report) + balance_date_checks(report) + net_income_checks(report) + eps_checks(report)

