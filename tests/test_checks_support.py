"""Helpers (no tests): build Statements and Reports by hand from the small table excerpts."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Sequence

from converter.model import (Amount, Column, Concept, Duration, Fact, FilingMeta, Instant, LineItem, Period, QName,
                             Report, Span, Statement, Unit)

EXCERPTS = Path(__file__).resolve().parent / "fixtures" / "excerpts"
NS = "http://edgar2xbrl.invalid/taxonomy/2024"
_VALUE = re.compile(r"^(?:[A-Z]{3})?\$?(\()?\$?-?\s*[0-9][0-9,]*(?:\.[0-9]+)?(?(1)\))$|^-{1,3}$")


def _is_value(tok: str) -> bool:
    return bool(_VALUE.match(tok))


def parse_value(tok: str, scale: int, currency: str) -> tuple[Decimal, int, Unit | None]:
    """'(195,477)' -> (-195477000, -3, None); 'GBP(0.02)' -> (-0.02, 2, GBP/shares); '--' -> 0."""
    if set(tok) <= {"-"}:
        return Decimal(0), -scale, None
    m = re.match(r"^([A-Z]{3})?(\$)?", tok)
    cur = (m[1] or ("USD" if m[2] else "")) if m else ""
    body = tok[m.end():] if m else tok
    neg = body.startswith("(")
    digits = re.sub(r"[^0-9.]", "", body)
    if "." in digits:
        places = len(digits.split(".")[1])
        value = Decimal(digits)
        unit = Unit((cur,), ("shares",)) if cur else None  # GBP(0.02), $(0.03): per share
        return (-value if neg else value), places, unit
    value = Decimal(digits) * 10**scale
    return (-value if neg else value), -scale, None


def statement_from_text(text: str, table_id: str, periods: Sequence[Period | None], currency: str = "GBP",
                        scale: int = 3, kind: str = "other", title: str = "",
                        units: Sequence[Unit | None] | None = None) -> Statement:
    """A Statement from an excerpt: label then figures; numberless lines are headings; '#' lines are comments."""
    lines = [(n, ln.rstrip()) for n, ln in enumerate(text.splitlines(), start=1)]
    parsed = []
    for n, ln in lines:
        if not ln.strip() or ln.lstrip().startswith("#"):
            continue
        toks = list(re.finditer(r"\S+", ln))
        k = len(toks)
        while k > 0 and (_is_value(toks[k - 1][0]) or toks[k - 1][0] == "$"):
            k -= 1
        label = ln[: toks[k].start()].strip() if k < len(toks) else ln.strip()
        values = [(t[0], t.start(), t.end()) for t in toks[k:] if t[0] != "$"]
        parsed.append((n, label, len(ln) - len(ln.lstrip()), values))
    ncols = max(len(v) for *_, v in parsed)
    anchors = next([e for _, _, e in v] for *_, v in parsed if len(v) == ncols)
    cols = tuple(Column(i, periods[i], (units[i] if units else Unit((currency,))), scale, (), f"col {i}", (0, 0))
                 for i in range(ncols))
    rows: list[LineItem] = []
    section = ""
    for n, label, indent, values in parsed:
        if not values:
            rows.append(LineItem(label, section, n, (n,), 0, False, (None,) * ncols, "heading"))
            section = label
            continue
        amounts: list[Amount | None] = [None] * ncols
        for j, (tok, s, e) in enumerate(values):
            col = j if len(values) == ncols else min(range(ncols), key=lambda i: abs(anchors[i] - e))
            value, decimals, unit = parse_value(tok.replace("$", "") if tok.startswith("$(") else tok, scale, currency)
            amounts[col] = Amount(tok, value, scale if decimals < 0 else 0, decimals, Span(n, s, e), unit)
        subtotal = label == "" or label.lower().startswith("total")
        rows.append(LineItem(label, section, n, (n,), 1 if indent else 0, subtotal, tuple(amounts)))
    return Statement(table_id, title, kind, "10-Q", 1, len(lines), cols, tuple(rows), (), "")


def excerpt_statement(name: str, table_id: str, periods: Sequence[Period | None], **kw) -> Statement:  # type: ignore[no-untyped-def]
    """statement_from_text on tests/fixtures/excerpts/<name>."""
    return statement_from_text((EXCERPTS / name).read_text(encoding="utf-8"), table_id, periods, **kw)


def concept(local: str, period_type: str = "instant", data_type: str = "monetary", extension: bool = False) -> Concept:
    """A taxonomy concept for hand-made facts."""
    ns = "http://edgar2xbrl.invalid/ext" if extension else NS
    return Concept(QName("ext" if extension else "e2x", ns, local), data_type, period_type, None, local, extension)


def fact(local: str, period: Period, value: str, decimals: int = -3, unit: str = "GBP", table_id: str = "t1",
         label: str = "", line: int = 1, extension: bool = False, dims: tuple = ()) -> Fact:  # type: ignore[type-arg]
    """A hand-made fact."""
    u = Unit((unit,)) if "/" not in unit else Unit((unit.split("/")[0],), (unit.split("/")[1],))
    amt = Amount(value, Decimal(value), -decimals if decimals < 0 else 0, decimals, Span(line, 0, 1), None)
    kind = "instant" if isinstance(period, Instant) else "duration"
    return Fact(concept(local, kind, extension=extension), period, u, dims, amt, label or local, "", table_id, 0)


def with_facts(st: Statement, facts: Sequence[Fact]) -> Statement:
    """A copy of a statement with facts."""
    return Statement(st.table_id, st.title, st.kind, st.doc_type, st.first_line, st.last_line, st.columns, st.rows,
                     tuple(facts), st.scale_text)


def report(statements: Sequence[Statement], extra: Sequence[Fact] = (), checks: tuple = ()) -> Report:  # type: ignore[type-arg]
    """A Report around hand-made statements."""
    meta = FilingMeta("10-Q", "", "", None, "", None, "")
    return Report("hand-made", meta, tuple(statements), (), checks, (), tuple(extra))


Q2_2003 = Duration(date(2003, 4, 1), date(2003, 6, 30))
Q2_2004 = Duration(date(2004, 4, 1), date(2004, 6, 30))
H1_2003 = Duration(date(2003, 1, 1), date(2003, 6, 30))
H1_2004 = Duration(date(2004, 1, 1), date(2004, 6, 30))
DEC_2003 = Instant(date(2003, 12, 31))
JUN_2004 = Instant(date(2004, 6, 30))
MAR_1997 = Instant(date(1997, 3, 28))
SEP_1996 = Instant(date(1996, 9, 27))
