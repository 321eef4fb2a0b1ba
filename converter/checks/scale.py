"""Conversion from a Statement into scale checks: figures of one row that jump by ~1,000 between columns,
figures printed like per-share amounts but read as scaled money, and balance-sheet figures read per share.

A row such as::

    Net sales                       1,234,567        1,198,002     (one column read in thousands, one in units)
    Net income per share                 1.23            1.10      (read as $1,230 and $1,100 in thousands)

is a sign of a scale read wrongly. Each statement gets one passing check, or one failing check per row found.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Check, Fact, Statement, period_text
from .roles import is_money, is_per_share

JUMP = "scale-jump"  # Check.kind of a row whose figures jump by ~JUMP_FACTOR between columns
PER_SHARE = "per-share-as-money"  # Check.kind of a per-share-looking figure read as scaled money
MONEY_PER_SHARE = "money-as-per-share"  # Check.kind of a balance-sheet figure read as an amount per share
JUMP_FACTOR = Decimal(1000)  # the ratio a scale error makes between two figures
JUMP_SLACK = Decimal("2.5")  # ratios within JUMP_FACTOR / JUMP_SLACK .. JUMP_FACTOR * JUMP_SLACK are jumps
MIN_PRINTED = Decimal(100)  # both printed figures at least this large (a genuine "1" next to "1,200" is no sign)
PER_SHARE_PLACES = 2  # printed fraction digits of a per-share amount ("1.23")
WHOLE_SHARE = Decimal("0.75")  # share of whole figures in a column above which fractional ones stand out


def _printed(f: Fact) -> Decimal:
    """The printed magnitude: |value| without the applied scale."""
    return abs(f.amount.value).scaleb(-f.amount.scale)


def _jumps(a: Fact, b: Fact) -> bool:
    x, y = abs(a.amount.value), abs(b.amount.value)
    if not x or not y:
        return False
    ratio = max(x, y) / min(x, y)
    if not JUMP_FACTOR / JUMP_SLACK <= ratio <= JUMP_FACTOR * JUMP_SLACK:
        return False
    return a.amount.scale != b.amount.scale or min(_printed(a), _printed(b)) >= MIN_PRINTED


def jump_checks(st: Statement) -> tuple[Check, ...]:
    """Rows of one statement whose figures (same unit and dims, dated columns) jump by ~JUMP_FACTOR."""
    rows: dict[int, list[Fact]] = {}
    for f in st.facts:
        rows.setdefault(f.line, []).append(f)
    if not rows:
        return ()
    checks: list[Check] = []
    for line, facts in sorted(rows.items()):
        hit = next(((a, b) for i, a in enumerate(facts) for b in facts[i + 1:]
                    if (a.unit is b.unit or a.unit == b.unit) and a.dims == b.dims and _jumps(a, b)), None)
        if hit:
            a, b = hit
            checks.append(Check(JUMP, st.table_id, line,
                                f"{a.label or 'unlabelled row'}: {a.amount.presented} ({period_text(a.period)}) and "
                                f"{b.amount.presented} ({period_text(b.period)}) differ by ~{JUMP_FACTOR}x",
                                a.amount.value, b.amount.value, False, period_text(b.period)))
    if not checks:
        checks.append(Check(JUMP, st.table_id, st.first_line,
                            f"no row's figures jump by ~{JUMP_FACTOR}x between columns ({len(rows)} rows)",
                            Decimal(0), Decimal(0), True))
    return tuple(checks)


def _places(f: Fact) -> int:
    """Digits printed after the decimal point."""
    return f.amount.decimals + f.amount.scale


def per_share_checks(st: Statement) -> tuple[Check, ...]:
    """Money figures printed with per-share cents in a scaled column where the other figures are whole."""
    money = [f for f in st.facts if is_money(f.unit) and f.amount.scale >= 3]
    if not money:
        return ()
    by_column: dict[int, list[Fact]] = {}
    for f in money:
        by_column.setdefault(f.column, []).append(f)
    flagged: dict[int, Fact] = {}
    for facts in by_column.values():
        whole = sum(1 for f in facts if _places(f) <= 0)
        if whole < WHOLE_SHARE * len(facts):
            continue  # a column printed with decimals throughout ("12.3" in millions)
        for f in facts:
            if _places(f) >= PER_SHARE_PLACES:
                flagged.setdefault(f.line, f)
    if not flagged:
        return (Check(PER_SHARE, st.table_id, st.first_line,
                      f"no money figure printed like a per-share amount ({len(money)} figures)",
                      Decimal(0), Decimal(0), True),)
    return tuple(Check(PER_SHARE, st.table_id, line,
                       f"{f.label or 'unlabelled row'}: {f.amount.presented} printed like a per-share amount "
                       f"but read as {f.unit.text} x 10^{f.amount.scale}", f.amount.value,
                       f.amount.value.scaleb(-f.amount.scale), False, period_text(f.period))
                 for line, f in sorted(flagged.items()))


def money_per_share_checks(st: Statement) -> tuple[Check, ...]:
    """Balance-sheet figures printed whole but read as amounts per share: a balance sheet states balances, and a
    per-share unit there comes from words such as "par value of $.10 per share" in a label or heading above."""
    if st.kind != "balance" or not st.facts:
        return ()
    flagged: dict[int, Fact] = {}
    for f in st.facts:
        if is_per_share(f.unit) and _places(f) <= 0 and f.amount.value:
            flagged.setdefault(f.line, f)  # whole figures: "Book value per share $6.57" in a summary is per share
    if not flagged:
        return (Check(MONEY_PER_SHARE, st.table_id, st.first_line,
                      f"no balance-sheet figure read per share ({len(st.facts)} facts)", Decimal(0), Decimal(0), True),)
    return tuple(Check(MONEY_PER_SHARE, st.table_id, line,
                       f"{f.label or 'unlabelled row'}{f' (under {f.section!r})' if f.section else ''}: "
                       f"{f.amount.presented} read as {f.unit.text} in a balance sheet", f.amount.value,
                       f.amount.value, False, period_text(f.period))
                 for line, f in sorted(flagged.items()))


def scale_checks(st: Statement) -> tuple[Check, ...]:
    """The scale checks of one statement."""
    return jump_checks(st) + per_share_checks(st) + money_per_share_checks(st)
