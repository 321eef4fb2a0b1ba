"""EX-27 financial data schedules: tags -> facts with multiplier, periods and per-share units."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from converter.model import Duration, Instant, Unit
from converter.readers.edgar_text import read_filing_bytes
from converter.readers.ex27 import load_concepts, load_rules, months_before, parse_ex27, parse_number

ROOT = Path(__file__).resolve().parent
EXCERPTS = ROOT / "fixtures" / "excerpts"
APPLE = ROOT / "fixtures" / "filings" / "apple_10-Q_1997-03.txt"


def _read(path: Path):  # type: ignore[no-untyped-def]
    return read_filing_bytes(path.read_bytes(), path.name)


def test_apple_schedule_gives_the_values_printed_in_it() -> None:
    # The shared filing is cut off inside its EX-27: CASH 1,273, SECURITIES 186, RECEIVABLES 1,245 are
    # printed (MULTIPLIER 1,000,000, PERIOD-END MAR-28-1997); <ALLOWANCES> has no value.
    facts, diags = parse_ex27(_read(APPLE))
    got = [(f.concept.qname.local, f.period, f.unit, f.amount.value, f.amount.decimals, f.amount.presented, f.line)
           for f in facts]
    end = Instant(date(1997, 3, 28))
    usd = Unit(("USD",))
    assert got == [
        ("CashAndCashEquivalentsAtCarryingValue", end, usd, Decimal("1273000000"), -6, "1,273", 4742),
        ("ShortTermInvestments", end, usd, Decimal("186000000"), -6, "186", 4743),
        ("AccountsReceivableGrossCurrent", end, usd, Decimal("1245000000"), -6, "1,245", 4744),
    ]
    assert all(f.table_id == "ex27" and f.dims == () for f in facts)
    codes = [d.code for d in diags]
    assert "ex27.flawed" in codes
    assert [d.span.line for d in diags if d.code == "ex27.no-value"] == [4745]


def test_the_excerpt_reads_like_the_whole_filing() -> None:
    facts, _ = parse_ex27(_read(EXCERPTS / "apple_ex27_1997.txt"))
    assert [(f.label, f.amount.value) for f in facts] == [
        ("CASH", Decimal("1273000000")), ("SECURITIES", Decimal("186000000")), ("RECEIVABLES", Decimal("1245000000"))]


def test_two_column_schedule_periods_multiplier_and_per_share() -> None:
    facts, diags = parse_ex27(_read(EXCERPTS / "synthetic_ex27_article5.txt"))
    by = {(f.label, f.column): f for f in facts}
    year = Duration(date(1996, 1, 1), date(1996, 12, 31))
    q4 = Duration(date(1996, 10, 1), date(1996, 12, 31))
    assert by[("TOTAL-ASSETS", 0)].period == Instant(date(1996, 12, 31))
    assert by[("TOTAL-ASSETS", 0)].amount.value == Decimal("456789000")
    assert by[("TOTAL-REVENUES", 0)].period == year
    assert by[("TOTAL-REVENUES", 1)].period == q4 and by[("TOTAL-REVENUES", 1)].amount.value == Decimal("80250000")
    ni = by[("NET-INCOME", 0)]
    assert (ni.concept.qname.local, ni.amount.value, ni.amount.decimals, ni.amount.presented) == (
        "NetIncomeLoss", Decimal("-10500000"), -3, "(10,500)")
    eps = by[("EPS-PRIMARY", 0)]
    assert (eps.concept.qname.local, eps.unit, eps.amount.value, eps.amount.decimals, eps.amount.scale) == (
        "EarningsPerShareBasic", Unit(("USD",), ("shares",)), Decimal("-0.42"), 2, 0)
    assert by[("EPS-DILUTED", 1)].amount.value == Decimal("-0.09")
    # a tag the taxonomy has no concept for becomes an extension concept named after its meaning
    cgs = by[("CGS", 0)]
    assert cgs.concept.extension == ("CostOfGoodsSold" not in load_concepts())
    # an unknown tag is reported, not guessed
    assert [d.code for d in diags if "WIDGETS" in d.message] == ["ex27.unknown-tag"]
    assert len(facts) == 14


def test_numbers_and_calendar_periods() -> None:
    assert parse_number("(1,234.5)") == (Decimal("-1234.5"), 1)
    assert parse_number("-17") == (Decimal("-17"), 0)
    assert parse_number(".42") == (Decimal("0.42"), 2)
    assert parse_number("DEC-31-1996") is None
    assert parse_number("(12") is None
    assert months_before(date(1997, 3, 31), 3) == date(1997, 1, 1)
    assert months_before(date(1996, 12, 31), 12) == date(1996, 1, 1)
    assert months_before(date(1997, 3, 28), 6) == date(1996, 9, 29)


def test_mapping_file_is_consistent_with_the_taxonomy() -> None:
    rules, currencies = load_rules()
    concepts = load_concepts()
    assert currencies["U.S. DOLLARS"] == "USD"
    for (article, tag), rule in rules.items():
        assert rule.data_type in ("monetary", "perShare", "percent"), (article, tag)
        c = concepts.get(rule.concept)
        if c is not None:
            assert c.period_type == rule.period_type, (article, tag)
            assert c.data_type == rule.data_type, (article, tag)


def test_a_filing_without_schedule_gives_nothing() -> None:
    facts, diags = parse_ex27(read_filing_bytes(b"FORM 6-K\nTurnover  1,000\n", "bare.txt"))
    assert facts == () and diags == []
